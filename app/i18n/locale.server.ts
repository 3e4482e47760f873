// Which language a request gets: the person's remembered choice (a cookie), else the
// browser's Accept-Language, else English.
import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./catalogue";

export const localeCookie = createCookie("aftercare-locale", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production",
  maxAge: 60 * 60 * 24 * 365,
});

export function localeFor(request: Request): Promise<Locale> {
  return localeFromHeaders(request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}

/** The same choice from the two headers alone (the public page cache reads them off Express). */
export async function localeFromHeaders(cookie: string | null, acceptLanguage: string | null): Promise<Locale> {
  const chosen: unknown = await localeCookie.parse(cookie);
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage(acceptLanguage);
}

/** Picks the supported language with the highest q-value; "be-BY" counts as "be". */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { language: tag.toLowerCase().split("-")[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const match = ranked.find((entry) => (LOCALES as readonly string[]).includes(entry.language ?? ""));
  return match && isLocale(match.language) ? match.language : DEFAULT_LOCALE;
}
