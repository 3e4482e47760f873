// Search and the duplicate warnings find what the labelled name pairs call one person: each
// pair's one name on file is found by the other, through the name-token index, both ways.
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { findDuplicates } from "~/persons/duplicates.server";
import { COMMON, refreshSearchKeys, tokensOfKey } from "~/persons/name-tokens.server";
import { searchKey } from "~/persons/search-key";
import { searchPage } from "../fixtures/search";
import { makeAccount, signedIn } from "../fixtures/accounts";
import { NAME_PAIRS } from "../fixtures/name-pairs";
import { setNames } from "../fixtures/world";

const matches = NAME_PAIRS.filter((pair) => pair.same);

async function onFile(index: number, name: string) {
  const person = await db().person.create({ data: { caseCode: `AC-NP${String(index).padStart(3, "0")}-NAME`, preferredName: name.split(" ")[0]!, fullName: name } });
  await setNames(person.id, name.split(" ")[0]!, name);
  return person;
}

describe("names in any spelling", () => {
  it("search finds every pair labelled one person, both ways, and so do the duplicate warnings", async () => {
    const cookie = await signedIn(await makeAccount("coordinator"));
    const found = async (q: string) =>
      ((await (await searchPage(`q=${encodeURIComponent(q)}`, cookie)).json()).results.items as { id: string }[]).map((r) => r.id);
    const missedBySearch: string[] = [];
    const missedByWarnings: string[] = [];
    for (const [index, pair] of matches.entries()) {
      for (const [query, stored] of [
        [pair.a, pair.b],
        [pair.b, pair.a],
      ] as const) {
        const person = await onFile(index, stored);
        if (!(await found(query)).includes(person.id)) missedBySearch.push(`${query} → ${stored}`);
        if (!(await findDuplicates({ name: query })).some((candidate) => candidate.personId === person.id)) missedByWarnings.push(`${query} → ${stored}`);
        await db().person.delete({ where: { id: person.id } });
      }
    }
    expect(missedBySearch).toEqual([]);
    // The warnings decide with the comparison, whose recall is measured in tests/unit/name-pairs.test.ts.
    expect(missedByWarnings.length).toBeLessThanOrEqual(Math.floor(matches.length * 2 * 0.05));
  });

  it("an upgrade folds the stored names again when the rules changed, once", async () => {
    // As stored before Łacinka's c was folded: an old key and no tokens.
    const person = await db().person.create({ data: { caseCode: "AC-OLDK-EYS1", preferredName: "Aleś", fullName: "Aleś Bialacki", searchKey: " ales bialacki " } });
    expect(await refreshSearchKeys(db(), 1)).toBe(1);
    expect(await refreshSearchKeys(db())).toBeNull();
    const refolded = await db().person.findUniqueOrThrow({ where: { id: person.id } });
    expect(refolded.searchKey).toBe(searchKey("Aleś", "Aleś Bialacki"));
    expect((await findDuplicates({ name: "Алесь Бяляцкі" })).map((c) => c.personId)).toEqual([person.id]);
  });
});

describe("common names", () => {
  /** Persons on file under these names, their keys and tokens written in two statements, as many as a large organisation has. */
  async function onFileMany(prefix: string, names: string[]): Promise<string[]> {
    const persons = names.map((name, index) => {
      const [first] = name.split(" ");
      return { id: `${prefix}-${String(index).padStart(4, "0")}`, caseCode: `AC-${prefix}-${String(index).padStart(4, "0")}`, preferredName: first!, fullName: name, searchKey: searchKey(first!, name) };
    });
    await db().person.createMany({ data: persons });
    await db().nameToken.createMany({ data: persons.flatMap((p) => tokensOfKey(p.searchKey).map((token) => ({ token, personId: p.id }))) });
    return persons.map((p) => p.id);
  }

  it("a name of two common words finds everyone who holds both, and only them, however many hold each", async () => {
    const cookie = await signedIn(await makeAccount("coordinator"));
    const search = async (q: string, page = 1) =>
      (await (await searchPage(`q=${encodeURIComponent(q)}&page=${page}`, cookie)).json()).results as {
        items: { id: string }[];
        total: number;
        more: boolean;
      };
    // More than COMMON persons hold each word; 40 hold both, in any order and script.
    const both = await onFileMany("BOTH", [
      ...Array.from({ length: 30 }, () => "Андрэй Сарока"),
      ...Array.from({ length: 5 }, () => "Andrei Saroka"),
      ...Array.from({ length: 5 }, () => "Сорока Андрей"),
    ]);
    await onFileMany("FRST", Array.from({ length: COMMON + 10 }, () => "Андрэй Каваленка"));
    await onFileMany("LAST", Array.from({ length: COMMON + 10 }, () => "Алесь Сарока"));
    const [rare] = await onFileMany("RARE", ["Гедымін Сарока"]);

    const found = await search("Андрэй Сарока");
    expect(found.total).toBe(40);
    expect(found.more).toBe(false);
    const allPages = [...found.items, ...(await search("Андрэй Сарока", 2)).items].map((item) => item.id);
    expect(new Set(allPages)).toEqual(new Set(both));
    // The duplicate warnings find them along the same pair.
    const warned = (await findDuplicates({ name: "Андрэй Сарока" })).map((candidate) => candidate.personId);
    expect(warned.length).toBeGreaterThan(0);
    expect(warned.every((id) => both.includes(id))).toBe(true);
    // A rare word finds its persons, and the common word is asked among them.
    expect((await search("Гедымін Сарока")).items.map((item) => item.id)).toEqual([rare]);
    // One common word alone: some of its holders, and the search says there are more.
    const one = await search("Андрэй");
    expect(one.more).toBe(true);
    expect(one.items.length).toBeGreaterThan(0);
  });
});
