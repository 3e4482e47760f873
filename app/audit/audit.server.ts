// The append-only audit log. Rows hold ids, actions and times only (SECURITY.md C), and each
// row carries a hash of the one before, so an edited or deleted row breaks the chain.
import { createHash } from "node:crypto";
import type { Db } from "~/db/client.server";

type Tx = Pick<Db, "auditEvent">;

import { AUDIT_ACTIONS, type AuditAction } from "./actions";

export { AUDIT_ACTIONS, type AuditAction };

export type AuditInput = {
  action: AuditAction;
  actorId?: string | null;
  sessionRef?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  personId?: string | null;
  at?: Date;
};

const GENESIS = "0".repeat(64);

export function auditHash(prevHash: string, row: Required<Omit<AuditInput, "at">> & { at: Date }): string {
  const fields = [row.at.toISOString(), row.actorId, row.sessionRef, row.action, row.entityType, row.entityId, row.personId];
  return createHash("sha256")
    .update(prevHash + "\n" + JSON.stringify(fields))
    .digest("hex");
}

/** Appends one event. Call it inside the transaction of the change it records. */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS;
  const row = {
    at: input.at ?? new Date(),
    action: input.action,
    actorId: input.actorId ?? null,
    sessionRef: input.sessionRef ?? null,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    personId: input.personId ?? null,
  };
  await tx.auditEvent.create({
    data: {
      at: row.at,
      action: row.action,
      actorId: row.actorId,
      sessionId: row.sessionRef,
      entityType: row.entityType,
      entityId: row.entityId,
      personId: row.personId,
      prevHash,
      hash: auditHash(prevHash, row),
    },
  });
}
