// Referrals that wait on a partner, for staff: those the reminders flagged (sent and not
// answered within the service's days, or accepted and without an update for 30 days), the
// longest flagged first, with filters (partner, track, lead caseworker, how long), a page at a
// time along Referral(flaggedAt, id), within the viewer's cases.
import { referralScopeSql } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { COUNT_CAP, keysetCursor, PAGE_SIZE, pageOf, parseKeyset } from "~/db/paging";
import type { ReferralStatus } from "~/db/generated/enums";
import { read, readCount, sql } from "~/db/read.server";
import { andAll } from "~/db/sql";
import type { WaitingFilter } from "./referral-forms";

const DAY = 86_400_000;
/** A flagged referral waits while it is one of these (a partner's answer clears the flag). */
const WAITING_STATES: ReferralStatus[] = ["sent", "accepted", "in_progress"];

export type WaitingReferral = {
  id: string;
  status: ReferralStatus;
  flaggedAt: string;
  daysFlagged: number;
  caseId: string;
  caseCode: string;
  serviceName: string;
  organizationName: string;
  lead: string | null;
};

/**
 * Flagged by then and still waiting. A range on flaggedAt ("IS NOT NULL" alone SQLite reads as a
 * scan), and `|| ''` keeps it on the (flaggedAt, id) index: by "status" it would sort every sent referral.
 */
function flaggedBy(then: Date) {
  return sql`"Referral"."flaggedAt" <= ${then} AND "Referral"."status" || '' IN (${WAITING_STATES})`;
}

export async function waitingReferrals(viewer: Viewer, filter: WaitingFilter, now = new Date()) {
  const key = parseKeyset(filter.after);
  const conditions = [
    flaggedBy(filter.waitingFor ? new Date(now.getTime() - filter.waitingFor * DAY) : now),
    // Along the flagged ones too (`|| ''`): by the partner's index SQLite would sort all of a partner's referrals.
    ...(filter.partner ? [sql`"Referral"."organizationId" || '' = ${filter.partner}`] : []),
    ...(filter.track ? [sql`EXISTS (SELECT 1 FROM "Service" WHERE "Service"."id" = "Referral"."serviceId" AND "Service"."trackId" = ${filter.track})`] : []),
    ...(filter.caseworker
      ? [sql`EXISTS (SELECT 1 FROM "CaseAssignment" WHERE "CaseAssignment"."caseId" = "Referral"."caseId" AND "CaseAssignment"."accountId" = ${filter.caseworker}
          AND "CaseAssignment"."kind" = 'lead' AND "CaseAssignment"."endedAt" IS NULL)`]
      : []),
  ];
  const within = sql`${referralScopeSql(viewer)}${andAll(conditions)}`;
  const [rows, total] = await Promise.all([
    read<Omit<WaitingReferral, "daysFlagged" | "lead">>`
      SELECT "Referral"."id", "Referral"."status", "Referral"."flaggedAt", "Referral"."caseId", "Person"."caseCode",
        "Service"."name" AS "serviceName", "Organization"."name" AS "organizationName"
      FROM "Referral" JOIN "Service" ON "Service"."id" = "Referral"."serviceId" JOIN "Organization" ON "Organization"."id" = "Referral"."organizationId"
        JOIN "Case" ON "Case"."id" = "Referral"."caseId" JOIN "Person" ON "Person"."id" = "Case"."personId"
      WHERE ${within} ${key ? sql`AND ("Referral"."flaggedAt", "Referral"."id") > (${key.at}, ${key.id})` : sql``}
      ORDER BY "Referral"."flaggedAt", "Referral"."id" LIMIT ${PAGE_SIZE + 1}`,
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Referral" WHERE ${within} LIMIT ${COUNT_CAP + 1}) AS "waiting"`,
  ]);
  const page = pageOf(rows, (row) => keysetCursor(new Date(row.flaggedAt), row.id));
  // The lead caseworker of each case shown, in one statement for the page.
  const caseIds = [...new Set(page.items.map((row) => row.caseId))];
  const leads = caseIds.length
    ? await read<{ caseId: string; displayName: string }>`SELECT "CaseAssignment"."caseId", "Account"."displayName" FROM "CaseAssignment"
        JOIN "Account" ON "Account"."id" = "CaseAssignment"."accountId"
        WHERE "CaseAssignment"."caseId" IN (${caseIds}) AND "CaseAssignment"."kind" = 'lead' AND "CaseAssignment"."endedAt" IS NULL`
    : [];
  const leadOf = new Map(leads.map((lead) => [lead.caseId, lead.displayName]));
  return {
    ...page,
    items: page.items.map((row) => ({ ...row, daysFlagged: Math.floor((now.getTime() - new Date(row.flaggedAt).getTime()) / DAY), lead: leadOf.get(row.caseId) ?? null })),
    total,
  };
}

/** How many referrals wait on a partner in the whole organisation, up to the cap (the coordinator's tile). */
export function waitingCount(): Promise<number> {
  return readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Referral" WHERE ${flaggedBy(new Date())} LIMIT ${COUNT_CAP + 1}) AS "waiting"`;
}
