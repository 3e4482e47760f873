// A lockdown (issue 16): when a colleague is detained or a device seized, an administrator ends
// every session at once, their own too (they sign in again, with their second factor, to go on),
// and suspends partners' access until it is lifted; staff see a banner meanwhile. Declaring and
// lifting are audited.
import { recordAudit } from "~/audit/audit.server";
import { mayAdminister } from "./policy";
import type { Viewer } from "./session.server";
import { db } from "~/db/client.server";
import { read } from "~/db/read.server";
import { notFound } from "~/http/not-found";

export type LockdownState = { declaredAt: Date } | null;

export async function lockdownState(): Promise<LockdownState> {
  const [row] = await read<{ declaredAt: string }>`SELECT "declaredAt" FROM "Lockdown" LIMIT 1`;
  return row ? { declaredAt: new Date(row.declaredAt) } : null;
}

/** Ends every session, and suspends partners; returns how many sessions ended. */
export async function declareLockdown(admin: Viewer): Promise<number> {
  if (!mayAdminister(admin)) throw notFound();
  return db().$transaction(async (tx) => {
    await tx.lockdown.upsert({ where: { id: 1 }, create: { id: 1, declaredById: admin.accountId }, update: {} });
    const { count } = await tx.session.deleteMany({});
    await recordAudit(tx, { action: "lockdown.declare", actorId: admin.accountId, sessionRef: admin.sessionRef });
    return count;
  });
}

export async function liftLockdown(admin: Viewer): Promise<void> {
  if (!mayAdminister(admin)) throw notFound();
  await db().$transaction(async (tx) => {
    const { count } = await tx.lockdown.deleteMany({});
    if (count > 0) await recordAudit(tx, { action: "lockdown.lift", actorId: admin.accountId, sessionRef: admin.sessionRef });
  });
}
