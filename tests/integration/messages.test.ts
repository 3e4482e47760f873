// Messages between a person and their caseworkers, read through the server module: what counts
// as unread for whom, what marking as read touches, who is told by email, and the person's own
// view of their space and consents. (The mutation run in docs/mutation/ found these unchecked.)
import { beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { markReadByPerson, markReadByStaff, myMessages, sendToCaseworker, sendToPerson, unreadByPerson } from "~/messages/messages.server";
import { myConsents, mySpace, withdrawConsent } from "~/persons/persons.server";
import { viewerOf } from "../fixtures/accounts";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
let caseworker: Viewer;
let client: Viewer;
beforeEach(async () => {
  world = await makeWorld();
  caseworker = viewerOf(world.accounts.caseworker);
  client = viewerOf(world.accounts.client);
});

const emailsTo = (email: string) => db().outboxEmail.count({ where: { to: email } });

describe("unread messages", () => {
  it("are the staff's (or the system's) messages to the person that the person has not read, on their own cases only", async () => {
    await sendToPerson(caseworker, world.caseOne.id, "Your appointment is on Monday");
    await db().caseMessage.create({ data: { caseId: world.caseOne.id, authorId: null, body: "Reminder" } });
    await sendToPerson(viewerOf(world.accounts.otherCaseworker), world.caseTwo.id, "Hello");
    expect([await unreadByPerson(world.personOne.id), await unreadByPerson(world.personTwo.id)]).toEqual([2, 1]);

    const seen = await myMessages(client);
    expect(seen.messages.map((m) => [m.body, m.mine, m.unread, m.authorName])).toEqual([
      ["Your appointment is on Monday", false, true, "caseworker fixture"],
      ["Reminder", false, true, null],
    ]);
    expect(seen.canWrite).toBe(true);
    expect(seen.messages.every((m) => typeof m.id === "string" && m.createdAt instanceof Date)).toBe(true);

    await markReadByPerson(client);
    expect([await unreadByPerson(world.personOne.id), await unreadByPerson(world.personTwo.id)]).toEqual([0, 1]);
  });

  it("shows the person's own message as theirs, never unread, and answering marks what it answers as read", async () => {
    await sendToPerson(caseworker, world.caseOne.id, "How are you?");
    expect(await sendToCaseworker(client, "Better, thank you")).toEqual({ ok: true });
    const seen = await myMessages(client);
    expect(seen.messages.map((m) => [m.body, m.mine, m.unread, m.authorName])).toEqual([
      ["How are you?", false, false, "caseworker fixture"],
      ["Better, thank you", true, false, null],
    ]);
  });

  it("from the person are read once their caseworker answers", async () => {
    await sendToCaseworker(client, "Are you there?");
    await sendToPerson(caseworker, world.caseOne.id, "Yes");
    expect(await db().caseMessage.count({ where: { body: "Are you there?", readAt: null } })).toBe(0);
  });

  it("from the person are marked read by their caseworker on that case only", async () => {
    await sendToCaseworker(client, "Hello");
    await sendToCaseworker(viewerOf(world.accounts.otherClient), "Hello too");
    await markReadByStaff(caseworker, world.caseOne.id);
    const unread = await db().caseMessage.findMany({ where: { readAt: null }, select: { caseId: true } });
    expect(unread).toEqual([{ caseId: world.caseTwo.id }]);
    await expect(markReadByStaff(caseworker, world.caseTwo.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("writing", () => {
  it("tells the other side by email only when their account is active, and tells the current lead", async () => {
    await sendToPerson(caseworker, world.caseOne.id, "One");
    expect(await emailsTo(world.accounts.client.email)).toBe(1);
    await db().account.update({ where: { id: world.accounts.client.id }, data: { status: "disabled" } });
    await sendToPerson(caseworker, world.caseOne.id, "Two");
    expect(await emailsTo(world.accounts.client.email)).toBe(1);

    // A new lead: the former lead's assignment is older, and ended.
    await db().caseAssignment.updateMany({ where: { caseId: world.caseOne.id }, data: { endedAt: new Date() } });
    await db().caseAssignment.create({ data: { caseId: world.caseOne.id, accountId: world.accounts.otherCaseworker.id, kind: "lead" } });
    await sendToCaseworker(client, "Three");
    expect([await emailsTo(world.accounts.otherCaseworker.email), await emailsTo(world.accounts.caseworker.email)]).toEqual([1, 0]);
    await db().account.update({ where: { id: world.accounts.otherCaseworker.id }, data: { status: "disabled" } });
    await sendToCaseworker(client, "Four");
    expect(await emailsTo(world.accounts.otherCaseworker.email)).toBe(1);
  });

  it("to a person whose record was erased is refused as if the case did not exist", async () => {
    await db().person.update({ where: { id: world.personOne.id }, data: { erasedAt: new Date() } });
    await expect(sendToPerson(caseworker, world.caseOne.id, "Hello")).rejects.toMatchObject({ status: 404 });
  });

  it("waits for an open case", async () => {
    await db().case.update({ where: { id: world.caseOne.id }, data: { status: "closed" } });
    expect((await myMessages(client)).canWrite).toBe(false);
  });
});

describe("writing, when someone is missing", () => {
  it("tells nobody where the person has no account or the case no lead, records the send, and writes to the newest open case", async () => {
    const alone = await db().person.create({ data: { caseCode: "AC-ALON-E111", preferredName: "A" } });
    const itsCase = await db().case.create({ data: { personId: alone.id, status: "active", assignments: { create: { accountId: world.accounts.caseworker.id } } } });
    await sendToPerson(caseworker, itsCase.id, "Hello");
    const sent = await db().auditEvent.findFirstOrThrow({ where: { action: "message.send", entityId: itsCase.id } });
    expect([sent.entityType, sent.personId]).toEqual(["case", alone.id]);

    await db().caseAssignment.deleteMany({ where: { caseId: world.caseOne.id } });
    const newer = await db().case.create({ data: { personId: world.personOne.id, status: "active", openedAt: new Date(Date.now() + 60_000) } });
    expect(await sendToCaseworker(client, "Anyone?")).toEqual({ ok: true });
    expect(await db().caseMessage.findFirstOrThrow({ where: { body: "Anyone?" } })).toMatchObject({ caseId: newer.id });
    expect(await db().outboxEmail.count()).toBe(0);
  });
});

describe("the person's own space", () => {
  it("shows the latest case, the next appointment from today on, the plan in order and their requests newest first", async () => {
    const now = new Date("2026-12-02T15:00:00Z");
    // The latest case is the one opened last, whenever it was written.
    await db().case.update({ where: { id: world.caseOne.id }, data: { openedAt: new Date("2026-06-01T00:00:00Z") } });
    const current = await db().case.create({ data: { personId: world.personOne.id, status: "active", openedAt: new Date("2026-11-01T00:00:00Z") } });
    await db().activity.createMany({
      data: [
        { caseId: current.id, kind: "appointment", occurredAt: new Date("2026-12-01T12:00:00Z") },
        { caseId: current.id, kind: "call", occurredAt: new Date("2026-12-03T12:00:00Z") },
        { caseId: current.id, kind: "appointment", occurredAt: new Date("2026-12-09T12:00:00Z") },
        { caseId: current.id, kind: "appointment", occurredAt: new Date("2026-12-02T09:00:00Z") },
      ],
    });
    // Made out of order: the plan is in the order the goals were set, not the order they were written.
    await db().goal.create({ data: { caseId: current.id, trackId: world.track.id, title: "A flat", status: "in_progress", createdAt: new Date("2026-11-02T00:00:00Z") } });
    await db().goal.create({ data: { caseId: current.id, trackId: world.track.id, title: "A doctor", createdAt: new Date("2026-11-01T00:00:00Z") } });
    const older = await db().case.create({ data: { personId: world.personOne.id, status: "closed", openedAt: new Date("2020-01-01T00:00:00Z") } });
    await db().goal.create({ data: { caseId: older.id, trackId: world.track.id, title: "Old" } });
    const later = await db().helpRequest.create({
      data: { code: "R-LATER11", source: "public_form", language: "be", preferredName: "X", contactKind: "signal", contactValue: "@x", personId: world.personOne.id, createdAt: new Date(Date.now() + 60_000) },
    });
    await sendToPerson(caseworker, world.caseOne.id, "Hello");

    expect(await mySpace(client, now)).toEqual({
      caseCode: "AC-ONE1-ONE1",
      caseStatus: "active",
      nextAppointment: "2026-12-02",
      plan: [
        { title: "A doctor", status: "identified" },
        { title: "A flat", status: "in_progress" },
      ],
      unreadMessages: 1,
      requests: [
        { id: later.id, code: "R-LATER11", status: later.status },
        { id: world.requestOne.id, code: "R-ONE111", status: world.requestOne.status },
      ],
    });
  });

  it("shows an empty plan to a person without a case", async () => {
    await db().case.deleteMany({ where: { personId: world.personOne.id } });
    expect(await mySpace(client)).toMatchObject({ caseStatus: null, nextAppointment: null, plan: [] });
  });

  it("shows no next appointment on a closed case", async () => {
    await db().activity.create({ data: { caseId: world.caseOne.id, kind: "appointment", occurredAt: new Date(Date.now() + 86_400_000) } });
    await db().case.update({ where: { id: world.caseOne.id }, data: { status: "closed" } });
    expect(await mySpace(client)).toMatchObject({ caseStatus: "closed", nextAppointment: null });
  });

  it("lists the person's own consents only, oldest first, and withdrawing one tells the current lead", async () => {
    await db().consent.update({ where: { id: world.consent.id }, data: { givenAt: new Date(Date.now() - 60_000) } });
    const oldest = await db().consent.create({
      data: { personId: world.personOne.id, purpose: "contact", sharedFields: "", textVersion: "t", method: "written", givenAt: new Date("2026-01-01T00:00:00Z") },
    });
    const newer = await db().consent.create({
      data: { personId: world.personOne.id, purpose: "referral_sharing", recipientOrganizationId: world.partnerB.id, sharedFields: "request", textVersion: "t", method: "phone", givenAt: new Date(Date.now() + 60_000) },
    });
    const listed = await myConsents(client);
    expect(listed.map((c) => [c.id, c.purpose, c.sharedFields, c.recipientOrganization?.name, c.withdrawnAt])).toEqual([
      [oldest.id, "contact", "", undefined, null],
      [world.consent.id, "referral_sharing", "preferredName,contact,request", "Partner A", null],
      [newer.id, "referral_sharing", "request", "Partner B", null],
    ]);
    expect(listed.every((c) => c.givenAt instanceof Date)).toBe(true);

    // The lead of this person's case, not the first lead of any case (the other caseworker leads the other person's).
    await db().caseAssignment.updateMany({ where: { caseId: world.caseOne.id }, data: { endedAt: new Date() } });
    await db().caseAssignment.create({ data: { caseId: world.caseOne.id, accountId: world.accounts.coordinator.id, kind: "lead" } });
    await withdrawConsent(client, newer.id);
    expect([await emailsTo(world.accounts.coordinator.email), await emailsTo(world.accounts.otherCaseworker.email), await emailsTo(world.accounts.caseworker.email)]).toEqual([1, 0, 0]);
    await expect(withdrawConsent(client, newer.id)).rejects.toMatchObject({ status: 404 });
    // A lead whose account is disabled is not written to; a case without a lead tells nobody.
    await db().account.update({ where: { id: world.accounts.coordinator.id }, data: { status: "disabled" } });
    await withdrawConsent(client, world.consent.id);
    await db().caseAssignment.deleteMany({ where: { caseId: world.caseOne.id } });
    await withdrawConsent(client, oldest.id);
    expect(await db().outboxEmail.count()).toBe(1);
  });
});
