import { describe, expect, it } from "vitest";
import { localeCookie, localeFor, localeFromAcceptLanguage } from "~/i18n/locale.server";

describe("choosing the language", () => {
  it("follows Accept-Language by quality, with regional tags", () => {
    expect(localeFromAcceptLanguage("be-BY,be;q=0.9,ru;q=0.8,en;q=0.5")).toBe("be");
    expect(localeFromAcceptLanguage("de-DE,ru;q=0.7,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("pl,ru;q=0.5")).toBe("ru");
    expect(localeFromAcceptLanguage("pl,de")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage("ru;q=0,be;q=0.1")).toBe("be");
  });

  it("prefers the remembered choice over the browser", async () => {
    const cookie = await localeCookie.serialize("be");
    const request = new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0]!, "Accept-Language": "ru" } });
    expect(await localeFor(request)).toBe("be");
  });

  it("ignores a forged cookie value", async () => {
    const cookie = await localeCookie.serialize("xx");
    const request = new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0]!, "Accept-Language": "ru" } });
    expect(await localeFor(request)).toBe("ru");
  });
});
