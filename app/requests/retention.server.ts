// Help requests that never became a case are deleted after REQUEST_RETENTION_DAYS (default 90):
// declined, duplicate, withdrawn or never handled, they are data we no longer need (SECURITY.md C).
import { recordAudit } from "~/audit/audit.server";
import { serverConfig } from "~/config/env.server";
import { deleteExpiredNoticeLinks } from "~/email/notice-links.server";
import { deleteOldSentForms } from "~/http/sent-once.server";
import { deleteOldSearches } from "~/persons/saved-search.server";
import { deleteReadMessages } from "~/messages/messages.server";
import { eraseExpiredCases } from "~/cases/case-retention.server";
import { db } from "~/db/client.server";
import { THIS_PROCESS, withLease } from "~/jobs/lease.server";
import { every, type ScheduledJob } from "~/jobs/scheduler.server";

const DAY = 24 * 60 * 60 * 1000;
const LEASE = "request-retention";

export function retentionDays(): number {
  return serverConfig().requestRetentionDays;
}

/** Deletes what is past its time; returns how many requests went. */
export async function deleteStaleRequests({ now = new Date(), days = retentionDays(), holder = THIS_PROCESS } = {}): Promise<number> {
  const deleted = await withLease(
    LEASE,
    now,
    2 * 60_000,
    () =>
      db().$transaction(async (tx) => {
        const { count } = await tx.helpRequest.deleteMany({ where: { caseId: null, status: { not: "accepted" }, createdAt: { lt: new Date(now.getTime() - days * DAY) } } });
        if (count > 0) await recordAudit(tx, { action: "retention.purge", at: now, entityType: "help_request" });
        return count;
      }),
    holder,
  );
  return deleted ?? 0;
}

export function startRetentionWorker(intervalMs = 6 * 60 * 60_000): ScheduledJob {
  return every("retention", intervalMs, async () => {
    await deleteStaleRequests();
    await deleteExpiredNoticeLinks();
    await deleteOldSentForms();
    await deleteReadMessages();
    await eraseExpiredCases();
    await deleteOldSearches();
  });
}
