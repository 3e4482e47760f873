// A partner organisation's side of referrals, read through the server module: its inbox and
// counts hold its own sent referrals only, a referral's page carries its history and messages,
// each answer records what it says, and reading many persons' referrals is throttled as any
// other bulk read. (The mutation run in docs/mutation/ found these unchecked.)
import { beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { actOnReferral, cancelReferral, messagePartner, referCase, servicesForCase } from "~/referrals/referral-work.server";
import { partnerInbox, partnerOverview, viewReferralAsPartner } from "~/referrals/referrals.server";
import { verifyAuditChain } from "~/audit-log/audit-log.server";
import { viewerOf } from "../fixtures/accounts";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
let partner: Viewer;
beforeEach(async () => {
  world = await makeWorld();
  partner = viewerOf(world.accounts.partner);
});

async function sentReferral(caseId: string, organizationId: string, serviceId: string, status: "sent" | "accepted", sentAt: Date) {
  return db().referral.create({ data: { caseId, serviceId, organizationId, status, request: "r", sharedFields: "request", sentAt } });
}

describe("a partner's inbox", () => {
  it("lists its organisation's sent referrals, newest first, and counts those awaiting an answer and those in progress", async () => {
    const serviceB = await db().service.create({ data: { organizationId: world.partnerB.id, trackId: world.track.id, name: "Lawyer" } });
    await sentReferral(world.caseTwo.id, world.partnerB.id, serviceB.id, "sent", new Date(Date.now() + 60_000));
    const accepted = await sentReferral(world.caseTwo.id, world.partnerA.id, world.service.id, "accepted", new Date(Date.now() - 60_000));

    const inbox = await partnerInbox(partner);
    expect(inbox.items.map((r) => [r.id, r.status, r.service.name])).toEqual([
      [world.referral.id, "sent", "Clinic"],
      [accepted.id, "accepted", "Clinic"],
    ]);
    expect(inbox.items.every((r) => r.sentAt instanceof Date)).toBe(true);
    expect((await partnerInbox(partner, "accepted")).items.map((r) => r.id)).toEqual([accepted.id]);

    expect(await partnerOverview(partner)).toEqual({ organizationName: "Partner A", awaiting: 1, inProgress: 1 });
    expect(await partnerOverview(viewerOf(world.accounts.otherPartner))).toEqual({ organizationName: "Partner B", awaiting: 1, inProgress: 0 });
  });

  it("names the person and what is asked where the referral shares them and the consent stands, each audited as a view", async () => {
    const [row] = (await partnerInbox(partner)).items;
    expect([row?.id, row?.pseudonym, row?.request, row?.withheld]).toEqual([world.referral.id, world.personOne.preferredName, "Please see her this week", false]);
    expect(await db().auditEvent.count({ where: { action: "referral.view", actorId: partner.accountId, entityId: world.referral.id, personId: world.personOne.id } })).toBe(1);
    // The consent withdrawn: the row says neither, and nothing is read.
    await db().consent.update({ where: { id: world.consent.id }, data: { withdrawnAt: new Date() } });
    const [after] = (await partnerInbox(partner)).items;
    expect([after?.pseudonym, after?.request, after?.withheld]).toEqual([undefined, undefined, false]);
    expect(await db().auditEvent.count({ where: { action: "referral.view", actorId: partner.accountId } })).toBe(1);
  });

  it("withholds the names past the hourly limit of distinct persons, with one alert", async () => {
    const consent = await db().consent.create({
      data: { personId: world.personTwo.id, purpose: "referral_sharing", recipientOrganizationId: world.partnerA.id, sharedFields: "preferredName", textVersion: "test", method: "in_person" },
    });
    const second = await db().referral.create({
      data: { caseId: world.caseTwo.id, serviceId: world.service.id, organizationId: world.partnerA.id, status: "sent", request: "r", sharedFields: "preferredName", consentId: consent.id, sentAt: new Date(Date.now() + 60_000) },
    });
    process.env.PERSON_VIEWS_PER_HOUR = "1";
    try {
      const rows = (await partnerInbox(partner)).items;
      expect(rows.map((r) => [r.id, r.pseudonym, r.withheld])).toEqual([
        [second.id, world.personTwo.preferredName, false],
        [world.referral.id, undefined, true],
      ]);
      expect(await db().auditEvent.count({ where: { action: "alert.bulk_read", actorId: partner.accountId } })).toBe(1);
      // The page's views and its alert were written together, and the chain still holds.
      expect(await verifyAuditChain()).toMatchObject({ ok: true });
    } finally {
      delete process.env.PERSON_VIEWS_PER_HOUR;
    }
  });

  it("is nobody's without an organisation", async () => {
    await expect(partnerOverview({ ...partner, organizationId: null })).rejects.toMatchObject({ status: 404 });
  });
});

describe("a referral's page for the partner", () => {
  it("shows the shared fields, the steps and the messages of both sides, in order", async () => {
    await db().contactChannel.updateMany({ where: { personId: world.personOne.id }, data: { safeTimes: "evenings" } });
    await db().referralMessage.create({ data: { referralId: world.referral.id, authorId: world.accounts.caseworker.id, body: "She prefers mornings", createdAt: new Date(Date.now() - 1000) } });
    expect(await actOnReferral(partner, world.referral.id, { intent: "accept", version: 1, note: "Thursday 10:00" })).toEqual({ ok: true, referralId: world.referral.id });
    expect(await actOnReferral(partner, world.referral.id, { intent: "message", body: "Confirmed" })).toEqual({ ok: true, referralId: world.referral.id });

    const seen = await viewReferralAsPartner(partner, world.referral.id);
    expect(seen.shared).toEqual({ preferredName: "Ганна", contact: "signal: @ac-one1-one1 (evenings)", request: "Please see her this week" });
    expect([seen.status, seen.version, seen.serviceName, seen.sentAt]).toEqual(["accepted", 2, "Clinic", world.referral.sentAt!.toISOString()]);
    expect(seen.history.map((h) => [h.toStatus, h.reason, h.note])).toEqual([["accepted", null, "Thursday 10:00"]]);
    expect(seen.messages.map((m) => [m.body, m.fromPartner])).toEqual([
      ["She prefers mornings", false],
      ["Confirmed", true],
    ]);
    expect(seen.messages.every((m) => typeof m.id === "string" && !Number.isNaN(Date.parse(m.at)))).toBe(true);
  });

  it("is refused past the hourly limit of distinct persons, with an alert", async () => {
    process.env.PERSON_VIEWS_PER_HOUR = "1";
    try {
      const second = await sentReferral(world.caseTwo.id, world.partnerA.id, world.service.id, "sent", new Date());
      await viewReferralAsPartner(partner, world.referral.id);
      await expect(viewReferralAsPartner(partner, second.id)).rejects.toMatchObject({ status: 429 });
      expect(await db().auditEvent.count({ where: { action: "alert.bulk_read", actorId: partner.accountId } })).toBe(1);
      expect(await db().auditEvent.count({ where: { action: "referral.view", entityId: second.id } })).toBe(0);
    } finally {
      delete process.env.PERSON_VIEWS_PER_HOUR;
    }
  });
});

describe("a partner's answer", () => {
  it("records when it first answered, why it declined, and the outcome", async () => {
    await actOnReferral(partner, world.referral.id, { intent: "decline", version: 1, reason: "no_capacity", note: "Full until March" });
    const declined = await db().referral.findUniqueOrThrow({ where: { id: world.referral.id } });
    expect([declined.status, declined.declineReason, declined.reasonNote, declined.notCompletedReason, declined.outcome]).toEqual(["declined", "no_capacity", "Full until March", null, null]);
    expect(declined.respondedAt).toBeInstanceOf(Date);
    const step = await db().referralStatusChange.findFirstOrThrow({ where: { referralId: world.referral.id } });
    expect([step.fromStatus, step.toStatus, step.reason, step.note]).toEqual(["sent", "declined", "no_capacity", "Full until March"]);

    const other = await sentReferral(world.caseOne.id, world.partnerA.id, world.service.id, "accepted", new Date());
    await actOnReferral(partner, other.id, { intent: "progress", version: 1, note: "First visit done" });
    expect((await db().referral.findUniqueOrThrow({ where: { id: other.id } })).respondedAt).toBeNull();
    await actOnReferral(partner, other.id, { intent: "complete", version: 2, outcome: "Treated" });
    const completed = await db().referral.findUniqueOrThrow({ where: { id: other.id } });
    expect([completed.status, completed.outcome, completed.declineReason]).toEqual(["completed", "Treated", null]);
    const steps = await db().referralStatusChange.findMany({ where: { referralId: other.id }, orderBy: { at: "asc" } });
    expect(steps.map((s) => [s.fromStatus, s.toStatus, s.note])).toEqual([
      ["accepted", "accepted", "First visit done"],
      ["accepted", "completed", "Treated"],
    ]);
  });

  it("is refused for a referral that is no longer open, and names the form", async () => {
    await actOnReferral(partner, world.referral.id, { intent: "decline", version: 1, reason: "no_capacity", note: "" });
    expect(await actOnReferral(partner, world.referral.id, { intent: "progress", version: 2, note: "x" })).toEqual({ ok: false, field: "form", problem: "referral.notOpen", status: 400 });
    expect(await actOnReferral(partner, world.referral.id, { intent: "accept", version: 2, note: "" })).toEqual({ ok: false, field: "form", problem: "referral.transitionNotAllowed", status: 400 });
  });
});

describe("referring a case", () => {
  it("offers the services of the case's goals' tracks, open ones first, with their areas and room", async () => {
    await db().goal.create({ data: { caseId: world.caseOne.id, trackId: world.track.id, title: "A doctor" } });
    const otherTrack = await db().supportTrack.create({ data: { key: "legal", nameBe: "Прававая", nameRu: "Правовая", nameEn: "Legal" } });
    await db().service.create({ data: { organizationId: world.partnerB.id, trackId: otherTrack.id, name: "Lawyer" } });
    const paused = await db().service.create({ data: { organizationId: world.partnerB.id, trackId: world.track.id, name: "Another clinic", status: "temporarily_closed" } });
    // Written last, listed first: open services before closed ones, then by name.
    const first = await db().service.create({ data: { organizationId: world.partnerB.id, trackId: world.track.id, name: "Aardvark clinic", languages: "be,ru" } });
    await db().serviceArea.create({ data: { serviceId: world.service.id, country: "LT", city: "Vilnius" } });
    await db().serviceArea.create({ data: { serviceId: world.service.id, country: "PL" } });
    await db().serviceCapacity.create({ data: { serviceId: world.service.id, available: 2, updatedAt: new Date(Date.now() - 60_000) } });
    await db().serviceCapacity.create({ data: { serviceId: world.service.id, available: 0 } });

    const offered = await servicesForCase(viewerOf(world.accounts.caseworker), world.caseOne.id);
    expect(offered).toEqual([
      expect.objectContaining({ id: first.id, label: "Partner B · Aardvark clinic", open: true, languages: "be,ru" }),
      expect.objectContaining({ id: world.service.id, label: "Partner A · Clinic", open: true, available: 0, areas: "LT Vilnius, PL", trackId: world.track.id }),
      expect.objectContaining({ id: paused.id, label: "Partner B · Another clinic", open: false, available: null, areas: "" }),
    ]);
  });

  it("names the field that is wrong: a closed case, a goal of another case, a service of another track", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const input = { intent: "refer" as const, consentGiven: "on" as const, goalId: "", serviceId: world.service.id, request: "See her", sharedFields: ["request" as const], documentIds: [], consentMethod: "in_person" as const };
    const othersGoal = await db().goal.create({ data: { caseId: world.caseTwo.id, trackId: world.track.id, title: "Theirs" } });
    expect(await referCase(caseworker, world.caseOne.id, { ...input, goalId: othersGoal.id })).toEqual({ ok: false, field: "goalId", problem: "referral.goalRequired", status: 400 });
    const goal = await db().goal.create({ data: { caseId: world.caseOne.id, trackId: world.track.id, title: "Mine" } });
    const otherTrack = await db().supportTrack.create({ data: { key: "legal", nameBe: "Прававая", nameRu: "Правовая", nameEn: "Legal" } });
    const lawyer = await db().service.create({ data: { organizationId: world.partnerA.id, trackId: otherTrack.id, name: "Lawyer" } });
    expect(await referCase(caseworker, world.caseOne.id, { ...input, goalId: goal.id, serviceId: lawyer.id })).toEqual({ ok: false, field: "serviceId", problem: "referral.serviceRequired", status: 400 });
    await db().case.update({ where: { id: world.caseOne.id }, data: { status: "closed" } });
    expect(await referCase(caseworker, world.caseOne.id, { ...input, goalId: goal.id })).toEqual({ ok: false, field: "form", problem: "referral.caseClosed", status: 400 });

    await db().case.update({ where: { id: world.caseOne.id }, data: { status: "active" } });
    const made = await referCase(caseworker, world.caseOne.id, { ...input, goalId: goal.id });
    expect(made.ok).toBe(true);
    const consent = await db().consent.findFirstOrThrow({ where: { referrals: { some: { id: made.ok ? made.referralId : "" } } } });
    expect((await db().referral.findUniqueOrThrow({ where: { id: made.ok ? made.referralId : "" } })).goalId).toBe(goal.id);
    expect([consent.textVersion, consent.sharedFields, consent.recipientOrganizationId]).toEqual(["2026-01", "request", world.partnerA.id]);
  });
});

describe("a referral's other steps", () => {
  it("cancelling keeps the note, refuses a referral that is over, and touches no other referral", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const before = await db().referral.findUniqueOrThrow({ where: { id: world.draft.id } });
    expect(await cancelReferral(caseworker, world.caseOne.id, { intent: "cancel-referral", referralId: world.referral.id, version: 1, note: "She moved" })).toEqual({ ok: true, referralId: world.referral.id });
    const step = await db().referralStatusChange.findFirstOrThrow({ where: { referralId: world.referral.id } });
    expect([step.fromStatus, step.toStatus, step.note]).toEqual(["sent", "cancelled", "She moved"]);
    expect(await db().referral.findUniqueOrThrow({ where: { id: world.draft.id } })).toEqual(before);

    const later = await sentReferral(world.caseOne.id, world.partnerA.id, world.service.id, "sent", new Date());
    const first = await db().referral.findUniqueOrThrow({ where: { id: world.referral.id } });
    expect((await cancelReferral(caseworker, world.caseOne.id, { intent: "cancel-referral", referralId: later.id, version: 1, note: "" })).ok).toBe(true);
    expect(await db().referral.findUniqueOrThrow({ where: { id: world.referral.id } })).toEqual(first);

    const done = await sentReferral(world.caseOne.id, world.partnerA.id, world.service.id, "accepted", new Date());
    await db().referral.update({ where: { id: done.id }, data: { status: "completed" } });
    expect(await cancelReferral(caseworker, world.caseOne.id, { intent: "cancel-referral", referralId: done.id, version: 1, note: "" })).toEqual({
      ok: false,
      field: "form",
      problem: "referral.notOpen",
      status: 400,
    });
  });

  it("a partner's step changes that referral only, is audited, and tells its sender if active", async () => {
    const other = await sentReferral(world.caseTwo.id, world.partnerA.id, world.service.id, "sent", new Date());
    await db().referral.update({ where: { id: world.referral.id }, data: { createdById: world.accounts.caseworker.id } });
    const before = await db().referral.findUniqueOrThrow({ where: { id: other.id } });
    await actOnReferral(partner, world.referral.id, { intent: "accept", version: 1, note: "" });
    expect(await db().referral.findUniqueOrThrow({ where: { id: other.id } })).toEqual(before);
    expect(await db().auditEvent.count({ where: { action: "referral.update", entityId: world.referral.id } })).toBe(1);
    const [email] = await db().outboxEmail.findMany({ where: { to: world.accounts.caseworker.email } });
    const link = await db().noticeLink.findFirstOrThrow({ where: { accountId: world.accounts.caseworker.id } });
    expect([Boolean(email), link.destination]).toEqual([true, `/staff/cases/${world.caseOne.id}`]);

    await db().account.update({ where: { id: world.accounts.caseworker.id }, data: { status: "disabled" } });
    await actOnReferral(partner, world.referral.id, { intent: "message", body: "Hello" });
    await actOnReferral(partner, other.id, { intent: "accept", version: 1, note: "" }); // no sender at all
    expect(await db().outboxEmail.count({ where: { to: world.accounts.caseworker.email } })).toBe(1);
  });

  it("progress is noted from accepted, in progress and on hold; not completing records why", async () => {
    for (const status of ["in_progress", "on_hold"] as const) {
      const referral = await sentReferral(world.caseOne.id, world.partnerA.id, world.service.id, "accepted", new Date());
      await db().referral.update({ where: { id: referral.id }, data: { status } });
      expect(await actOnReferral(partner, referral.id, { intent: "progress", version: 1, note: "Seen" })).toEqual({ ok: true, referralId: referral.id });
    }
    const failed = await sentReferral(world.caseOne.id, world.partnerA.id, world.service.id, "accepted", new Date());
    await actOnReferral(partner, failed.id, { intent: "not-complete", version: 1, reason: "person_declined", note: "Changed her mind" });
    const saved = await db().referral.findUniqueOrThrow({ where: { id: failed.id } });
    expect([saved.status, saved.notCompletedReason, saved.reasonNote, saved.declineReason]).toEqual(["not_completed", "person_declined", "Changed her mind", null]);
    const step = await db().referralStatusChange.findFirstOrThrow({ where: { referralId: failed.id } });
    expect([step.reason, step.note]).toEqual(["person_declined", "Changed her mind"]);
  });
});

describe("a referral's page for the partner, in detail", () => {
  it("shows the preferred contact, the languages when shared, a message without author as ours, steps and messages in time order; the view is audited", async () => {
    await db().contactChannel.create({ data: { personId: world.personOne.id, kind: "phone", value: "+370 600 00000", preferred: false } });
    await db().contactChannel.updateMany({ where: { personId: world.personOne.id, kind: "signal" }, data: { preferred: false } });
    await db().contactChannel.updateMany({ where: { personId: world.personOne.id, kind: "phone" }, data: { preferred: true } });
    await db().referral.update({ where: { id: world.referral.id }, data: { sharedFields: "contact,languages" } });
    await db().consent.update({ where: { id: world.consent.id }, data: { sharedFields: "contact,languages" } });
    const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 10, minutes));
    await db().referralStatusChange.createMany({
      data: [
        { referralId: world.referral.id, fromStatus: "sent", toStatus: "accepted", at: at(20) },
        { referralId: world.referral.id, fromStatus: "draft", toStatus: "sent", at: at(10) },
      ],
    });
    await db().referralMessage.createMany({
      data: [
        { referralId: world.referral.id, authorId: world.accounts.partner.id, body: "Second", createdAt: at(40) },
        { referralId: world.referral.id, authorId: null, body: "First", createdAt: at(30) },
      ],
    });
    const seen = await viewReferralAsPartner(partner, world.referral.id);
    expect(seen.shared).toEqual({ contact: "phone: +370 600 00000", languages: "be,ru" });
    expect(seen.history.map((h) => h.toStatus)).toEqual(["sent", "accepted"]);
    expect(seen.messages.map((m) => [m.body, m.fromPartner])).toEqual([
      ["First", false],
      ["Second", true],
    ]);
    const viewed = await db().auditEvent.findFirstOrThrow({ where: { action: "referral.view" } });
    expect([viewed.entityType, viewed.entityId, viewed.personId]).toEqual(["referral", world.referral.id, world.personOne.id]);

    await db().contactChannel.deleteMany({ where: { personId: world.personOne.id } });
    expect((await viewReferralAsPartner(partner, world.referral.id)).shared.contact).toBe("");
  });

  it("lists referrals sent at the same moment in a steady order, the later id first", async () => {
    const moment = new Date(Date.now() + 60_000);
    const made = [
      await sentReferral(world.caseOne.id, world.partnerA.id, world.service.id, "sent", moment),
      await sentReferral(world.caseOne.id, world.partnerA.id, world.service.id, "sent", moment),
    ];
    const ids = (await partnerInbox(partner)).items.slice(0, 2).map((r) => r.id);
    expect(ids).toEqual(made.map((r) => r.id).sort().reverse());
  });
});

describe("the thread between the caseworker and the partner", () => {
  it("the caseworker answers on the case's referral; the partner sees it and is told by a neutral email", async () => {
    await actOnReferral(partner, world.referral.id, { intent: "message", body: "Can she come on Thursday?" });
    const caseworker = viewerOf(world.accounts.caseworker);
    expect(await messagePartner(caseworker, world.caseOne.id, { intent: "referral-message", referralId: world.referral.id, body: "Yes, at ten" })).toEqual({
      ok: true,
      referralId: world.referral.id,
    });
    const seen = await viewReferralAsPartner(partner, world.referral.id);
    expect(seen.messages.map((m) => [m.body, m.fromPartner])).toEqual([
      ["Can she come on Thursday?", true],
      ["Yes, at ten", false],
    ]);
    const link = await db().noticeLink.findFirstOrThrow({ where: { accountId: world.accounts.partner.id }, orderBy: { createdAt: "desc" } });
    expect(link.destination).toBe(`/partner/referrals/${world.referral.id}`);
    const [email] = await db().outboxEmail.findMany({ where: { to: world.accounts.partner.email } });
    expect(email?.params ?? "").not.toContain("Yes, at ten");
    expect(await db().auditEvent.count({ where: { action: "referral.message", actorId: world.accounts.caseworker.id, entityId: world.referral.id } })).toBe(1);
  });

  it("is refused as not found for a caseworker not on the case, for another case's referral, and for a draft", async () => {
    const answer = (viewer: Viewer, caseId: string, referralId: string) => messagePartner(viewer, caseId, { intent: "referral-message", referralId, body: "Hello" });
    await expect(answer(viewerOf(world.accounts.otherCaseworker), world.caseOne.id, world.referral.id)).rejects.toMatchObject({ status: 404 });
    await expect(answer(viewerOf(world.accounts.caseworker), world.caseTwo.id, world.referral.id)).rejects.toMatchObject({ status: 404 });
    await expect(answer(viewerOf(world.accounts.caseworker), world.caseOne.id, world.draft.id)).rejects.toMatchObject({ status: 404 });
    expect(await db().referralMessage.count()).toBe(0);
  });
});
