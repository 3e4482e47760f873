// Amounts of money: kept as whole minor units (cents, grosze; yen have none) with an ISO 4217
// currency, shown in the page's language, converted at a rate a person entered (no rate is
// fetched). The digits of each currency come from Intl (EUR 2, PLN 2, JPY 0), not from a table.

const digits = new Map<string, number>();

/** How many digits after the point a currency has. Throws a RangeError for a code that is none. */
export function digitsOf(currency: string): number {
  let found = digits.get(currency);
  if (found === undefined) {
    found = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digits.set(currency, found);
  }
  return found;
}

export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return Intl.supportedValuesOf("currency").includes(code);
}

/** "12,50 €", "1 000 ¥": an amount in minor units, in the page's language. */
export function moneyText(amountMinor: number, currency: string, locale: string): string {
  const places = digitsOf(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: places, maximumFractionDigits: places }).format(amountMinor / 10 ** places);
}

/** "1234.50", "1000": an amount in minor units as a plain decimal, for files (the accountant's CSV, the person's export). */
export function decimalAmount(amountMinor: number, currency: string): string {
  const places = digitsOf(currency);
  const sign = amountMinor < 0 ? "-" : "";
  const text = String(Math.abs(amountMinor)).padStart(places + 1, "0");
  return places ? `${sign}${text.slice(0, -places)}.${text.slice(-places)}` : `${sign}${text}`;
}

/** An amount typed as text ("12.5", "12,50", "1 000") in minor units of the currency; null if it is not one. */
export function parseAmount(text: string, currency: string): number | null {
  const places = digitsOf(currency);
  const plain = text.replace(/[\s\u00a0\u202f']/g, "").replace(",", ".");
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(plain);
  if (!match || (match[2]?.length ?? 0) > places) return null;
  return Number(match[1]) * 10 ** places + Number((match[2] ?? "").padEnd(places, "0") || "0");
}

const RATE = /^\d{1,9}(?:\.\d{1,9})?$/;

export function isRate(text: string): boolean {
  return RATE.test(text) && Number(text) > 0;
}

/**
 * `amountMinor` of `from` in minor units of `to`, at `rate` (units of `to` for one unit of
 * `from`, as written, e.g. "4.3125"); rounded half up. In whole numbers, so no float creeps in.
 */
export function convert(amountMinor: number, from: string, to: string, rate: string): number {
  if (from === to) return amountMinor;
  if (!isRate(rate)) throw new RangeError(`not a rate: ${rate}`);
  const [whole, fraction = ""] = rate.split(".");
  const scaled = BigInt(whole! + fraction);
  const numerator = BigInt(amountMinor) * scaled * 10n ** BigInt(digitsOf(to));
  const denominator = 10n ** BigInt(digitsOf(from) + fraction.length);
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}
