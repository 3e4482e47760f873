// Languages and countries by name in the page's language, never as codes ("be", "PL"): from
// the Unicode data every browser and Node carry (Intl.DisplayNames), not from our catalogues.
import type { Locale } from "./catalogue";

// Made once a language and kind: making one costs more than naming a page's rows with it.
const made = new Map<string, Intl.DisplayNames>();
function namesOf(type: "language" | "region", locale: Locale): Intl.DisplayNames {
  let names = made.get(`${type}:${locale}`);
  if (!names) made.set(`${type}:${locale}`, (names = new Intl.DisplayNames([locale], { type, fallback: "none" })));
  return names;
}

function displayName(type: "language" | "region", code: string, locale: Locale): string {
  try {
    const name = namesOf(type, locale).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : code;
  } catch {
    // Not a code at all (a country typed by hand before it was checked): shown as it was written.
    return code;
  }
}

/** "Беларуская", "Russian": a language code (be, ru, en) by its name. */
export function languageName(code: string, locale: Locale): string {
  return displayName("language", code, locale);
}

/** "Польшча", "Lithuania": an ISO 3166 country code by its name. */
export function countryName(code: string, locale: Locale): string {
  return displayName("region", code.toUpperCase(), locale);
}
