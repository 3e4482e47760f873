// Reading in bulk is throttled per account (SECURITY.md C): an account that opens more distinct
// persons in an hour than PERSON_VIEWS_PER_HOUR (default 60) is refused, and an alert event is
// written for the administrators. Persons already opened in that hour stay open to it.
import { serverConfig } from "~/config/env.server";
import { Prisma } from "~/db/generated/client";
import { storedDate } from "~/db/stored-date";
import { writeAtOnce, type RawTx as Tx } from "~/db/write.server";
import { recordAudit, recordAudits } from "./audit.server";

const HOUR = 60 * 60 * 1000;
type Viewer = { accountId: string; sessionRef: string };

const VIEW_ACTIONS = ["person.view", "case.view", "referral.view", "referral.export", "document.view"];

export function personViewsPerHour(): number {
  return serverConfig().personViewsPerHour;
}

/** The answer to a refused read; thrown after the transaction, so that the alert is kept. */
export function bulkReadRefused(): Response {
  return new Response("Too Many Requests", { status: 429 });
}

export type View = { action: "person.view" | "case.view" | "referral.view" | "referral.export" | "document.view"; entityType: string; entityId: string; personId: string };

/**
 * Records the viewer's views of persons' records, those within the hourly limit, and answers the
 * persons the viewer may read. Call it once the page's rows are read and before anything of them
 * leaves: a person not in the answer is withheld (a record's page throws bulkReadRefused()). One
 * short transaction for the whole page, outside Prisma (app/db/write.server.ts).
 */
export async function recordViews(viewer: Viewer, views: View[]): Promise<Set<string>> {
  if (views.length === 0) return new Set();
  return writeAtOnce(async (tx) => {
    const readable = await personsWithinBulkReadLimit(tx, viewer, views.map((view) => view.personId));
    const recorded = views.filter((view) => readable.has(view.personId));
    await recordAudits(tx, recorded.map((view) => ({ ...view, actorId: viewer.accountId, sessionRef: viewer.sessionRef })));
    return readable;
  });
}

/**
 * The persons the viewer may still read this hour, of those given, in their order (persons seen
 * in the hour always, then new ones up to the limit). Over the limit, the alert is written once.
 * One query, however long the list.
 */
async function personsWithinBulkReadLimit(tx: Tx, viewer: Viewer, personIds: string[], now = new Date()): Promise<Set<string>> {
  const since = storedDate(new Date(now.getTime() - HOUR));
  // Along the (actorId, at) index: the distinct persons seen in the hour (at most about the limit).
  const seenRows = await tx.$queryRaw<{ personId: string }[]>`SELECT DISTINCT "personId" FROM "AuditEvent"
    WHERE "actorId" = ${viewer.accountId} AND "at" >= ${since} AND "personId" IS NOT NULL AND "action" IN (${Prisma.join(VIEW_ACTIONS)})`;
  const allowed = new Set(seenRows.map((row) => row.personId));
  let persons = allowed.size;
  let refused = false;
  for (const personId of personIds) {
    if (allowed.has(personId)) continue;
    if (persons < personViewsPerHour()) {
      allowed.add(personId);
      persons += 1;
    } else refused = true;
  }
  if (refused) await recordAudit(tx, { action: "alert.bulk_read", actorId: viewer.accountId, sessionRef: viewer.sessionRef, at: now });
  return new Set(personIds.filter((id) => allowed.has(id)));
}
