// Reading the audit log: the admin's filtered view, the CSV export, and the check of the
// hash chain that names the first edited row.
import { csvCell } from "~/http/csv";
import { z } from "zod";
import type { Viewer } from "~/auth/session.server";
import { db, type Db } from "~/db/client.server";
import { afterParam, COUNT_CAP, keysetCursor, PAGE_SIZE, pageOf, parseKeyset } from "~/db/paging";
import { read, readCount, sql } from "~/db/read.server";
import { writeAtOnce } from "~/db/write.server";
import { whereAll, type Fragment } from "~/db/sql";
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
  // A person as people know them: by case code (the log's own filter field is their id).
  caseCode: optionalText.transform((v) => v?.toUpperCase()),
  accountId: optionalText,
  action: z.enum(AUDIT_ACTIONS).optional().or(z.literal("").transform(() => undefined)),
  from: optionalDate,
  to: optionalDate,
  after: afterParam,
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** The export asks a fresh code of the second factor; what can be wrong with it, as the log shows it. */
export const exportCodeForm = z.object({ code: z.string().trim().min(1, "twoFactor.codeRequired").max(16, "twoFactor.codeWrong") });
export const EXPORT_PROBLEMS = ["twoFactor.codeRequired", "twoFactor.codeWrong"] as const;
export type ExportProblem = (typeof EXPORT_PROBLEMS)[number];

const DAY = 24 * 60 * 60 * 1000;

type AuditRow = { id: number; at: string; actorId: string | null; action: string; entityType: string | null; entityId: string | null; personId: string | null };
const COLUMNS = sql`"id", "at", "actorId", "action", "entityType", "entityId", "personId"`;

/** The filter's conditions in SQL, each along the index of its column (personId, actorId, action or at). */
function conditionsOf(filter: AuditFilter): Fragment[] {
  return [
    ...(filter.personId ? [sql`"personId" = ${filter.personId}`] : []),
    ...(filter.accountId ? [sql`"actorId" = ${filter.accountId}`] : []),
    ...(filter.action ? [sql`"action" = ${filter.action}`] : []),
    ...(filter.from ? [sql`"at" >= ${new Date(filter.from)}`] : []),
    ...(filter.to ? [sql`"at" < ${new Date(new Date(filter.to).getTime() + DAY)}`] : []),
  ];
}

/** The filter with a case code turned into the person's id (one nobody has when no case has that code). */
async function byPerson(filter: AuditFilter): Promise<AuditFilter> {
  if (!filter.caseCode) return filter;
  const [person] = await read<{ id: string }>`SELECT "id" FROM "Person" WHERE "caseCode" = ${filter.caseCode}`;
  return { ...filter, personId: person?.id ?? "-" };
}

/** A page of the audit log, newest first, along the index of the filter given (in SQL: app/db/read.server.ts). */
export async function searchAuditLog(admin: Viewer, given: AuditFilter) {
  if (!mayAdminister(admin)) throw notFound();
  const filter = await byPerson(given);
  const key = parseKeyset(filter.after);
  const filtered = conditionsOf(filter);
  const afterKey = key ? [sql`"at" <= ${key.at} AND ("at" < ${key.at} OR "id" < ${Number(key.id)})`] : [];
  const [rows, total] = await Promise.all([
    read<AuditRow>`SELECT ${COLUMNS} FROM "AuditEvent" ${whereAll([...filtered, ...afterKey])} ORDER BY "at" DESC, "id" DESC LIMIT ${PAGE_SIZE + 1}`,
    // How many the filter finds, up to the cap, along the same index.
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "AuditEvent" ${whereAll(filtered)} ORDER BY "at" DESC LIMIT ${COUNT_CAP + 1}) AS "found"`,
  ]);
  await writeAtOnce((tx) => recordAudit(tx, { action: "audit.view", actorId: admin.accountId, sessionRef: admin.sessionRef }));
  const page = pageOf(rows, (row) => keysetCursor(new Date(row.at), row.id));
  // Who and whom, as people know them: the page's accounts by name, its persons by case code.
  const [actors, persons] = await Promise.all([
    read<{ id: string; displayName: string }>`SELECT "id", "displayName" FROM "Account" WHERE "id" IN (${page.items.map((row) => row.actorId ?? "")})`,
    read<{ id: string; caseCode: string }>`SELECT "id", "caseCode" FROM "Person" WHERE "id" IN (${page.items.map((row) => row.personId ?? "")})`,
  ]);
  const actorName = new Map(actors.map((a) => [a.id, a.displayName]));
  const caseCode = new Map(persons.map((p) => [p.id, p.caseCode]));
  return {
    ...page,
    total,
    items: page.items.map((row) => ({ ...row, id: Number(row.id), at: new Date(row.at), actor: actorName.get(row.actorId ?? "") ?? null, caseCode: caseCode.get(row.personId ?? "") ?? null })),
  };
}

export async function exportAuditLog(admin: Viewer, given: AuditFilter): Promise<string> {
  if (!mayAdminister(admin)) throw notFound();
  const filter = await byPerson(given);
  // The whole filtered log, in batches along the id: one statement never holds more than a batch.
  const rows: AuditRow[] = [];
  for (let after = 0; ; ) {
    const batch = await read<AuditRow>`SELECT ${COLUMNS} FROM "AuditEvent" ${whereAll([...conditionsOf(filter), sql`"id" > ${after}`])} ORDER BY "id" LIMIT ${1000}`;
    rows.push(...batch);
    if (batch.length < 1000) break;
    after = Number(batch[batch.length - 1]!.id);
  }
  await db().$transaction((tx) => recordAudit(tx, { action: "audit.export", actorId: admin.accountId, sessionRef: admin.sessionRef }));
  const header = ["id", "at", "actor_id", "action", "entity_type", "entity_id", "person_id"];
  const lines = rows.map((r) => [r.id, new Date(r.at), r.actorId, r.action, r.entityType, r.entityId, r.personId].map(csvCell).join(","));
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
