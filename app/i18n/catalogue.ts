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

export function translator(locale: Locale): Translate {
  const catalogue = registered[locale] ?? registered[DEFAULT_LOCALE];
  if (!catalogue) throw new Error(`The ${locale} catalogue is not loaded`);
  return (key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) => (params && name in params ? String(params[name]) : match));
}
