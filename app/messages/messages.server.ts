// Messages between a person and the caseworkers of their case. A new message tells the other
// side by a neutral email (no text, no name: only that there is an update); answering marks
// what it answers as read. Reading never changes anything on GET: "mark as read" is a POST.
import { recordAudit } from "~/audit/audit.server";
import { caseScope, ownCaseScope, ownPersonId } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { readCount } from "~/db/read.server";
import type { Prisma } from "~/db/generated/client";
import { queueNotice } from "~/email/outbox.server";
import { foundOr404 } from "~/http/not-found";
import { serverConfig } from "~/config/env.server";
import { THIS_PROCESS, withLease } from "~/jobs/lease.server";

const DAY = 24 * 60 * 60 * 1000;

/** Days after reading that a message is deleted; 0 keeps them (MESSAGE_RETENTION_DAYS). */
export function messageRetentionDays(): number {
  return serverConfig().messageRetentionDays;
}

/**
 * Deletes the messages read more than `days` ago, on both sides at once (one row is both sides'
 * copy); unread ones stay. Once across processes (the lease); returns how many went.
 */
export async function deleteReadMessages({ now = new Date(), days = messageRetentionDays(), holder = THIS_PROCESS } = {}): Promise<number> {
  if (days <= 0) return 0;
  const deleted = await withLease(
    "message-retention",
    now,
    2 * 60_000,
    () =>
      db().$transaction(async (tx) => {
        const { count } = await tx.caseMessage.deleteMany({ where: { readAt: { lt: new Date(now.getTime() - days * DAY) } } });
        if (count > 0) await recordAudit(tx, { action: "retention.purge", at: now, entityType: "case_message" });
        return count;
      }),
    holder,
  );
  return deleted ?? 0;
}

const fromThePerson: Prisma.CaseMessageWhereInput = { author: { role: "client" } };
const fromStaff: Prisma.CaseMessageWhereInput = { OR: [{ authorId: null }, { author: { role: { not: "client" } } }] };

/** A caseworker writes to the person; the person's account, if active, gets a neutral email. */
export async function sendToPerson(viewer: Viewer, caseId: string, body: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const found = foundOr404(
      await tx.case.findFirst({
        where: { AND: [{ id: caseId }, caseScope(viewer), { person: { erasedAt: null } }] },
        select: { id: true, personId: true, person: { select: { account: { select: { id: true, email: true, locale: true, status: true } } } } },
      }),
    );
    await tx.caseMessage.create({ data: { caseId: found.id, authorId: viewer.accountId, body } });
    await tx.caseMessage.updateMany({ where: { caseId: found.id, readAt: null, ...fromThePerson }, data: { readAt: new Date() } });
    await recordAudit(tx, { action: "message.send", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "case", entityId: found.id, personId: found.personId });
    const account = found.person.account;
    if (account?.status === "active") await queueNotice(tx, account, "/me/messages");
  });
}

/** A caseworker marks the person's messages on a case as read. */
export async function markReadByStaff(viewer: Viewer, caseId: string): Promise<void> {
  const found = foundOr404(await db().case.findFirst({ where: { AND: [{ id: caseId }, caseScope(viewer)] }, select: { id: true } }));
  await db().caseMessage.updateMany({ where: { caseId: found.id, readAt: null, ...fromThePerson }, data: { readAt: new Date() } });
}

/** The person's messages on all their cases, oldest first, and whether they can write now. */
export async function myMessages(viewer: Viewer) {
  const [messages, openCase] = await Promise.all([
    db().caseMessage.findMany({
      where: { case: ownCaseScope(viewer) },
      select: { id: true, body: true, createdAt: true, readAt: true, authorId: true, author: { select: { displayName: true } } },
      orderBy: { createdAt: "asc" },
    }),
    currentCase(viewer),
  ]);
  return {
    messages: messages.map((m) => ({
      id: m.id,
      body: m.body,
      createdAt: m.createdAt,
      mine: m.authorId === viewer.accountId,
      unread: m.authorId !== viewer.accountId && m.readAt === null,
      authorName: m.authorId === viewer.accountId ? null : (m.author?.displayName ?? null),
    })),
    canWrite: openCase !== null,
  };
}

/** The person's own open case, if they have one. */
function currentCase(viewer: Viewer) {
  return db().case.findFirst({ where: { AND: [ownCaseScope(viewer), { status: { not: "closed" } }] }, select: { id: true }, orderBy: { openedAt: "desc" } });
}

export type SendResult = { ok: true } | { ok: false; problem: "message.noCase" };

/** The person writes to their caseworker on their open case; the lead caseworker is told. */
export async function sendToCaseworker(viewer: Viewer, body: string): Promise<SendResult> {
  const personId = ownPersonId(viewer);
  const open = await currentCase(viewer);
  if (!open || !personId) return { ok: false, problem: "message.noCase" };
  await db().$transaction(async (tx) => {
    await tx.caseMessage.create({ data: { caseId: open.id, authorId: viewer.accountId, body } });
    await tx.caseMessage.updateMany({ where: { case: ownCaseScope(viewer), readAt: null, ...fromStaff }, data: { readAt: new Date() } });
    await recordAudit(tx, { action: "message.send", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "case", entityId: open.id, personId });
    const lead = await tx.caseAssignment.findFirst({
      where: { caseId: open.id, kind: "lead", endedAt: null },
      select: { account: { select: { id: true, email: true, locale: true, status: true } } },
    });
    if (lead?.account.status === "active") await queueNotice(tx, lead.account, `/staff/cases/${open.id}#messages`);
  });
  return { ok: true };
}

/** How many messages to the person they have not read yet. */
export function unreadByPerson(personId: string): Promise<number> {
  // In SQL, as the rest of /me; "from staff" is what fromStaff says: no author (the system) or not a client.
  // The person's cases as a list, so that the file reads their messages along (caseId, readAt): as
  // a join it read every unread message of everyone along the readAt index (200 ms at 200,000 persons).
  return readCount`SELECT count(*) AS "n" FROM "CaseMessage" LEFT JOIN "Account" ON "Account"."id" = "CaseMessage"."authorId"
    WHERE "CaseMessage"."caseId" IN (SELECT "id" FROM "Case" WHERE "personId" = ${personId}) AND "CaseMessage"."readAt" IS NULL
      AND ("CaseMessage"."authorId" IS NULL OR "Account"."role" <> 'client')`;
}

/** The person marks the messages written to them as read. */
export async function markReadByPerson(viewer: Viewer): Promise<void> {
  await db().caseMessage.updateMany({ where: { case: ownCaseScope(viewer), readAt: null, ...fromStaff }, data: { readAt: new Date() } });
}
