// Erasure on request: the person asks, a coordinator confirms with the case code, and then
// nothing tells who the person was or what they said; the reports count the same, and the
// audit log keeps that an erasure happened.
import { beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit-log/audit-log.server";
import { db } from "~/db/client.server";
import { contactKey } from "~/persons/search-key";
import { referralFigures } from "~/reports/referral-metrics.server";
import { action as erasureAction, loader as erasureLoader } from "~/routes/me.erasure";
import { loader as meLoader } from "~/routes/me._index";
import { loader as referralLoader } from "~/routes/partner.referrals.$referralId";
import { loader as caseLoader } from "~/routes/staff.cases.$caseId";
import { action as confirmAction, loader as queueLoader } from "~/routes/staff.erasures";
import { searchPage } from "../fixtures/search";
import { FIXTURE_PASSWORD, signedIn } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { figuresKeptByErasure } from "../fixtures/report-figures";
import { makeWorld, setNames, type World } from "../fixtures/world";
import { noticeDestination } from "../fixtures/notices";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

const post = (path: string, fields: Record<string, string>, cookie: string) => formPost(path, fields, { Cookie: cookie });

/** Everything a person leaves in the database, spread over the tables an erasure must reach. */
async function aLifeInTheDatabase(w: World) {
  await setNames(w.personOne.id, "Ганна", "Ганна Сарока", null);
  await db().person.update({ where: { id: w.personOne.id }, data: { cityNow: "Vilnius", countryNow: "LT", detentionPlace: "IK-15", riskFlags: "surveillance", birthDate: new Date("1990-04-01") } });
  await db().contactChannel.create({ data: { personId: w.personOne.id, kind: "email", value: "Hanna@Example.org", searchKey: contactKey("Hanna@Example.org") } });
  await db().restriction.create({ data: { personId: w.personOne.id, kind: "supervision", note: "reports weekly" } });
  await db().note.create({ data: { caseId: w.caseOne.id, body: "Told us about her brother" } });
  await db().caseMessage.create({ data: { caseId: w.caseOne.id, authorId: w.accounts.client.id, body: "Thank you for the call" } });
  await db().referralMessage.create({ data: { referralId: w.referral.id, authorId: w.accounts.partner.id, body: "We called her on Signal" } });
  await db().referralStatusChange.create({ data: { referralId: w.referral.id, toStatus: "sent", at: new Date(Date.now() - 3_600_000) } });
  await db().goal.create({ data: { caseId: w.caseOne.id, trackId: w.track.id, title: "Find a dentist in Vilnius" } });
  await db().activity.create({ data: { caseId: w.caseOne.id, kind: "meeting", occurredAt: new Date(), note: "Met near her flat", place: "Her flat, Žirmūnų 12" } });
  await db().helpRequest.update({ where: { id: w.requestOne.id }, data: { message: "I was released in May", contactValue: "@hanna", searchKey: " ганна hanna" } });
  await db().helpRequestTrack.create({ data: { requestId: w.requestOne.id, trackId: w.track.id } });
  await db().outboxEmail.create({ data: { to: w.accounts.client.email, template: "update", locale: "be" } });
  await db().outboxEmail.create({ data: { to: "hanna@example.org", template: "update", locale: "be" } });
}

async function askForErasure(w: World): Promise<string> {
  const client = await signedIn(w.accounts.client);
  const response = await settle(() => erasureAction(routeArgs(post("/me/erasure", { intent: "request", understood: "on", password: FIXTURE_PASSWORD }, client))));
  expect(response.status).toBe(302);
  return client;
}

describe("the person's request", () => {
  it("needs the tick and the password, each refused next to its field; asking twice is one request", async () => {
    const client = await signedIn(world.accounts.client);
    const ask = (fields: Record<string, string>) => settle(() => erasureAction(routeArgs(post("/me/erasure", { intent: "request", ...fields }, client))));
    const unticked = await ask({ password: FIXTURE_PASSWORD });
    expect((await unticked.json()).errors.understood).toBe("erasure.understandRequired");
    const wrong = await ask({ understood: "on", password: "not it" });
    expect((await wrong.json()).errors.password).toBe("password.currentWrong");
    expect(await db().erasureRequest.count()).toBe(0);

    await ask({ understood: "on", password: FIXTURE_PASSWORD });
    await ask({ understood: "on", password: FIXTURE_PASSWORD });
    expect(await db().erasureRequest.count({ where: { status: "requested" } })).toBe(1);
    const page = await (await settle(() => erasureLoader(routeArgs(get("/me/erasure", client))))).json();
    expect(page.pending).not.toBeNull();
    // The coordinators are told, without a word about what.
    expect(await noticeDestination(await db().outboxEmail.findFirstOrThrow({ where: { to: world.accounts.coordinator.email } }))).toBe("/staff/erasures");
  });

  it("can be taken back while it waits", async () => {
    const client = await askForErasure(world);
    await settle(() => erasureAction(routeArgs(post("/me/erasure", { intent: "cancel" }, client))));
    expect((await db().erasureRequest.findFirstOrThrow()).status).toBe("cancelled");
    expect((await (await settle(() => erasureLoader(routeArgs(get("/me/erasure", client))))).json()).pending).toBeNull();
    const coordinator = await signedIn(world.accounts.coordinator);
    expect((await (await settle(() => queueLoader(routeArgs(get("/staff/erasures", coordinator))))).json()).requests).toEqual([]);
  });
});

describe("the coordinator's confirmation", () => {
  beforeEach(async () => {
    await aLifeInTheDatabase(world);
  });

  it("is refused to a caseworker (404) and to a wrong case code, and then nothing is erased", async () => {
    await askForErasure(world);
    const request = await db().erasureRequest.findFirstOrThrow();
    const caseworker = await signedIn(world.accounts.caseworker);
    expect((await settle(() => confirmAction(routeArgs(post("/staff/erasures", { requestId: request.id, caseCode: "AC-ONE1-ONE1" }, caseworker))))).status).toBe(404);
    const coordinator = await signedIn(world.accounts.coordinator);
    const wrong = await settle(() => confirmAction(routeArgs(post("/staff/erasures", { requestId: request.id, caseCode: "AC-TWO2-TWO2" }, coordinator))));
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors.caseCode).toBe("erasure.codeMismatch");
    expect((await db().person.findUniqueOrThrow({ where: { id: world.personOne.id } })).fullName).toBe("Ганна Сарока");
  });

  it("erases the person's data, notes, messages and shared referral fields, and keeps the counts", async () => {
    await askForErasure(world);
    const request = await db().erasureRequest.findFirstOrThrow();
    const coordinator = await signedIn(world.accounts.coordinator);
    const queue = await (await settle(() => queueLoader(routeArgs(get("/staff/erasures", coordinator))))).json();
    expect(queue.requests).toMatchObject([{ caseCode: "AC-ONE1-ONE1", preferredName: "Ганна" }]);
    const search = async (q: string) => (await (await searchPage(`q=${encodeURIComponent(q)}`, coordinator)).json()).results.items;
    for (const q of ["Сарока", "Saroka", "AC-ONE1-ONE1", "hanna@example.org"]) expect(await search(q), q).toHaveLength(1);
    const [countsBefore, figuresBefore] = await Promise.all([figuresKeptByErasure(), referralFigures()]);

    const confirmed = await settle(() => confirmAction(routeArgs(post("/staff/erasures", { requestId: request.id, caseCode: "ac-one1-one1" }, coordinator))));
    expect(confirmed.status).toBe(302);

    // Nothing of who she is or what she said.
    const person = await db().person.findUniqueOrThrow({ where: { id: world.personOne.id } });
    expect(person).toMatchObject({ preferredName: "", fullName: null, fullNameLatin: null, searchKey: "", cityNow: null, countryNow: null, detentionPlace: null, riskFlags: "", birthDate: null, languages: "" });
    expect(person.erasedAt).not.toBeNull();
    expect(await db().nameToken.count({ where: { personId: person.id } })).toBe(0);
    expect(person.caseCode).not.toBe("AC-ONE1-ONE1");
    const where = { personId: world.personOne.id };
    expect(await db().contactChannel.count({ where })).toBe(0);
    expect(await db().restriction.count({ where })).toBe(0);
    expect(await db().consent.count({ where })).toBe(0);
    expect(await db().note.count({ where: { caseId: world.caseOne.id } })).toBe(0);
    expect(await db().caseMessage.count({ where: { caseId: world.caseOne.id } })).toBe(0);
    expect(await db().referralMessage.count({ where: { referralId: world.referral.id } })).toBe(0);
    expect(await db().referral.findUniqueOrThrow({ where: { id: world.referral.id } })).toMatchObject({ request: "", sharedFields: "", status: "cancelled", consentId: null });
    expect(await db().goal.findFirstOrThrow({ where: { caseId: world.caseOne.id } })).toMatchObject({ title: "" });
    expect(await db().activity.findFirstOrThrow({ where: { caseId: world.caseOne.id } })).toMatchObject({ note: "", place: null, kind: "meeting" });
    expect(await db().helpRequest.findUniqueOrThrow({ where: { id: world.requestOne.id } })).toMatchObject({ preferredName: "", contactValue: "", message: "", searchKey: "", secretHash: null });
    expect(await db().case.findUniqueOrThrow({ where: { id: world.caseOne.id } })).toMatchObject({ status: "closed", closeReason: "declined_by_person" });
    expect(await db().outboxEmail.count({ where: { to: { in: [world.accounts.client.email, "hanna@example.org"] } } })).toBe(0);
    expect(await db().account.findUnique({ where: { id: world.accounts.client.id } })).toBeNull();

    // No search finds her, no page shows her case, the partner sees nothing shared.
    for (const q of ["Ганна", "Сарока", "Saroka", "AC-ONE1-ONE1", "hanna@example.org"]) {
      expect(await search(q), q).toEqual([]);
    }
    expect((await settle(() => caseLoader(routeArgs(get(`/staff/cases/${world.caseOne.id}`, coordinator), { caseId: world.caseOne.id })))).status).toBe(404);
    const partner = await signedIn(world.accounts.partner);
    const shared = await (await settle(() => referralLoader(routeArgs(get(`/partner/referrals/${world.referral.id}`, partner), { referralId: world.referral.id })))).text();
    for (const word of ["Ганна", "@ac-one1-one1", "Please see her", "We called her"]) expect(shared).not.toContain(word);

    // The counts are the same.
    expect(await figuresKeptByErasure()).toEqual(countsBefore);
    expect(await referralFigures()).toEqual(figuresBefore);

    // The audit log says that an erasure happened, holds no word of what, and its chain holds.
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "erasure.confirm" } });
    expect(event).toMatchObject({ actorId: world.accounts.coordinator.id, personId: world.personOne.id, entityId: request.id });
    expect(JSON.stringify(await db().auditEvent.findMany())).not.toMatch(/Ганна|Сарока|hanna/i);
    expect((await verifyAuditChain()).ok).toBe(true);
    expect((await db().erasureRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("confirmed");
  });

  it("ends the person's sessions with their account", async () => {
    const client = await askForErasure(world);
    const request = await db().erasureRequest.findFirstOrThrow();
    const coordinator = await signedIn(world.accounts.coordinator);
    await settle(() => confirmAction(routeArgs(post("/staff/erasures", { requestId: request.id, caseCode: "AC-ONE1-ONE1" }, coordinator))));
    const after = await settle(() => meLoader(routeArgs(get("/me", client))));
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toMatch(/^\/login/);
  });
});
