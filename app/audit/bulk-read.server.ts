// Reading in bulk is throttled per account (SECURITY.md C): an account that opens more distinct
// persons in an hour than PERSON_VIEWS_PER_HOUR (default 60) is refused, and an alert event is
// written for the administrators. Persons already opened in that hour stay open to it.
import { serverConfig } from "~/config/env.server";
import type { Db } from "~/db/client.server";
import { Prisma } from "~/db/generated/client";
import { storedDate } from "~/db/stored-date";
import { recordAudit } from "./audit.server";

const HOUR = 60 * 60 * 1000;
const VIEW_ACTIONS = ["person.view", "case.view", "referral.view"];

export function personViewsPerHour(): number {
  return serverConfig().personViewsPerHour;
}

/** The answer to a refused read; thrown after the transaction, so that the alert is kept. */
export function bulkReadRefused(): Response {
  return new Response("Too Many Requests", { status: 429 });
}

/**
 * Call inside the view's transaction, before the view is recorded. False when the viewer is
 * over the limit: the alert is then written, and the caller returns nothing and throws
 * bulkReadRefused() once the transaction committed.
 */
export async function withinBulkReadLimit(
  tx: Pick<Db, "$queryRaw" | "$executeRaw">,
  viewer: { accountId: string; sessionRef: string },
  personId: string,
  now = new Date(),
): Promise<boolean> {
  const since = storedDate(new Date(now.getTime() - HOUR));
  // Along the (actorId, at) index: this person seen in the hour, and how many distinct persons were.
  const [seen] = await tx.$queryRaw<{ again: number | bigint; persons: number | bigint }[]>`SELECT
    EXISTS (SELECT 1 FROM "AuditEvent" WHERE "actorId" = ${viewer.accountId} AND "at" >= ${since} AND "personId" = ${personId} AND "action" IN (${Prisma.join(VIEW_ACTIONS)})) AS "again",
    (SELECT count(DISTINCT "personId") FROM "AuditEvent" WHERE "actorId" = ${viewer.accountId} AND "at" >= ${since} AND "personId" IS NOT NULL AND "action" IN (${Prisma.join(VIEW_ACTIONS)})) AS "persons"`;
  if (Number(seen?.again) === 1 || Number(seen?.persons ?? 0) < personViewsPerHour()) return true;
  await recordAudit(tx, { action: "alert.bulk_read", actorId: viewer.accountId, sessionRef: viewer.sessionRef, at: now });
  return false;
}
