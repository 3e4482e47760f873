// Every string a person reads exists in Belarusian, Russian and English.
import { describe, expect, it } from "vitest";
import { catalogues } from "~/i18n/all-catalogues";
import { LOCALES, translator } from "~/i18n/catalogue";
import { en } from "~/i18n/en";

// A placeholder is `{name}` or a plural's `{name, plural, …}`.
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort();

describe("the catalogues", () => {
  const keys = Object.keys(en).sort();

  // docs/glossary.md: one word per thing. The words it rules out, where they would slip back.
  it("use the glossary's words: a support track is накірунак, a help request заяўка / заявка", () => {
    const slips: string[] = [];
    const check = (locale: "be" | "ru", word: RegExp, allowedIn: RegExp) => {
      for (const [key, text] of Object.entries(catalogues[locale] as Record<string, string>)) if (word.test(text) && !allowedIn.test(key)) slips.push(`${locale} ${key}: ${text}`);
    };
    check("be", /(^|[^а-яёўі])кірун/i, /^$/);
    // Запыт / запрос is the erasure request's word only.
    check("be", /(^|[^а-яёўі])запыт(|ы|у|аў|ам|ах)([^а-яёўі]|$)/i, /erasure/i);
    check("ru", /(^|[^а-яё])запрос(|ы|а|ов|ам|ах)([^а-яё]|$)/i, /erasure/i);
    expect(slips).toEqual([]);
  });

  for (const locale of LOCALES) {
    it(`${locale} has exactly the keys of the English catalogue, none empty`, () => {
      const catalogue = catalogues[locale] as Record<string, string>;
      expect(Object.keys(catalogue).sort()).toEqual(keys);
      const empty = keys.filter((key) => !catalogue[key]?.trim());
      expect(empty).toEqual([]);
    });

    it(`${locale} gives every plural each form its language has`, () => {
      const catalogue = catalogues[locale] as Record<string, string>;
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const plurals = keys.filter((key) => catalogue[key]?.includes(", plural,"));
      expect(plurals.length).toBeGreaterThan(0);
      const lacking = plurals.filter((key) => categories.some((category) => !new RegExp(`[\\s,]${category}\\s*\\{`).test(catalogue[key]!)));
      expect(lacking).toEqual([]);
    });

    it(`${locale} uses the same placeholders as English`, () => {
      const catalogue = catalogues[locale] as Record<string, string>;
      const mismatched = keys.filter(
        (key) => placeholders(catalogue[key] ?? "").join() !== placeholders((en as Record<string, string>)[key] ?? "").join(),
      );
      expect(mismatched).toEqual([]);
    });
  }

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translator("be")("nav.signedInAs", { name: "Ганна" })).toBe("Вы ўвайшлі як Ганна");
    expect(translator("en")("nav.signedInAs")).toBe("Signed in as {name}");
  });

  it("gives each language its plural forms, by Intl.PluralRules (Belarusian and Russian have one, few and many)", () => {
    const days = (locale: (typeof LOCALES)[number]) => [1, 2, 5, 11, 21, 22].map((n) => translator(locale)("triage.days", { days: n }));
    expect(days("be")).toEqual(["1 дзень", "2 дні", "5 дзён", "11 дзён", "21 дзень", "22 дні"]);
    expect(days("ru")).toEqual(["1 день", "2 дня", "5 дней", "11 дней", "21 день", "22 дня"]);
    expect(days("en")).toEqual(["1 day", "2 days", "5 days", "11 days", "21 days", "22 days"]);
    // A plural without its number stays visible, as any unknown placeholder.
    expect(translator("en")("triage.days")).toBe("{days, plural, one {# day} other {# days}}");
  });

  it("is really translated: Belarusian and Russian differ from English where they should", () => {
    expect(translator("be")("login.title")).toBe("Уваход");
    expect(translator("ru")("login.title")).toBe("Вход");
  });
});
