// The three catalogues and the one function that reads them. Works on the server and in the
// browser; the locale itself is chosen in locale.server.ts.
import { be } from "./be";
import { en, type MessageKey } from "./en";
import { ru } from "./ru";

export type { MessageKey };
export type Catalogue = Record<MessageKey, string>;

export const LOCALES = ["be", "ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const catalogues: Record<Locale, Catalogue> = { be, ru, en };

/** Each language's name in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { be: "Беларуская", ru: "Русский", en: "English" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) => (params && name in params ? String(params[name]) : match));
}
