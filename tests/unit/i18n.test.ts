// Every string a person reads exists in Belarusian, Russian and English.
import { describe, expect, it } from "vitest";
import { catalogues } from "~/i18n/all-catalogues";
import { LOCALES, translator } from "~/i18n/catalogue";
import { en } from "~/i18n/en";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the catalogues", () => {
  const keys = Object.keys(en).sort();

  for (const locale of LOCALES) {
    it(`${locale} has exactly the keys of the English catalogue, none empty`, () => {
      const catalogue = catalogues[locale] as Record<string, string>;
      expect(Object.keys(catalogue).sort()).toEqual(keys);
      const empty = keys.filter((key) => !catalogue[key]?.trim());
      expect(empty).toEqual([]);
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

  it("is really translated: Belarusian and Russian differ from English where they should", () => {
    expect(translator("be")("login.title")).toBe("Уваход");
    expect(translator("ru")("login.title")).toBe("Вход");
  });
});
