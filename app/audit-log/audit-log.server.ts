// Reading the audit log: the admin's filtered view, the CSV export, and the check of the
// hash chain that names the first edited row.
import { z } from "zod";
import type { Viewer } from "~/auth/session.server";
import { db, type Db } from "~/db/client.server";
import type { Prisma } from "~/db/generated/client";
import { afterParam, keysetCursor, keysetWhere, PAGE_SIZE, pageOf, parseKeyset } from "~/db/paging";
import { AUDIT_ACTIONS, auditHash, recordAudit } from "~/audit/audit.server";
import { mayAdminister } from "~/auth/policy";
import { notFound } from "~/http/not-found";

const optionalText = z.string().trim().max(60).optional().transform((v) => v || undefined);
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.string().date("audit.dateInvalid").optional());

export const auditFilterSchema = z.object({
  personId: optionalText,
  accountId: optionalText,
  action: z.enum(AUDIT_ACTIONS).optional().or(z.literal("").transform(() => undefined)),
  from: optionalDate,
  to: optionalDate,
  after: afterParam,
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

const DAY = 24 * 60 * 60 * 1000;

function whereOf(filter: AuditFilter) {
  return {
    ...(filter.personId ? { personId: filter.personId } : {}),
    ...(filter.accountId ? { actorId: filter.accountId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to
      ? { at: { ...(filter.from ? { gte: new Date(filter.from) } : {}), ...(filter.to ? { lt: new Date(new Date(filter.to).getTime() + DAY) } : {}) } }
      : {}),
  };
}

const columns = { id: true, at: true, actorId: true, action: true, entityType: true, entityId: true, personId: true } as const;

/** A page of the audit log, newest first, along the index of the filter given. */
export async function searchAuditLog(admin: Viewer, filter: AuditFilter) {
  if (!mayAdminister(admin)) throw notFound();
  const after = keysetWhere("at", parseKeyset(filter.after), "desc", Number) as Prisma.AuditEventWhereInput;
  const rows = await db().auditEvent.findMany({
    where: { AND: [whereOf(filter), after] },
    select: columns,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
  });
  await db().$transaction((tx) => recordAudit(tx, { action: "audit.view", actorId: admin.accountId, sessionRef: admin.sessionRef }));
  return pageOf(rows, (row) => keysetCursor(row.at, row.id));
}

/** RFC 4180 quoting, and a leading ' for cells a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  let text = value instanceof Date ? value.toISOString() : value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export async function exportAuditLog(admin: Viewer, filter: AuditFilter): Promise<string> {
  if (!mayAdminister(admin)) throw notFound();
  const rows = await db().auditEvent.findMany({ where: whereOf(filter), select: columns, orderBy: { id: "asc" } });
  await db().$transaction((tx) => recordAudit(tx, { action: "audit.export", actorId: admin.accountId, sessionRef: admin.sessionRef }));
  const header = ["id", "at", "actor_id", "action", "entity_type", "entity_id", "person_id"];
  const lines = rows.map((r) => [r.id, r.at, r.actorId, r.action, r.entityType, r.entityId, r.personId].map(csvCell).join(","));
  return [header.map(csvCell).join(","), ...lines].join("\r\n") + "\r\n";
}

export type ChainCheck = { ok: true; rows: number } | { ok: false; rows: number; firstBrokenId: number };

/** Walks the whole log in order; the first row whose hashes do not follow is the edited one. */
export async function verifyAuditChain(client: Db = db()): Promise<ChainCheck> {
  let prevHash = "0".repeat(64);
  let rows = 0;
  let cursor = 0;
  for (;;) {
    const batch = await client.auditEvent.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: 1000 });
    if (batch.length === 0) return { ok: true, rows };
    for (const row of batch) {
      const expected = auditHash(prevHash, {
        at: row.at,
        action: row.action as (typeof AUDIT_ACTIONS)[number],
        actorId: row.actorId,
        sessionRef: row.sessionId,
        entityType: row.entityType,
        entityId: row.entityId,
        personId: row.personId,
      });
      if (row.prevHash !== prevHash || row.hash !== expected) return { ok: false, rows, firstBrokenId: row.id };
      prevHash = row.hash;
      rows++;
      cursor = row.id;
    }
  }
}
