// The one function that reads the catalogues, on the server and in the browser. The server
// holds all three (all-catalogues.ts registers them); a browser loads only its page's language
// before it hydrates (entry.client.tsx), so no page ships the other two. The locale itself is
// chosen in locale.server.ts.
import type { MessageKey } from "./en";

export type { MessageKey };
export type Catalogue = Record<MessageKey, string>;

export const LOCALES = ["be", "ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

const registered: Partial<Record<Locale, Catalogue>> = {};

export function registerCatalogue(locale: Locale, catalogue: Catalogue): void {
  registered[locale] = catalogue;
}

/** Each language's name in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { be: "Беларуская", ru: "Русский", en: "English" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

// Made once a language: making one costs more than a page's worth of messages.
const rulesOf = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
  let rules = rulesOf.get(locale);
  if (!rules) rulesOf.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

/** "{days, plural, one {# day} other {# days}}": ICU's plural form, the one part of it we use. */
const PLURAL = /\{(\w+), plural,((?:\s*\w+\s*\{[^{}]*\})+)\s*\}/g;
const FORM = /(\w+)\s*\{([^{}]*)\}/g;

/**
 * Fills a message's placeholders: `{name}` with its value, and a plural with the form that the
 * language's rules (Intl.PluralRules: Belarusian and Russian have one, few, many) give its
 * number, `#` standing for the number. An unknown placeholder stays visible.
 */
export function fill(message: string, locale: Locale, params?: Record<string, string | number>): string {
  // Most messages have nothing to fill: a page asks for hundreds of them.
  if (!message.includes("{")) return message;
  const counted = !message.includes(", plural,")
    ? message
    : message.replace(PLURAL, (match, name: string, body: string) => {
        if (!params || !(name in params)) return match;
        const forms = new Map([...body.matchAll(FORM)].map((form) => [form[1]!, form[2]!]));
        return (forms.get(pluralRules(locale).select(Number(params[name]))) ?? forms.get("other") ?? match).replace(/#/g, String(params[name]));
      });
  return counted.replace(/\{(\w+)\}/g, (match, name: string) => (params && name in params ? String(params[name]) : match));
}

export function translator(locale: Locale): Translate {
  const catalogue = registered[locale] ?? registered[DEFAULT_LOCALE];
  if (!catalogue) throw new Error(`The ${locale} catalogue is not loaded`);
  return (key, params) => fill(catalogue[key], locale, params);
}
