// The reports' raw figures for a period, counted in SQL: each statement is one pass over the
// period's rows (its requests, cases, referrals...) that groups and counts them; no row is loaded
// into JavaScript to be counted. These numbers are not yet fit to show: report.server.ts
// withholds the small ones before anything leaves the server.
import { hoursBetween } from "~/db/dialect";
import { read, sql } from "~/db/read.server";
import type { Fragment } from "~/db/sql";

/** A period as instants: from `start`, before `end`; `points` start the line chart's points. */
export type Bounds = { start: Date; end: Date; points: Date[] };

type Counted = { figure: string; key: string | null; n: number };
type Funnel = { figure: "partner" | "track" | "all" | "declined"; key: string; label: string | null; sent: number; accepted: number; completed: number; declined: number; flagged: number };
type Median = { figure: string; key: string; hours: number; n: number };

/** The point of the line an instant falls in: 0 for the first, … (a CASE over the points' starts). */
function pointOf(column: Fragment, points: Date[]): Fragment {
  if (points.length < 2) return sql`${"0"}`;
  const steps = points.slice(1).map((start, index) => sql` WHEN ${column} < ${start} THEN ${String(index)}`);
  return sql`CASE${steps.reduce((all, one) => sql`${all}${one}`, sql``)} ELSE ${String(points.length - 1)} END`;
}

/**
 * The statements, as fragments: the page runs them through `read`, the benchmark runs the same
 * text on the bare database as its floor (tests/bench/pages.ts).
 */
export function periodStatements({ start, end, points }: Bounds, caseworkerId: string | null) {
  const requests = sql`"r" AS MATERIALIZED (SELECT "id", "source", "language", "country", "urgency", "createdAt", "triagedAt" FROM "HelpRequest" WHERE "createdAt" >= ${start} AND "createdAt" < ${end})`;
  const referrals = sql`"f" AS MATERIALIZED (
      SELECT "Referral"."organizationId", "Service"."trackId", "Referral"."status", "Referral"."flaggedAt", "Referral"."declineReason",
        -- Answered, and not with a decline: accepted, whatever came after (ended, or cancelled).
        CASE WHEN "Referral"."respondedAt" IS NOT NULL AND "Referral"."status" <> 'declined' THEN 1 ELSE 0 END AS "accepted",
        ${hoursBetween(sql`"Referral"."respondedAt"`, sql`"Referral"."sentAt"`)} AS "hours"
      FROM "Referral" JOIN "Service" ON "Service"."id" = "Referral"."serviceId"
      WHERE "Referral"."sentAt" >= ${start} AND "Referral"."sentAt" < ${end} AND "Referral"."status" <> 'draft')`;
  const funnelOf = (figure: string, key: Fragment, label: Fragment) => sql`SELECT ${figure} AS "figure", ${key} AS "key", ${label} AS "label", count(*) AS "sent",
      sum("f"."accepted") AS "accepted", sum(CASE WHEN "f"."status" = 'completed' THEN 1 ELSE 0 END) AS "completed",
      sum(CASE WHEN "f"."status" = 'declined' THEN 1 ELSE 0 END) AS "declined", count("f"."flaggedAt") AS "flagged" FROM "f"`;
  return {
    // The lead assignments that overlap the period, apart: grouped in place, SQLite would walk
    // every caseworker's assignments in the order of another index.
    counts: sql`WITH ${requests}, "led" AS MATERIALIZED (SELECT "accountId", "caseId" FROM "CaseAssignment"
        WHERE "assignedAt" < ${end} AND "kind" = 'lead' AND ("endedAt" IS NULL OR "endedAt" >= ${start}) ${caseworkerId ? sql`AND "accountId" = ${caseworkerId}` : sql``})
      SELECT 'requests' AS "figure", '' AS "key", count(*) AS "n" FROM "r"
      UNION ALL SELECT 'triaged', '', count("triagedAt") FROM "r"
      UNION ALL SELECT 'channel', CAST("source" AS TEXT), count(*) FROM "r" GROUP BY "source"
      UNION ALL SELECT 'language', "language", count(*) FROM "r" GROUP BY "language"
      UNION ALL SELECT 'country', coalesce("country", ''), count(*) FROM "r" GROUP BY coalesce("country", '')
      UNION ALL SELECT 'urgency', CAST("urgency" AS TEXT), count(*) FROM "r" GROUP BY "urgency"
      UNION ALL SELECT 'point', "point", count(*) FROM (SELECT ${pointOf(sql`"createdAt"`, points)} AS "point" FROM "r") AS "points" GROUP BY "point"
      -- CROSS JOIN keeps the period's requests outside (SQLite would walk every request's tracks).
      UNION ALL SELECT 'track', "HelpRequestTrack"."trackId", count(*) FROM "r" CROSS JOIN "HelpRequestTrack" WHERE "HelpRequestTrack"."requestId" = "r"."id" GROUP BY "HelpRequestTrack"."trackId"
      UNION ALL SELECT 'opened', '', count(*) FROM "Case" WHERE "openedAt" >= ${start} AND "openedAt" < ${end}
      UNION ALL SELECT 'closed', coalesce(CAST("closeReason" AS TEXT), 'other'), count(*) FROM "Case" WHERE "status" = 'closed' AND "closedAt" >= ${start} AND "closedAt" < ${end} GROUP BY coalesce(CAST("closeReason" AS TEXT), 'other')
      UNION ALL SELECT 'persons', '', count(DISTINCT "personId") FROM "Case" WHERE "openedAt" < ${end} AND ("closedAt" IS NULL OR "closedAt" >= ${start})
      UNION ALL SELECT 'need', "trackId", count(*) FROM "NeedsAssessment" WHERE "assessedAt" >= ${start} AND "assessedAt" < ${end} AND "level" <> 'none' GROUP BY "trackId"
      UNION ALL SELECT 'goal', "trackId" || '|' || CASE WHEN "status" = 'achieved' THEN 'achieved' WHEN "status" IN ('identified', 'in_progress') THEN 'ongoing' ELSE 'not_achieved' END, count(*)
        FROM "Goal" WHERE "createdAt" >= ${start} AND "createdAt" < ${end} GROUP BY 2
      UNION ALL SELECT 'activity', CAST("kind" AS TEXT), count(*) FROM "Activity" WHERE "occurredAt" >= ${start} AND "occurredAt" < ${end} GROUP BY "kind"
      UNION ALL SELECT 'caseload', "accountId", count(DISTINCT "caseId") FROM "led" GROUP BY "accountId"`,
    funnels: sql`WITH ${referrals}
      ${funnelOf("partner", sql`"f"."organizationId"`, sql`(SELECT "name" FROM "Organization" WHERE "id" = "f"."organizationId")`)} GROUP BY "f"."organizationId"
      UNION ALL ${funnelOf("track", sql`"f"."trackId"`, sql`NULL`)} GROUP BY "f"."trackId"
      UNION ALL ${funnelOf("all", sql`''`, sql`NULL`)}
      UNION ALL SELECT 'declined', coalesce(CAST("declineReason" AS TEXT), 'other'), NULL, count(*), 0, 0, 0, 0 FROM "f" WHERE "status" = 'declined' GROUP BY coalesce(CAST("declineReason" AS TEXT), 'other')`,
    // The middle value, or the mean of the middle two, per group: how long triage and answers took.
    medians: sql`WITH ${requests}, ${referrals},
      "timed" AS (
        SELECT 'triage' AS "figure", '' AS "key", ${hoursBetween(sql`"triagedAt"`, sql`"createdAt"`)} AS "hours" FROM "r" WHERE "triagedAt" IS NOT NULL
        UNION ALL SELECT 'answer', '', "hours" FROM "f" WHERE "hours" IS NOT NULL
        UNION ALL SELECT 'partner', "organizationId", "hours" FROM "f" WHERE "hours" IS NOT NULL
        UNION ALL SELECT 'track', "trackId", "hours" FROM "f" WHERE "hours" IS NOT NULL),
      "ranked" AS (SELECT "figure", "key", "hours", row_number() OVER (PARTITION BY "figure", "key" ORDER BY "hours") AS "place", count(*) OVER (PARTITION BY "figure", "key") AS "of" FROM "timed")
      SELECT "figure", "key", avg("hours") AS "hours", max("of") AS "n" FROM "ranked" WHERE "place" IN (("of" + 1) / 2, ("of" + 2) / 2) GROUP BY "figure", "key"`,
  };
}

/** What does not depend on the period: the cases by their state today, and who the named rows are. */
export function standingStatements(caseworkerId: string | null) {
  return {
    states: sql`SELECT "status" AS "figure", '' AS "key", count(*) AS "n" FROM "Case" ${caseworkerId ? sql`WHERE EXISTS (SELECT 1 FROM "CaseAssignment" WHERE "caseId" = "Case"."id" AND "accountId" = ${caseworkerId} AND "kind" = 'lead' AND "endedAt" IS NULL)` : sql``} GROUP BY "status"`,
    tracks: sql`SELECT "id", "key", "nameBe", "nameRu", "nameEn" FROM "SupportTrack" ORDER BY "position", "key"`,
    caseworkers: sql`SELECT "id", "displayName" FROM "Account" WHERE "role" IN ('caseworker', 'coordinator') ${caseworkerId ? sql`AND "id" = ${caseworkerId}` : sql``}`,
  };
}

export type PeriodFigures = {
  /** figure → key → count, e.g. counts.get("channel")?.get("public_form"). */
  counts: Map<string, Map<string, number>>;
  funnels: Funnel[];
  declined: Map<string, number>;
  medians: Map<string, { hours: number; n: number }>;
};

/** A period's figures; a caseworker's own (caseload) when `caseworkerId` is given. */
export async function periodFigures(bounds: Bounds, caseworkerId: string | null): Promise<PeriodFigures> {
  const statements = periodStatements(bounds, caseworkerId);
  const [counted, funnelRows, medianRows] = await Promise.all([
    read<Counted>`${statements.counts}`,
    read<Funnel>`${statements.funnels}`,
    read<Median>`${statements.medians}`,
  ]);
  const counts = new Map<string, Map<string, number>>();
  for (const row of counted) {
    const figure = counts.get(row.figure) ?? counts.set(row.figure, new Map()).get(row.figure)!;
    figure.set(row.key ?? "", Number(row.n));
  }
  const funnels = funnelRows
    .filter((row) => row.figure !== "declined")
    .map((row) => ({ ...row, sent: Number(row.sent), accepted: Number(row.accepted ?? 0), completed: Number(row.completed ?? 0), declined: Number(row.declined ?? 0), flagged: Number(row.flagged) }));
  const declined = new Map(funnelRows.filter((row) => row.figure === "declined").map((row) => [row.key, Number(row.sent)]));
  const medians = new Map(medianRows.map((row) => [`${row.figure}|${row.key}`, { hours: Number(row.hours), n: Number(row.n) }]));
  return { counts, funnels, declined, medians };
}

export type StandingFigures = {
  states: Map<string, number>;
  tracks: { id: string; key: string; nameBe: string; nameRu: string; nameEn: string }[];
  caseworkers: Map<string, string>;
};

export async function standingFigures(caseworkerId: string | null): Promise<StandingFigures> {
  const statements = standingStatements(caseworkerId);
  const [states, tracks, caseworkers] = await Promise.all([
    read<Counted>`${statements.states}`,
    read<StandingFigures["tracks"][number]>`${statements.tracks}`,
    read<{ id: string; displayName: string }>`${statements.caseworkers}`,
  ]);
  return { states: new Map(states.map((row) => [row.figure, Number(row.n)])), tracks, caseworkers: new Map(caseworkers.map((row) => [row.id, row.displayName])) };
}
