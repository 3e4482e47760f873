// Unanswered and stalled referrals are flagged and their partner reminded, once.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { runReferralReminders } from "~/referrals/reminders.server";
import { makeWorld, type World } from "../fixtures/world";
import { noticeDestination } from "../fixtures/notices";

const DAY = 24 * 60 * 60 * 1000;
let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

describe("referral reminders", () => {
  it("remind the partner of an unanswered referral once, even when two runs start at the same moment", async () => {
    const now = new Date();
    await db().referral.update({ where: { id: world.referral.id }, data: { sentAt: new Date(now.getTime() - 6 * DAY) } });
    const runs = await Promise.all([runReferralReminders({ now, holder: "process-a" }), runReferralReminders({ now, holder: "process-b" })]);
    expect(runs.reduce((sum, r) => sum + r.unanswered, 0)).toBe(1);
    const emails = await db().outboxEmail.findMany();
    const reminders = [];
    for (const email of emails) if ((await noticeDestination(email)) === `/partner/referrals/${world.referral.id}`) reminders.push(email);
    expect(reminders.map((e) => e.to)).toEqual([world.accounts.partner.email]);
    expect((await db().referral.findUniqueOrThrow({ where: { id: world.referral.id } })).flaggedAt).toEqual(now);

    // The caseworker sees the flag on the case.
    const { loader } = await import("~/routes/staff.cases.$caseId");
    const { signedIn } = await import("../fixtures/accounts");
    const { get, routeArgs, settle } = await import("../fixtures/requests");
    const cookie = await signedIn(world.accounts.caseworker);
    const page = await (await settle(() => loader(routeArgs(get(`/staff/cases/${world.caseOne.id}`, cookie), { caseId: world.caseOne.id })))).json();
    expect(page.found.referrals.find((r: { id: string }) => r.id === world.referral.id).flaggedAt).toBe(now.toISOString());

    // Later runs do not remind again.
    await runReferralReminders({ now: new Date(now.getTime() + DAY), holder: "process-a" });
    expect(await db().outboxEmail.count()).toBe(1);
  });

  it("wait for the service's own number of days", async () => {
    const now = new Date();
    await db().service.update({ where: { id: world.service.id }, data: { responseDays: 10 } });
    await db().referral.update({ where: { id: world.referral.id }, data: { sentAt: new Date(now.getTime() - 6 * DAY) } });
    expect((await runReferralReminders({ now })).unanswered).toBe(0);
    expect((await runReferralReminders({ now: new Date(now.getTime() + 5 * DAY) })).unanswered).toBe(1);
  });

  it("flag an accepted referral without an update for 30 days", async () => {
    const now = new Date();
    await db().referral.update({ where: { id: world.referral.id }, data: { status: "accepted", lastUpdateAt: new Date(now.getTime() - 31 * DAY) } });
    const run = await runReferralReminders({ now });
    expect(run).toEqual({ ran: true, unanswered: 0, stalled: 1 });
    expect((await runReferralReminders({ now })).stalled).toBe(0);
  });
});
