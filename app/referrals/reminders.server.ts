// Nobody left hanging: a referral sent and not answered within its service's number of days
// (default 5) is flagged for the caseworker and the partner is reminded; one accepted but
// without an update for 30 days is flagged and reminded too. Each reminder goes out once,
// even when two processes run this at the same moment (a lease, and a conditional update).
import { db } from "~/db/client.server";
import { queueNotice } from "~/email/outbox.server";
import { THIS_PROCESS, withLease } from "~/jobs/lease.server";
import { every, type ScheduledJob } from "~/jobs/scheduler.server";

const DAY = 24 * 60 * 60 * 1000;
export const STALLED_AFTER_DAYS = 30;
const LEASE = "referral-reminders";
// Long enough for a run; a process that stopped mid-run keeps the others waiting no longer.
const LEASE_MS = 2 * 60_000;

export type ReminderRun = { ran: boolean; unanswered: number; stalled: number };

export async function runReferralReminders({ now = new Date(), holder = THIS_PROCESS } = {}): Promise<ReminderRun> {
  const run = await withLease(LEASE, now, LEASE_MS, () => remind(now), holder);
  return run ?? { ran: false, unanswered: 0, stalled: 0 };
}

async function remind(now: Date): Promise<ReminderRun> {
  const sent = await db().referral.findMany({
    where: { status: "sent", remindedAt: null, sentAt: { lt: new Date(now.getTime() - DAY) } },
    select: { id: true, sentAt: true, organizationId: true, service: { select: { responseDays: true } } },
  });
  const unanswered = sent.filter((r) => r.sentAt && now.getTime() - r.sentAt.getTime() > r.service.responseDays * DAY);
  const stalled = await db().referral.findMany({
    where: { status: { in: ["accepted", "in_progress"] }, flaggedAt: null, lastUpdateAt: { lt: new Date(now.getTime() - STALLED_AFTER_DAYS * DAY) } },
    select: { id: true, organizationId: true },
  });
  let remindedUnanswered = 0;
  for (const referral of unanswered) if (await flagAndRemind(referral, now, { remindedAt: null })) remindedUnanswered++;
  let remindedStalled = 0;
  for (const referral of stalled) if (await flagAndRemind(referral, now, { flaggedAt: null })) remindedStalled++;
  return { ran: true, unanswered: remindedUnanswered, stalled: remindedStalled };
}

/** Flags one referral and reminds its partner, only if nobody did since it was read. */
async function flagAndRemind(referral: { id: string; organizationId: string }, now: Date, stillUnflagged: { remindedAt: null } | { flaggedAt: null }): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.referral.updateMany({ where: { id: referral.id, ...stillUnflagged }, data: { flaggedAt: now, remindedAt: now } });
    if (count === 0) return false;
    const partners = await tx.account.findMany({ where: { organizationId: referral.organizationId, role: "partner", status: "active" }, select: { id: true, email: true, locale: true } });
    for (const partner of partners) await queueNotice(tx, partner, `/partner/referrals/${referral.id}`);
    return true;
  });
}

/** Runs the reminders every quarter of an hour in the app process. */
export function startReminderWorker(intervalMs = 15 * 60_000): ScheduledJob {
  return every("reminders", intervalMs, () => runReferralReminders());
}
