// The append-only audit log. Rows hold ids, actions and times only (SECURITY.md C), and each
// row carries a hash of the one before, so an edited or deleted row breaks the chain.
import { createHash } from "node:crypto";
import { Prisma } from "~/db/generated/client";
import { storedDate } from "~/db/stored-date";

import type { RawTx as Tx } from "~/db/write.server";

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

/**
 * Appends one event. Call it inside the transaction of the change it records. In SQL through
 * the transaction: every write and every view of a record makes one, and Prisma's own query
 * takes about 0.5 ms a statement to build (npm run bench; docs/decisions/011-reads-in-sql.md).
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await recordAudits(tx, [input]);
}

/** Appends several events in their order, chained to each other, with one read and one insert. */
export async function recordAudits(tx: Tx, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const [last] = await tx.$queryRaw<{ hash: string }[]>`SELECT "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`;
  let prevHash = last?.hash ?? GENESIS;
  const values = inputs.map((input) => {
    const row = {
      at: input.at ?? new Date(),
      action: input.action,
      actorId: input.actorId ?? null,
      sessionRef: input.sessionRef ?? null,
      entityType: input.entityType ?? null,
      entityId: input.entityId ?? null,
      personId: input.personId ?? null,
    };
    const hash = auditHash(prevHash, row);
    const value = Prisma.sql`(${storedDate(row.at)}, ${row.action}, ${row.actorId}, ${row.sessionRef}, ${row.entityType}, ${row.entityId}, ${row.personId}, ${prevHash}, ${hash})`;
    prevHash = hash;
    return value;
  });
  await tx.$executeRaw`INSERT INTO "AuditEvent" ("at", "action", "actorId", "sessionId", "entityType", "entityId", "personId", "prevHash", "hash")
    VALUES ${Prisma.join(values)}`;
}
