// Records outside a viewer's scope answer 404, exactly like records that do not exist.
import { beforeEach, describe, expect, it } from "vitest";
import {
  caseScope,
  caseScopeSql,
  helpRequestScope,
  helpRequestScopeSql,
  personScope,
  personScopeSql,
  referralScope,
  referralScopeSql,
  restrictedNoteScopeSql,
} from "~/auth/policy";
import { viewCase } from "~/cases/cases.server";
import { db } from "~/db/client.server";
import { servicesForCase } from "~/referrals/referral-work.server";
import { read } from "~/db/read.server";
import { loader as caseLoader } from "~/routes/staff.cases.$caseId";
import { loader as personLoader } from "~/routes/staff.persons.$personId";
import { loader as referralLoader } from "~/routes/partner.referrals.$referralId";
import { loader as requestLoader } from "~/routes/me.requests.$requestId";
import { loader as triageLoader } from "~/routes/staff.requests.$requestId";
import { signedIn, viewerOf } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, setNames, type World } from "../fixtures/world";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

const status = (run: () => Promise<unknown>) => settle(run).then((r) => r.status);

describe("a partner", () => {
  it("sees a referral sent to its organisation, with only the consented fields", async () => {
    const cookie = await signedIn(world.accounts.partner);
    const response = await settle(() => referralLoader(routeArgs(get(`/partner/referrals/${world.referral.id}`, cookie), { referralId: world.referral.id })));
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(body).toContain("Ганна");
    expect(body).toContain("@ac-one1-one1");
    // Never the full name, the case, or fields that were not shared.
    expect(body).not.toContain("Сарока");
    expect(body).not.toContain(world.caseOne.id);
    expect(body).not.toContain("be,ru");
  });

  it("sees field by field only what both the referral and the person's consent name", async () => {
    await db().consent.update({ where: { id: world.consent.id }, data: { sharedFields: "preferredName,languages" } });
    const cookie = await signedIn(world.accounts.partner);
    const response = await settle(() => referralLoader(routeArgs(get(`/partner/referrals/${world.referral.id}`, cookie), { referralId: world.referral.id })));
    const { referral } = await response.json();
    // The referral names preferredName, contact and request; the consent preferredName and languages.
    expect(referral.shared).toEqual({ preferredName: "Ганна" });
  });

  it("shows a caseworker only the look-alikes they may open, and that there are others, never who", async () => {
    // A new request from someone named like the other caseworker's person.
    await setNames(world.personTwo.id, "Алесь", "Алесь Мядзведзеў");
    const request = await db().helpRequest.create({
      data: { code: "R-LOOK-ALIK", source: "public_form", language: "be", preferredName: "Алесь Мядзведзеў", contactKind: "signal", contactValue: "@someone-else" },
    });
    const read = async (cookie: string) => settle(() => triageLoader(routeArgs(get(`/staff/requests/${request.id}`, cookie), { requestId: request.id })));
    const caseworkerBody = await (await read(await signedIn(world.accounts.caseworker))).text();
    expect(JSON.parse(caseworkerBody)).toMatchObject({ duplicates: [], duplicatesOutOfSight: true });
    expect(caseworkerBody).not.toContain(world.personTwo.id);
    expect(caseworkerBody).not.toContain("AC-TWO2-TWO2");
    const seen = await (await read(await signedIn(world.accounts.coordinator))).json();
    expect(seen.duplicates.map((d: { caseCode: string }) => d.caseCode)).toEqual(["AC-TWO2-TWO2"]);
    expect(seen.duplicatesOutOfSight).toBe(false);
  });

  it("gets 404 for another organisation's referral, for drafts, and for any case or person", async () => {
    const cookie = await signedIn(world.accounts.otherPartner);
    expect(await status(() => referralLoader(routeArgs(get(`/partner/referrals/${world.referral.id}`, cookie), { referralId: world.referral.id })))).toBe(404);
    const own = await signedIn(world.accounts.partner);
    expect(await status(() => referralLoader(routeArgs(get(`/partner/referrals/${world.draft.id}`, own), { referralId: world.draft.id })))).toBe(404);
    expect(await status(() => caseLoader(routeArgs(get(`/staff/cases/${world.caseOne.id}`, own), { caseId: world.caseOne.id })))).toBe(404);
    expect(await status(() => personLoader(routeArgs(get(`/staff/persons/${world.personOne.id}`, own), { personId: world.personOne.id })))).toBe(404);
  });

  it("no longer sees the shared fields once the person withdraws consent", async () => {
    await db().consent.update({ where: { id: world.consent.id }, data: { withdrawnAt: new Date() } });
    const cookie = await signedIn(world.accounts.partner);
    const body = await (await settle(() => referralLoader(routeArgs(get(`/partner/referrals/${world.referral.id}`, cookie), { referralId: world.referral.id })))).text();
    expect(body).not.toContain("Ганна");
    expect(body).not.toContain("@ac-one1-one1");
    expect(body).not.toContain("Please see her");
  });
});

describe("a client", () => {
  it("withdraws their own consent in their space; the partner stops seeing the shared fields at once", async () => {
    const { action: meAction } = await import("~/routes/me._index");
    const client = await signedIn(world.accounts.client);
    const response = await settle(() => meAction(routeArgs(formPost("/me", { intent: "withdraw-consent", consentId: world.consent.id }, { Cookie: client }))));
    expect(response.status).toBe(302);
    const partner = await signedIn(world.accounts.partner);
    const seen = await (await settle(() => referralLoader(routeArgs(get(`/partner/referrals/${world.referral.id}`, partner), { referralId: world.referral.id })))).json();
    expect(seen.referral.shared).toEqual({});
    expect(await db().auditEvent.count({ where: { action: "consent.withdraw", personId: world.personOne.id } })).toBe(1);
    // The lead caseworker is told, without details.
    expect((await db().outboxEmail.findFirstOrThrow()).to).toBe(world.accounts.caseworker.email);
  });

  it("cannot withdraw another person's consent", async () => {
    const { action: meAction } = await import("~/routes/me._index");
    const other = await signedIn(world.accounts.otherClient);
    const response = await settle(() => meAction(routeArgs(formPost("/me", { intent: "withdraw-consent", consentId: world.consent.id }, { Cookie: other }))));
    expect(response.status).toBe(404);
    expect((await db().consent.findUniqueOrThrow({ where: { id: world.consent.id } })).withdrawnAt).toBeNull();
  });

  it("sees their own request and gets 404 for another client's", async () => {
    const cookie = await signedIn(world.accounts.client);
    expect(await status(() => requestLoader(routeArgs(get(`/me/requests/${world.requestOne.id}`, cookie), { requestId: world.requestOne.id })))).toBe(200);
    expect(await status(() => requestLoader(routeArgs(get(`/me/requests/${world.requestTwo.id}`, cookie), { requestId: world.requestTwo.id })))).toBe(404);
    expect(await status(() => requestLoader(routeArgs(get(`/me/requests/nonexistent`, cookie), { requestId: "nonexistent" })))).toBe(404);
  });
});

describe("a caseworker", () => {
  it("opens the cases assigned to them and gets 404 for one that is not open to them", async () => {
    const cookie = await signedIn(world.accounts.caseworker);
    expect(await status(() => caseLoader(routeArgs(get(`/staff/cases/${world.caseOne.id}`, cookie), { caseId: world.caseOne.id })))).toBe(200);
    expect(await status(() => caseLoader(routeArgs(get(`/staff/cases/${world.caseTwo.id}`, cookie), { caseId: world.caseTwo.id })))).toBe(404);
    expect(await status(() => personLoader(routeArgs(get(`/staff/persons/${world.personTwo.id}`, cookie), { personId: world.personTwo.id })))).toBe(404);
  });

  it("is refused, by the case module itself, a case not open to them and the services it could be referred to", async () => {
    // The route asks both; each must refuse on its own (one check must not rely on the other).
    const caseworker = viewerOf(world.accounts.caseworker);
    await expect(viewCase(caseworker, world.caseTwo.id)).rejects.toMatchObject({ status: 404 });
    await expect(servicesForCase(caseworker, world.caseTwo.id)).rejects.toMatchObject({ status: 404 });
    expect((await viewCase(caseworker, world.caseOne.id)).id).toBe(world.caseOne.id);
  });

  it("sees a case a coordinator opened to them", async () => {
    await db().caseAssignment.create({ data: { caseId: world.caseTwo.id, accountId: world.accounts.caseworker.id, kind: "shared" } });
    const cookie = await signedIn(world.accounts.caseworker);
    expect(await status(() => caseLoader(routeArgs(get(`/staff/cases/${world.caseTwo.id}`, cookie), { caseId: world.caseTwo.id })))).toBe(200);
  });

  it("loses the case when the assignment ends", async () => {
    await db().caseAssignment.updateMany({ where: { caseId: world.caseOne.id }, data: { endedAt: new Date() } });
    const cookie = await signedIn(world.accounts.caseworker);
    expect(await status(() => caseLoader(routeArgs(get(`/staff/cases/${world.caseOne.id}`, cookie), { caseId: world.caseOne.id })))).toBe(404);
  });
});

describe("a coordinator", () => {
  it("sees every case", async () => {
    const cookie = await signedIn(world.accounts.coordinator);
    for (const c of [world.caseOne, world.caseTwo]) {
      expect(await status(() => caseLoader(routeArgs(get(`/staff/cases/${c.id}`, cookie), { caseId: c.id })))).toBe(200);
    }
  });
});

describe("the policy's two forms of the person scope", () => {
  it("give every role the same persons, cases, notes, help requests and referrals, in Prisma and in SQL (the pages read in SQL use these)", async () => {
    // Beside the world's two: an erased person on a case of the caseworker's, a person whose
    // assignment ended, a person opened to the caseworker by a shared assignment, one with no case.
    const person = (caseCode: string) => db().person.create({ data: { caseCode, preferredName: "P" } });
    const [erased, ended, shared] = [await person("AC-ERAS-ED00"), await person("AC-ENDE-D000"), await person("AC-SHAR-ED00")];
    await person("AC-NOCA-SE00");
    await db().person.update({ where: { id: erased.id }, data: { erasedAt: new Date() } });
    const caseworker = world.accounts.caseworker.id;
    await db().case.create({ data: { personId: erased.id, assignments: { create: { accountId: caseworker } } } });
    await db().case.create({ data: { personId: ended.id, assignments: { create: { accountId: caseworker, endedAt: new Date() } } } });
    await db().case.create({ data: { personId: shared.id, assignments: { create: { accountId: caseworker, kind: "shared" } } } });
    for (const account of Object.values(world.accounts)) {
      const viewer = viewerOf(account);
      const inPrisma = await db().person.findMany({ where: personScope(viewer), select: { caseCode: true } });
      const inSql = await read<{ caseCode: string }>`SELECT "caseCode" FROM "Person" WHERE ${personScopeSql(viewer)}`;
      const codes = (rows: { caseCode: string }[]) => rows.map((row) => row.caseCode).sort();
      expect(codes(inSql), account.role).toEqual(codes(inPrisma));
    }
    // The help requests' scope too: a request on a case of the caseworker's, one past triage on another's.
    await db().helpRequest.update({ where: { id: world.requestOne.id }, data: { status: "accepted", caseId: world.caseOne.id } });
    await db().helpRequest.update({ where: { id: world.requestTwo.id }, data: { status: "accepted", caseId: world.caseTwo.id } });
    await db().helpRequest.create({ data: { code: "R-WAIT000", source: "public_form", language: "be", preferredName: "W", contactKind: "signal", contactValue: "@w" } });
    for (const account of Object.values(world.accounts)) {
      const viewer = viewerOf(account);
      const inPrisma = (await db().helpRequest.findMany({ where: helpRequestScope(viewer), select: { code: true } })).map((row) => row.code).sort();
      const inSql = (await read<{ code: string }>`SELECT "code" FROM "HelpRequest" WHERE ${helpRequestScopeSql(viewer)}`).map((row) => row.code).sort();
      expect(inSql, account.role).toEqual(inPrisma);
    }
    const requestsOf = async (account: Parameters<typeof viewerOf>[0]) =>
      (await read<{ code: string }>`SELECT "code" FROM "HelpRequest" WHERE ${helpRequestScopeSql(viewerOf(account))}`).map((row) => row.code).sort();
    expect(await requestsOf(world.accounts.caseworker)).toEqual(["R-ONE111", "R-WAIT000"]);
    expect(await requestsOf(world.accounts.client)).toEqual(["R-ONE111"]);
    expect(await requestsOf(world.accounts.partner)).toEqual([]);

    // And the referrals' scope: the world's sent one and its draft, and one sent to the other partner on the other case.
    await db().referral.create({ data: { caseId: world.caseTwo.id, serviceId: world.service.id, organizationId: world.partnerB.id, status: "sent", request: "r", sharedFields: "", sentAt: new Date() } });
    for (const account of Object.values(world.accounts)) {
      const viewer = viewerOf(account);
      const inPrisma = (await db().referral.findMany({ where: referralScope(viewer), select: { id: true } })).map((row) => row.id).sort();
      const inSql = (await read<{ id: string }>`SELECT "id" FROM "Referral" WHERE ${referralScopeSql(viewer)}`).map((row) => row.id).sort();
      expect(inSql, account.role).toEqual(inPrisma);
    }
    const referralsOf = async (account: Parameters<typeof viewerOf>[0]) => (await read<{ id: string }>`SELECT "id" FROM "Referral" WHERE ${referralScopeSql(viewerOf(account))}`).length;
    expect([await referralsOf(world.accounts.partner), await referralsOf(world.accounts.caseworker), await referralsOf(world.accounts.coordinator), await referralsOf(world.accounts.client)]).toEqual([1, 2, 3, 0]);

    // Cases, and the notes on them: restricted ones by someone else on the caseworker's lead case and on a case only shared with them.
    const sharedCase = await db().case.findFirstOrThrow({ where: { personId: shared.id } });
    const other = world.accounts.otherCaseworker.id;
    await db().note.createMany({
      data: [
        { caseId: world.caseOne.id, body: "open", restricted: false, authorId: other },
        { caseId: world.caseOne.id, body: "restricted, lead sees", restricted: true, authorId: other },
        { caseId: world.caseTwo.id, body: "own restricted", restricted: true, authorId: caseworker },
        { caseId: sharedCase.id, body: "restricted, shared does not see", restricted: true, authorId: other },
        { caseId: sharedCase.id, body: "restricted, no author", restricted: true, authorId: null },
      ],
    });
    for (const account of Object.values(world.accounts)) {
      const viewer = viewerOf(account);
      const cases = (await db().case.findMany({ where: caseScope(viewer), select: { id: true } })).map((row) => row.id).sort();
      expect((await read<{ id: string }>`SELECT "id" FROM "Case" WHERE ${caseScopeSql(viewer)}`).map((row) => row.id).sort(), account.role).toEqual(cases);
    }
    // Notes have only the SQL form: each role's notes, named.
    const notesOf = async (account: Parameters<typeof viewerOf>[0]) =>
      (await read<{ body: string }>`SELECT "body" FROM "Note" WHERE ${restrictedNoteScopeSql(viewerOf(account))}`).map((row) => row.body).sort();
    const every = ["open", "own restricted", "restricted, lead sees", "restricted, no author", "restricted, shared does not see"];
    expect(await notesOf(world.accounts.caseworker)).toEqual(["open", "own restricted", "restricted, lead sees"]);
    // The other caseworker wrote two of them and leads the case of the third.
    expect(await notesOf(world.accounts.otherCaseworker)).toEqual(["open", "own restricted", "restricted, lead sees", "restricted, shared does not see"]);
    expect([await notesOf(world.accounts.coordinator), await notesOf(world.accounts.admin)]).toEqual([every, every]);
    expect(await notesOf(world.accounts.partner)).toEqual(["open"]);

    // And the roles do differ, so the comparison compares something.
    const seen = async (account: Parameters<typeof viewerOf>[0]) => (await read<{ caseCode: string }>`SELECT "caseCode" FROM "Person" WHERE ${personScopeSql(viewerOf(account))}`).map((row) => row.caseCode).sort();
    expect(await seen(world.accounts.caseworker)).toEqual(["AC-ONE1-ONE1", "AC-SHAR-ED00"]);
    expect(await seen(world.accounts.partner)).toEqual([]);
    expect((await seen(world.accounts.coordinator)).length).toBe((await db().person.count()) - 1);
  });
});

describe("reading in bulk", () => {
  it("refuses a caseworker past the hourly limit of distinct persons, and writes an alert", async () => {
    process.env.PERSON_VIEWS_PER_HOUR = "1";
    try {
      await db().caseAssignment.create({ data: { caseId: world.caseTwo.id, accountId: world.accounts.caseworker.id, kind: "shared" } });
      const cookie = await signedIn(world.accounts.caseworker);
      const open = (personId: string) => status(() => personLoader(routeArgs(get(`/staff/persons/${personId}`, cookie), { personId })));
      expect(await open(world.personOne.id)).toBe(200);
      expect(await open(world.personOne.id)).toBe(200);
      expect(await open(world.personTwo.id)).toBe(429);
      expect(await db().auditEvent.count({ where: { action: "alert.bulk_read", actorId: world.accounts.caseworker.id } })).toBe(1);
      expect(await db().auditEvent.count({ where: { action: "person.view", personId: world.personTwo.id } })).toBe(0);
    } finally {
      delete process.env.PERSON_VIEWS_PER_HOUR;
    }
  });
});
