// The person record through its server module: what a partial edit keeps, who sees the full
// name, and that removing one detail removes that one only. (The mutation run in
// docs/mutation/ found these unchecked.)
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { removeFromPerson, updatePerson, viewPerson } from "~/persons/persons.server";
import { searchKey } from "~/persons/search-key";
import { searchPersons, type SearchQuery } from "~/persons/search.server";
import { viewerOf } from "../fixtures/accounts";
import { makeWorld, setNames, type World } from "../fixtures/world";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

describe("editing a person", () => {
  it("keeps what the form did not send: the full names (still found by them) and the dates", async () => {
    await db().person.update({ where: { id: world.personOne.id }, data: { fullNameLatin: "Hanna Kowalska", birthDate: new Date("1990-05-06T00:00:00Z") } });
    const caseworker = viewerOf(world.accounts.caseworker);
    expect(await updatePerson(caseworker, world.personOne.id, { version: 1, preferredName: "Ганя" })).toEqual({ ok: true });
    const saved = await db().person.findUniqueOrThrow({ where: { id: world.personOne.id } });
    expect([saved.preferredName, saved.fullName, saved.fullNameLatin, saved.birthDate?.toISOString()]).toEqual(["Ганя", "Ганна Сарока", "Hanna Kowalska", "1990-05-06T00:00:00.000Z"]);
    expect(saved.searchKey).toBe(searchKey("Ганя", "Ганна Сарока", "Hanna Kowalska"));
    const coordinator = viewerOf(world.accounts.coordinator);
    for (const q of ["Сарока", "Kowalska"]) {
      const found = await searchPersons(coordinator, { q, page: 1 });
      expect(found.items.map((p) => p.id)).toEqual([world.personOne.id]);
    }
  });
});

describe("viewing a person", () => {
  it("shows the full names to staff with need, and to nobody else", async () => {
    await db().person.update({ where: { id: world.personOne.id }, data: { fullNameLatin: "Hanna Saroka" } });
    const coordinator = await viewPerson(viewerOf(world.accounts.coordinator), world.personOne.id);
    expect([coordinator.preferredName, coordinator.fullName, coordinator.fullNameLatin]).toEqual(["Ганна", "Ганна Сарока", "Hanna Saroka"]);
  });
});

describe("removing a detail", () => {
  it("removes that restriction or contact only", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const [mine, other] = await Promise.all([
      db().restriction.create({ data: { personId: world.personOne.id, kind: "travel_ban" } }),
      db().restriction.create({ data: { personId: world.personOne.id, kind: "supervision" } }),
    ]);
    const theirs = await db().restriction.create({ data: { personId: world.personTwo.id, kind: "travel_ban" } });
    await removeFromPerson(caseworker, world.personOne.id, "restriction", mine.id);
    expect((await db().restriction.findMany({ orderBy: { id: "asc" } })).map((r) => r.id).sort()).toEqual([other.id, theirs.id].sort());
    // With both persons in the caseworker's scope, the one named is the one whose detail goes.
    await db().caseAssignment.create({ data: { caseId: world.caseTwo.id, accountId: world.accounts.caseworker.id, kind: "shared" } });
    await removeFromPerson(caseworker, world.personTwo.id, "restriction", theirs.id);
    expect((await db().restriction.findMany()).map((r) => r.id)).toEqual([other.id]);
  });
});

describe("searching with filters", () => {
  it("narrows a name's matches by case status, caseworker, country and support track", async () => {
    // Two persons found by one surname; each filter keeps the one it describes.
    await setNames(world.personOne.id, "Ганна", "Ганна Сарока");
    await setNames(world.personTwo.id, "Алеся", "Алеся Сарока");
    await db().person.update({ where: { id: world.personTwo.id }, data: { countryNow: "LT" } });
    await db().case.update({ where: { id: world.caseTwo.id }, data: { status: "on_hold" } });
    const other = await db().supportTrack.create({ data: { key: "housing", nameBe: "Жыллё", nameRu: "Жильё", nameEn: "Housing" } });
    await db().goal.create({ data: { caseId: world.caseOne.id, trackId: world.track.id, title: "Treatment" } });
    await db().needsAssessment.create({ data: { caseId: world.caseTwo.id, trackId: other.id, level: "high" } });
    const coordinator = viewerOf(world.accounts.coordinator);
    const found = async (filters: Partial<SearchQuery>) =>
      (await searchPersons(coordinator, { q: "Сарока", page: 1, ...filters })).items.map((p) => p.caseCode).sort();
    expect(await found({})).toEqual(["AC-ONE1-ONE1", "AC-TWO2-TWO2"]);
    expect(await found({ status: "on_hold" })).toEqual(["AC-TWO2-TWO2"]);
    expect(await found({ status: "closed" })).toEqual([]);
    expect(await found({ caseworker: world.accounts.caseworker.id })).toEqual(["AC-ONE1-ONE1"]);
    expect(await found({ country: "LT" })).toEqual(["AC-TWO2-TWO2"]);
    // A track counts through a goal or a needs assessment.
    expect(await found({ track: world.track.id })).toEqual(["AC-ONE1-ONE1"]);
    expect(await found({ track: other.id })).toEqual(["AC-TWO2-TWO2"]);
    expect(await found({ status: "active", country: "LT" })).toEqual([]);
    // And each filter alone, without a name: the filter's own index finds the candidates.
    const alone = async (filters: Partial<SearchQuery>) => (await searchPersons(coordinator, { q: "", page: 1, ...filters })).items.map((p) => p.caseCode).sort();
    expect(await alone({ status: "on_hold" })).toEqual(["AC-TWO2-TWO2"]);
    expect(await alone({ caseworker: world.accounts.caseworker.id })).toEqual(["AC-ONE1-ONE1"]);
    expect(await alone({ country: "LT" })).toEqual(["AC-TWO2-TWO2"]);
    expect(await alone({ track: world.track.id })).toEqual(["AC-ONE1-ONE1"]);
    // Through a needs assessment only, with no goal on the track.
    expect(await alone({ track: other.id })).toEqual(["AC-TWO2-TWO2"]);
  });
});

describe("searching by case code", () => {
  it("reads the range of codes a page at a time, the exact code first, within the viewer's scope", async () => {
    const codes = ["AC-RNG", ...Array.from({ length: 30 }, (_, index) => `AC-RNG-${String(29 - index).padStart(3, "0")}`)];
    for (const caseCode of codes) await db().person.create({ data: { caseCode, preferredName: "R" } });
    const erased = await db().person.create({ data: { caseCode: "AC-RNG-ERASED", preferredName: "E", erasedAt: new Date() } });
    const coordinator = viewerOf(world.accounts.coordinator);
    const first = await searchPersons(coordinator, { q: "ac-rng", page: 1 });
    const second = await searchPersons(coordinator, { q: "AC-RNG", page: 2 });
    const sorted = ["AC-RNG", ...codes.slice(1).sort()];
    expect(first.items.map((p) => p.caseCode)).toEqual(sorted.slice(0, 25));
    expect(second.items.map((p) => p.caseCode)).toEqual(sorted.slice(25));
    expect([first.total, first.pages, second.page]).toEqual([31, 2, 2]);
    expect(second.items.map((p) => p.id)).not.toContain(erased.id);
    // A page past the last shows the last; a caseworker finds only the codes of their own cases.
    expect((await searchPersons(coordinator, { q: "AC-RNG", page: 9 })).page).toBe(2);
    const mine = await db().person.findUniqueOrThrow({ where: { caseCode: "AC-RNG-007" } });
    await db().case.create({ data: { personId: mine.id, assignments: { create: { accountId: world.accounts.caseworker.id } } } });
    const caseworker = await searchPersons(viewerOf(world.accounts.caseworker), { q: "AC-RNG", page: 1 });
    expect([caseworker.items.map((p) => p.caseCode), caseworker.total]).toEqual([["AC-RNG-007"], 1]);
  });
});
