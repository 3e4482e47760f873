// A person's record as caseworkers keep it: every field, contact channels and restrictions.
// Bad input is answered next to its field and kept; a field the form did not send stays as it
// was; another caseworker's person answers 404.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { action as personAction } from "~/routes/staff.persons.$personId";
import { searchPage } from "../fixtures/search";
import { signedIn } from "../fixtures/accounts";
import { formPost, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
let cookie: string;
beforeEach(async () => {
  world = await makeWorld();
  cookie = await signedIn(world.accounts.caseworker);
});

const send = (fields: Record<string, string | string[]>, personId = world.personOne.id, as = cookie) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
  const request = formPost(`/staff/persons/${personId}`, {}, { Cookie: as });
  return settle(() => personAction(routeArgs(new Request(request.url, { method: "POST", headers: request.headers, body }), { personId })));
};
const search = async (q: string) => (await (await searchPage(`q=${encodeURIComponent(q)}`, cookie)).json()).results.items;

describe("the person record", () => {
  it("saves every field; the new names are found in either script", async () => {
    const saved = await send({
      intent: "edit",
      version: "1",
      preferredName: "Ганна",
      fullName: "Ганна Мядзведзева",
      fullNameLatin: "Hanna Miadzviedzieva",
      birthDate: "1988-02-29",
      countryNow: "lt",
      cityNow: "Vilnius",
      languages: "BE, ru ,en",
      releaseDate: "2025-06-01",
      detentionPlace: "IK-4",
      riskFlags: ["", "under_surveillance", "family_at_risk"],
    });
    expect(saved.status).toBe(200);
    const person = await db().person.findUniqueOrThrow({ where: { id: world.personOne.id } });
    expect(person).toMatchObject({ fullName: "Ганна Мядзведзева", countryNow: "LT", languages: "be,ru,en", detentionPlace: "IK-4", riskFlags: "under_surveillance,family_at_risk", version: 2 });
    expect(person.birthDate?.toISOString().slice(0, 10)).toBe("1988-02-29");
    expect(await search("Медведева")).toHaveLength(1);
    expect(await search("Miadźviedzieva")).toHaveLength(1);
  });

  it("answers bad input next to each field, keeps it, and changes nothing", async () => {
    const refused = await send({ intent: "edit", version: "1", preferredName: "", birthDate: "2999-01-01", countryNow: "Lithuania", languages: "Belarusian", releaseDate: "yesterday", fullName: "x".repeat(201), riskFlags: ["", "invented"] });
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.errors).toEqual({
      preferredName: "person.preferredNameRequired",
      birthDate: "person.datePast",
      countryNow: "request.countryInvalid",
      languages: "person.languagesInvalid",
      releaseDate: "person.datePast",
      fullName: "form.tooLong",
      riskFlags: "form.errorSummary",
    });
    expect(body.values).toMatchObject({ countryNow: "Lithuania", languages: "Belarusian" });
    expect((await db().person.findUniqueOrThrow({ where: { id: world.personOne.id } })).version).toBe(1);
  });

  it("keeps what a form did not send, and clears what it sent empty", async () => {
    await send({ intent: "edit", version: "1", preferredName: "Аня" });
    const kept = await db().person.findUniqueOrThrow({ where: { id: world.personOne.id } });
    expect([kept.fullName, kept.languages]).toEqual(["Ганна Сарока", "be,ru"]);
    await send({ intent: "edit", version: "2", preferredName: "Аня", fullName: "", languages: "", riskFlags: "" });
    const emptied = await db().person.findUniqueOrThrow({ where: { id: world.personOne.id } });
    expect([emptied.fullName, emptied.languages, emptied.riskFlags]).toEqual([null, "", ""]);
  });
});

describe("contact channels and restrictions", () => {
  it("are added and removed, audited; a new contact is found by search", async () => {
    expect((await send({ intent: "add-contact", kind: "email", value: "Hanna@Example.org", safeTimes: "evenings" })).status).toBe(200);
    expect((await send({ intent: "add-restriction", kind: "travel_ban", until: "2027-01-31", note: "cannot leave LT" })).status).toBe(200);
    expect(await search("hanna@example.org")).toHaveLength(1);
    const contact = await db().contactChannel.findFirstOrThrow({ where: { personId: world.personOne.id, kind: "email" } });
    const restriction = await db().restriction.findFirstOrThrow({ where: { personId: world.personOne.id } });
    expect(restriction.until?.toISOString().slice(0, 10)).toBe("2027-01-31");
    await send({ intent: "remove-contact", id: contact.id });
    await send({ intent: "remove-restriction", id: restriction.id });
    expect(await db().contactChannel.count({ where: { personId: world.personOne.id, kind: "email" } })).toBe(0);
    expect(await db().restriction.count({ where: { personId: world.personOne.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "person.update", personId: world.personOne.id } })).toBe(4);
  });

  it("refuse bad input next to the field", async () => {
    const contact = await send({ intent: "add-contact", kind: "pigeon", value: "" , safeTimes: "" });
    expect((await contact.json()).errors).toEqual({ kind: "request.contactKindRequired", value: "request.contactRequired" });
    const restriction = await send({ intent: "add-restriction", kind: "", until: "soon", note: "" });
    expect((await restriction.json()).errors).toEqual({ kind: "person.restrictionKindRequired", until: "form.dateInvalid" });
  });

  it("of another caseworker's person, or of another person, answer 404", async () => {
    expect((await send({ intent: "add-contact", kind: "signal", value: "@x", safeTimes: "" }, world.personTwo.id)).status).toBe(404);
    const othersContact = await db().contactChannel.findFirstOrThrow({ where: { personId: world.personTwo.id } });
    // Removing another person's contact through this person's page finds nothing.
    expect((await send({ intent: "remove-contact", id: othersContact.id })).status).toBe(404);
    expect(await db().contactChannel.count({ where: { id: othersContact.id } })).toBe(1);
  });
});
