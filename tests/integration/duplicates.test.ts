// Duplicate warnings understand Belarusian and Russian names in Cyrillic and Latin spellings.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { compareNames, findDuplicates } from "~/persons/duplicates.server";
import { contactKey, searchKey } from "~/persons/search-key";
import { setNames } from "../fixtures/world";

async function onFile(caseCode: string, fullName: string, fullNameLatin: string | null, extra: { birthDate?: Date; contact?: string } = {}) {
  const person = await db().person.create({
    data: {
      caseCode,
      preferredName: fullName.split(" ")[0]!,
      fullName,
      fullNameLatin,
      birthDate: extra.birthDate ?? null,
      searchKey: searchKey(fullName, fullNameLatin),
      contacts: extra.contact ? { create: { kind: "signal", value: extra.contact, searchKey: contactKey(extra.contact) } } : undefined,
    },
  });
  await setNames(person.id, fullName, fullNameLatin);
  return person;
}

beforeEach(async () => {
  await onFile("AC-KAVA-LENK", "Аляксандр Каваленка", "Aliaksandr Kavalenka");
  await onFile("AC-MIAD-ZVED", "Алесь Мядзведзеў", "Ales Miadzviedzieu", { birthDate: new Date("1988-04-02") });
  await onFile("AC-SARO-KAAA", "Ганна Сарока", "Hanna Saroka", { contact: "+370 612 34567" });
  await onFile("AC-ZHUK-PAVE", "Павел Жук", "Pavel Zhuk");
});

const codesFor = async (name: string, extra: { birthDate?: Date; contacts?: string[] } = {}) =>
  (await findDuplicates({ name, ...extra })).map((c) => [c.caseCode, ...c.reasons]);

describe("duplicate warnings", () => {
  it.each([
    ["Аляксандр Каваленка", "AC-KAVA-LENK"],
    ["Aliaksandr Kavalenka", "AC-KAVA-LENK"],
    ["Александр Коваленко", "AC-KAVA-LENK"],
    ["Alexander Kovalenko", "AC-KAVA-LENK"],
    ["Алесь Мядзведзеў", "AC-MIAD-ZVED"],
    ["Aleś Miadźviedzieŭ", "AC-MIAD-ZVED"],
    ["Алесь Медведев", "AC-MIAD-ZVED"],
    ["Ганна Сарока", "AC-SARO-KAAA"],
    ["Hanna Saroka", "AC-SARO-KAAA"],
    ["Анна Сорока", "AC-SARO-KAAA"],
  ])("warns for %s", async (name, code) => {
    const found = await codesFor(name);
    expect(found[0]?.[0]).toBe(code);
    expect(found[0]).toContain("same_name");
    expect(found).toHaveLength(1);
  });

  it("warns for a typo in one letter", async () => {
    expect(await codesFor("Аляксандр Кавалепка")).toEqual([["AC-KAVA-LENK", "similar_name"]]);
    expect(await codesFor("Hanna Sarока".replace("ока", "oka").replace("Sar", "Ser"))).toEqual([["AC-SARO-KAAA", "similar_name"]]);
  });

  it("warns when first and last names are swapped", async () => {
    expect(await codesFor("Kavalenka Aliaksandr")).toEqual([["AC-KAVA-LENK", "same_name", "swapped_names"]]);
    expect(await codesFor("Медведев Алесь")).toEqual([["AC-MIAD-ZVED", "same_name", "swapped_names"]]);
  });

  it("is strengthened by the date of birth and found by a contact alone", async () => {
    expect(await codesFor("Алесь Медведев", { birthDate: new Date("1988-04-02") })).toEqual([["AC-MIAD-ZVED", "same_name", "same_birth_date"]]);
    expect(await codesFor("Someone Else", { contacts: ["+370 61234567"] })).toEqual([["AC-SARO-KAAA", "same_contact"]]);
  });

  it("does not warn for clearly different people", async () => {
    for (const name of ["Мікалай Лысенка", "Nikolai Lysenko", "Ганна Каваленка-Жук Іванова".replace(/.*/, "Ірына Бабко"), "Павел Сарока", "Ігар Каваленка", "Anna Zhukova"]) {
      expect(await codesFor(name), name).toEqual([]);
    }
  });

  it("compares whole names, not single words", () => {
    expect(compareNames("Аляксандр", "Аляксандр Каваленка")).toBeNull();
    expect(compareNames("Ганна Сарока", "Інна Сарока")).toBeNull();
  });
});
