// The retention schedule for closed cases (issue 16): a person's data is erased, as a confirmed
// erasure does (the counts stay), CLOSED_CASE_RETENTION_MONTHS after their last case closed,
// unless a coordinator holds one of their cases with a reason. The job runs once across
// processes (the lease); the coordinator's list shows what is due in the next 30 days.
import { recordAudit } from "~/audit/audit.server";
import { mayConfirmErasure } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { serverConfig } from "~/config/env.server";
import { db } from "~/db/client.server";
import { read, sql } from "~/db/read.server";
import { storedDate } from "~/db/stored-date";
import { notFound } from "~/http/not-found";
import { THIS_PROCESS, withLease } from "~/jobs/lease.server";
import { deleteDocumentFiles } from "~/documents/documents.server";
import { eraseDataOf } from "~/persons/erasure.server";

const DAY = 24 * 60 * 60 * 1000;
/** How far ahead the coordinator's list looks. */
const DUE_WITHIN_DAYS = 30;
/** Persons erased in one run at most; the next run takes the rest. */
const PER_RUN = 200;

export function closedCaseRetentionMonths(): number {
  return serverConfig().closedCaseRetentionMonths;
}

/** The moment `months` calendar months before `at`. */
function monthsBefore(at: Date, months: number): Date {
  const moved = new Date(at);
  moved.setUTCMonth(moved.getUTCMonth() - months);
  return moved;
}

type LastClosed = { caseId: string; personId: string; caseCode: string; closedAt: string; version: number; holdReason: string | null };

/**
 * The persons whose every case is closed, the last before `before`, oldest first: each with that
 * last case, and the reason of a hold on any of their cases (a hold always has one). Along the
 * (status, closedAt) index.
 */
async function lastClosedBefore(before: Date, limit: number, { heldToo }: { heldToo: boolean }): Promise<LastClosed[]> {
  return read<LastClosed>`SELECT "Case"."id" AS "caseId", "Case"."personId", "Person"."caseCode", "Case"."closedAt", "Case"."version",
      (SELECT "h"."retentionHoldReason" FROM "Case" AS "h" WHERE "h"."personId" = "Case"."personId" AND "h"."retentionHoldAt" IS NOT NULL LIMIT 1) AS "holdReason"
    FROM "Case" JOIN "Person" ON "Person"."id" = "Case"."personId"
    WHERE "Case"."status" = 'closed' AND "Case"."closedAt" < ${storedDate(before)} AND "Person"."erasedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "Case" AS "o" WHERE "o"."personId" = "Case"."personId" AND "o"."id" <> "Case"."id"
        AND ("o"."status" <> 'closed' OR "o"."closedAt" > "Case"."closedAt" OR ("o"."closedAt" = "Case"."closedAt" AND "o"."id" > "Case"."id")))
      ${heldToo ? sql`` : sql`AND NOT EXISTS (SELECT 1 FROM "Case" AS "h" WHERE "h"."personId" = "Case"."personId" AND "h"."retentionHoldAt" IS NOT NULL)`}
    ORDER BY "Case"."closedAt" LIMIT ${limit}`;
}

export type DueCase = { caseId: string; caseCode: string; version: number; closedAt: Date; dueAt: Date; held: boolean; holdReason: string | null };

/** What the schedule erases in the next 30 days (and what is past due), held ones marked. */
export async function retentionDue(viewer: Viewer, now = new Date()): Promise<{ months: number; due: DueCase[] }> {
  if (!mayConfirmErasure(viewer)) throw notFound();
  const months = closedCaseRetentionMonths();
  if (months === 0) return { months, due: [] };
  const rows = await lastClosedBefore(monthsBefore(new Date(now.getTime() + DUE_WITHIN_DAYS * DAY), months), 100, { heldToo: true });
  return {
    months,
    due: rows.map((row) => {
      const closedAt = new Date(row.closedAt);
      const dueAt = new Date(closedAt);
      dueAt.setUTCMonth(dueAt.getUTCMonth() + months);
      return { caseId: row.caseId, caseCode: row.caseCode, version: Number(row.version), closedAt, dueAt, held: row.holdReason !== null, holdReason: row.holdReason };
    }),
  };
}

/** Erases the persons past the schedule whose cases are not held; returns how many. */
export async function eraseExpiredCases({ now = new Date(), months = closedCaseRetentionMonths(), holder = THIS_PROCESS } = {}): Promise<number> {
  if (months <= 0) return 0;
  const erased = await withLease("case-retention", now, 10 * 60_000, async () => {
    const due = await lastClosedBefore(monthsBefore(now, months), PER_RUN, { heldToo: false });
    for (const row of due) {
      const files = await db().$transaction(async (tx) => {
        // Checked again inside the write: a hold or a reopened case since the list was read wins.
        const still = await tx.case.count({ where: { personId: row.personId, OR: [{ status: { not: "closed" } }, { retentionHoldAt: { not: null } }, { closedAt: { gt: new Date(row.closedAt) } }] } });
        if (still > 0) return [];
        const files = await eraseDataOf(tx, row.personId, null, now);
        await recordAudit(tx, { action: "retention.purge", at: now, entityType: "person", entityId: row.personId, personId: row.personId });
        return files;
      });
      deleteDocumentFiles(files);
    }
    return due.length;
  }, holder);
  return erased ?? 0;
}

export type HoldResult = { ok: true } | { ok: false; problem: "form.stale" };

/** A coordinator keeps a closed case past the schedule, for the reason given; or lifts that. */
export async function setRetentionHold(viewer: Viewer, caseId: string, version: number, reason: string | null): Promise<HoldResult> {
  if (!mayConfirmErasure(viewer)) throw notFound();
  return db().$transaction(async (tx) => {
    const found = await tx.case.findFirst({ where: { id: caseId, status: "closed", person: { erasedAt: null } }, select: { id: true, personId: true, version: true } });
    if (!found) throw notFound();
    if (found.version !== version) return { ok: false, problem: "form.stale" } as const;
    const hold = reason ? { retentionHoldReason: reason, retentionHoldAt: new Date(), retentionHoldById: viewer.accountId } : { retentionHoldReason: null, retentionHoldAt: null, retentionHoldById: null };
    // Lifting lifts the person's every hold: the list shows one line per person.
    if (reason) await tx.case.update({ where: { id: found.id }, data: { ...hold, version: { increment: 1 } } });
    else await tx.case.updateMany({ where: { personId: found.personId, retentionHoldAt: { not: null } }, data: { ...hold, version: { increment: 1 } } });
    await recordAudit(tx, { action: reason ? "case.retention_hold" : "case.retention_release", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "case", entityId: found.id, personId: found.personId });
    return { ok: true } as const;
  });
}
