// Referral figures for reports, computed from the status history in SQL: how long partners take
// to answer, how many referrals they accept, how many end completed. Per partner and per track.
// One statement whatever the number of referrals (no row is loaded to be counted here).
import { hoursBetween } from "~/db/dialect";
import { read, sql } from "~/db/read.server";
import type { ReferralFigures } from "./referral-figures";

export type { ReferralFigures };

/**
 * For each referral that was sent: when it was first sent, its first answer (accepted or declined)
 * and its first ending (completed or not), each the earliest such entry of its history. A status
 * rides along after the time ("<at>|<status>"), so that the earliest entry also says which it was.
 */
const FIRSTS = sql`SELECT "referralId",
    min(CASE WHEN "toStatus" = 'sent' THEN "at" END) AS "sentAt",
    min(CASE WHEN "toStatus" IN ('accepted', 'declined') THEN "at" END) AS "answeredAt",
    min(CASE WHEN "toStatus" IN ('accepted', 'declined') THEN "at" || '|' || "toStatus" END) AS "answer",
    min(CASE WHEN "toStatus" IN ('completed', 'not_completed') THEN "at" || '|' || "toStatus" END) AS "ending"
  FROM "ReferralStatusChange" GROUP BY "referralId"`;

type Row = { dimension: "partner" | "track"; key: string; sent: number; answered: number; accepted: number; ended: number; completed: number; medianHours: number | null };

/** The figures per partner and per track, both from one pass over the history. */
export async function referralFigures(): Promise<Record<"partner" | "track", ReferralFigures[]>> {
  const rows = await read<Row>`
    WITH "firsts" AS MATERIALIZED (${FIRSTS}),
    "sent" AS MATERIALIZED (
      SELECT "Organization"."name" AS "partner", "SupportTrack"."key" AS "track", "firsts"."answeredAt", "firsts"."answer", "firsts"."ending",
        ${hoursBetween(sql`"firsts"."answeredAt"`, sql`"firsts"."sentAt"`)} AS "hours"
      FROM "Referral" JOIN "firsts" ON "firsts"."referralId" = "Referral"."id" JOIN "Organization" ON "Organization"."id" = "Referral"."organizationId"
        JOIN "Service" ON "Service"."id" = "Referral"."serviceId" JOIN "SupportTrack" ON "SupportTrack"."id" = "Service"."trackId"
      WHERE "Referral"."status" <> 'draft' AND "firsts"."sentAt" IS NOT NULL),
    "keyed" AS (
      SELECT 'partner' AS "dimension", "partner" AS "key", "answeredAt", "answer", "ending", "hours" FROM "sent"
      UNION ALL SELECT 'track', "track", "answeredAt", "answer", "ending", "hours" FROM "sent"),
    "ranked" AS (
      SELECT "dimension", "key", "hours", row_number() OVER (PARTITION BY "dimension", "key" ORDER BY "hours") AS "place",
        count(*) OVER (PARTITION BY "dimension", "key") AS "of"
      FROM "keyed" WHERE "answeredAt" IS NOT NULL),
    -- The middle one, or the mean of the middle two.
    "medians" AS (SELECT "dimension", "key", avg("hours") AS "medianHours" FROM "ranked" WHERE "place" IN (("of" + 1) / 2, ("of" + 2) / 2) GROUP BY "dimension", "key")
    SELECT "keyed"."dimension", "keyed"."key", count(*) AS "sent", count("keyed"."answeredAt") AS "answered",
      sum(CASE WHEN "keyed"."answer" LIKE '%|accepted' THEN 1 ELSE 0 END) AS "accepted",
      count("keyed"."ending") AS "ended", sum(CASE WHEN "keyed"."ending" LIKE '%|completed' THEN 1 ELSE 0 END) AS "completed",
      max("medians"."medianHours") AS "medianHours"
    FROM "keyed" LEFT JOIN "medians" ON "medians"."dimension" = "keyed"."dimension" AND "medians"."key" = "keyed"."key"
    GROUP BY "keyed"."dimension", "keyed"."key"`;
  const figures = rows.map((row) => {
    const [answered, ended] = [Number(row.answered), Number(row.ended)];
    return {
      dimension: row.dimension,
      figures: {
        key: row.key,
        sent: Number(row.sent),
        answered,
        medianHoursToAnswer: row.medianHours === null ? null : Math.round(Number(row.medianHours) * 10) / 10,
        acceptanceRate: answered ? Number(row.accepted) / answered : null,
        completionRate: ended ? Number(row.completed) / ended : null,
      },
    };
  });
  const of = (dimension: Row["dimension"]) =>
    figures
      .filter((row) => row.dimension === dimension)
      .map((row) => row.figures)
      .sort((a, b) => a.key.localeCompare(b.key));
  return { partner: of("partner"), track: of("track") };
}
