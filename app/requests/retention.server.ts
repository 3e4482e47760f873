// Help requests that never became a case are deleted after REQUEST_RETENTION_DAYS (default 90):
// declined, duplicate, withdrawn or never handled, they are data we no longer need (SECURITY.md C).
import { randomUUID } from "node:crypto";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/client.server";
import { claimLease, releaseLease } from "~/jobs/lease.server";

const DAY = 24 * 60 * 60 * 1000;
const LEASE = "request-retention";

export function retentionDays(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.REQUEST_RETENTION_DAYS ?? 90);
  return Number.isInteger(days) && days >= 1 ? days : 90;
}

/** Deletes what is past its time; returns how many requests went. */
export async function deleteStaleRequests({ now = new Date(), days = retentionDays(), holder = randomUUID() as string } = {}): Promise<number> {
  if (!(await claimLease(LEASE, holder, now, new Date(now.getTime() + 10 * 60_000)))) return 0;
  try {
    return await db().$transaction(async (tx) => {
      const { count } = await tx.helpRequest.deleteMany({ where: { caseId: null, status: { not: "accepted" }, createdAt: { lt: new Date(now.getTime() - days * DAY) } } });
      if (count > 0) await recordAudit(tx, { action: "retention.purge", at: now, entityType: "help_request" });
      return count;
    });
  } finally {
    await releaseLease(LEASE, holder);
  }
}

export function startRetentionWorker(intervalMs = 6 * 60 * 60_000): () => void {
  const timer = setInterval(() => {
    deleteStaleRequests().catch((error: unknown) => console.error("retention:", error instanceof Error ? error.message : "failed"));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
