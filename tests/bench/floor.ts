// The floor of the page benchmark (tests/bench/pages.ts): hand-written SQL for the rows each page
// shows, on the same database, through its driver directly: libSQL on the encrypted file, or one
// pg connection to PostgreSQL. Each statement is prepared once per connection, as a hand-written
// data layer would. The SQL is written once, in what both databases read (quoted names, true and
// false); "?" becomes "$1", "$2" … on PostgreSQL.
import Database from "libsql";
import pg from "pg";
import type { AuditAction } from "../../app/audit/audit.server";
import { auditHash } from "../../app/audit/audit.server";
import { storedSessionId } from "../../app/auth/session.server";
import { consentedFields } from "../../app/auth/policy";
import type { DatabaseProvider } from "../../app/config/env.server";
import { databaseFilePath, type DatabaseConnection } from "../../app/db/connection";
import { WRITER_LOCK } from "../../app/db/postgres-driver";
import { compose, numbered, questionMark, type Fragment } from "../../app/db/sql";
import { storedDate } from "../../app/db/stored-date";
import { dayIn } from "../../app/i18n/moments";
import { COMMON, pairToken } from "../../app/persons/name-tokens.server";
import { foldWord, skeleton, words } from "../../app/persons/search-key";
import { periodStatements, standingStatements } from "../../app/reports/figures.server";
import { periodFrom, previous } from "../../app/reports/period";
import { boundsOf } from "../../app/reports/report.server";

type Row = Record<string, unknown>;
export type Raw = {
  provider: DatabaseProvider;
  /** The rows of one statement written in the provider's own placeholders. */
  all(text: string, params: unknown[]): Promise<Row[]>;
  /** The one writer's turn, as the app takes it: BEGIN IMMEDIATE on the file; BEGIN and the advisory lock on PostgreSQL. */
  beginWrite(): Promise<void>;
  commit(): Promise<void>;
  close(): Promise<void>;
};
export type Viewer = { cookie: string; sessionId: string; sessionRef: string; accountId: string; organizationId: string | null; personId: string | null };

export async function openRaw(connection: DatabaseConnection, cacheMiB: number): Promise<Raw> {
  const file = databaseFilePath(connection.url);
  return file ? openFile(file, connection.encryptionKey || null, cacheMiB) : openPostgres(connection.url);
}

function openFile(file: string, key: string | null, cacheMiB: number): Raw {
  const raw = new Database(file, key ? ({ encryptionKey: key } as never) : undefined);
  raw.prepare(`PRAGMA cache_size = -${cacheMiB * 1024}`).all();
  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = raw.prepare(text)));
    return statement;
  };
  return {
    provider: "sqlite",
    all: async (text, params) => {
      const statement = prepared(text);
      if (statement.reader) return statement.all(...params) as Row[];
      statement.run(...params);
      return [];
    },
    beginWrite: async () => void raw.exec("BEGIN IMMEDIATE"),
    commit: async () => void raw.exec("COMMIT"),
    close: async () => void raw.close(),
  };
}

async function openPostgres(url: string): Promise<Raw> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const names = new Map<string, string>();
  return {
    provider: "postgresql",
    all: async (text, params) => {
      let name = names.get(text);
      if (!name) names.set(text, (name = `floor_${names.size}`));
      return (await client.query({ name, text, values: params })).rows as Row[];
    },
    beginWrite: async () => {
      await client.query("BEGIN");
      await client.query(WRITER_LOCK);
    },
    commit: async () => void (await client.query("COMMIT")),
    close: () => client.end(),
  };
}

// "?" to "$1", "$2" …, worked out once per statement.
const numberedText = new Map<string, string>();
function sql(raw: Raw, text: string, ...params: unknown[]): Promise<Row[]> {
  if (raw.provider === "sqlite") return raw.all(text, params);
  let native = numberedText.get(text);
  if (native === undefined) {
    let position = 0;
    numberedText.set(text, (native = text.replace(/\?/g, () => `$${++position}`)));
  }
  return raw.all(native, params);
}
const run = sql;
// An empty list is "IN (NULL)": it matches nothing on both databases (PostgreSQL refuses "IN ()").
const marks = (n: number) => (n ? Array.from({ length: n }, () => "?").join(",") : "NULL");
const ids = (rows: Record<string, unknown>[], column = "id") => rows.map((row) => row[column]);
const today = () => new Date(new Date().toISOString().slice(0, 10) + "T00:00:00.000Z").toISOString();

const sessionRow = (raw: Raw, sessionId: string) =>
  sql(raw, `SELECT s."expiresAt", s."absoluteExpiresAt", s."twoFactorVerified", a.id, a.role, a.status, a."displayName", a."organizationId", a."personId", a."blurNames", (SELECT 1 FROM "Lockdown" LIMIT 1) lockdown
            FROM "Session" s JOIN "Account" a ON a.id = s."userId" WHERE s.id = ?`, storedSessionId(sessionId));
const openCasesOf = (raw: Raw, accountId: string) =>
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "CaseAssignment" ca JOIN "Case" c ON c.id = ca."caseId"
            WHERE ca."accountId" = ? AND ca."endedAt" IS NULL AND c.status <> 'closed' LIMIT 101) AS counted`, accountId);

export async function caseloadFloor(raw: Raw, sessionId: string, accountId: string) {
  await sessionRow(raw, sessionId);
  await openCasesOf(raw, accountId);
  await sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "Task" WHERE "assigneeId" = ? AND status = 'open' AND "dueOn" < ? ORDER BY "dueOn" LIMIT 1001) AS counted`, accountId, today());
  const rows = await sql(raw, `SELECT ca.id, ca."assignedAt", c.id "caseId", c.status, p."caseCode", p."preferredName"
            FROM "CaseAssignment" ca JOIN "Case" c ON c.id = ca."caseId" JOIN "Person" p ON p.id = c."personId"
            WHERE ca."accountId" = ? AND ca."endedAt" IS NULL AND c.status <> 'closed' ORDER BY ca."assignedAt" DESC, ca.id DESC LIMIT 26`, accountId);
  const ids = rows.slice(0, 25).map((row) => row.caseId);
  await sql(raw, `SELECT "caseId", title, "dueOn" FROM "Task" WHERE "caseId" IN (${marks(ids.length)}) AND status = 'open'`, ...ids);
  await sql(raw, `SELECT m."caseId", count(*) n FROM "CaseMessage" m JOIN "Account" a ON a.id = m."authorId"
            WHERE m."caseId" IN (${marks(ids.length)}) AND m."readAt" IS NULL AND a.role = 'client' GROUP BY m."caseId"`, ...ids);
}

export async function coordinatorFloor(raw: Raw, sessionId: string) {
  await sessionRow(raw, sessionId);
  await sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "HelpRequest" WHERE status IN ('new', 'in_triage') ORDER BY status, "createdAt" LIMIT 1001) AS counted`);
  await sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "Case" WHERE status IN ('open', 'active', 'on_hold') ORDER BY status, "openedAt" LIMIT 1001) AS counted`);
  await sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "Case" WHERE "unassignedSince" IS NOT NULL ORDER BY "unassignedSince" LIMIT 1001) AS counted`);
  await sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "Task" WHERE status = 'open' AND "dueOn" < ? ORDER BY "dueOn" LIMIT 1001) AS counted`, today());
  const unassigned = (await sql(raw, `SELECT c.id, c.status, c."openedAt", c."unassignedSince", c.version, p."caseCode" FROM "Case" c JOIN "Person" p ON p.id = c."personId"
            WHERE c."unassignedSince" IS NOT NULL ORDER BY c."unassignedSince", c.id LIMIT 26`)).map((row) => row.id);
  // Each unassigned case's context: the request it came from, and the tracks asked for.
  if (unassigned.length) await sql(raw, `SELECT h."caseId", h.urgency, h.language, h.country, p."countryNow" FROM "HelpRequest" h LEFT JOIN "Person" p ON p.id = h."personId"
            WHERE h."caseId" IN (${marks(unassigned.length)}) ORDER BY h."createdAt"`, ...unassigned);
  if (unassigned.length) await sql(raw, `SELECT DISTINCT h."caseId", t.id, t."nameBe", t."nameRu", t."nameEn", t.position FROM "HelpRequest" h JOIN "HelpRequestTrack" ht ON ht."requestId" = h.id
            JOIN "SupportTrack" t ON t.id = ht."trackId" WHERE h."caseId" IN (${marks(unassigned.length)}) ORDER BY t.position`, ...unassigned);
  for (const account of await sql(raw, `SELECT id, "displayName" FROM "Account" WHERE role = 'caseworker' AND status = 'active' ORDER BY "displayName"`)) {
    await openCasesOf(raw, account.id as string);
  }
}

/** The rows a search shows: the persons of the page and each one's latest case, and the filters' choices. */
async function shownRows(raw: Raw, personIds: unknown[]) {
  await sql(raw, `SELECT id, key, "nameBe", "nameRu", "nameEn" FROM "SupportTrack" WHERE active = true ORDER BY position`);
  await sql(raw, `SELECT id, "displayName" FROM "Account" WHERE role = 'caseworker' AND status = 'active' ORDER BY "displayName"`);
  await sql(raw, `SELECT id, "caseCode", "preferredName", "countryNow" FROM "Person" WHERE id IN (${marks(personIds.length)})`, ...personIds);
  await sql(raw, `SELECT id, status, "personId", "openedAt" FROM "Case" WHERE "personId" IN (${marks(personIds.length)}) ORDER BY "personId", "openedAt" DESC`, ...personIds);
}

const END = "\u{10FFFF}";
/** The search's words, kept on the server (the address holds only the id; docs/decisions/014). */
async function savedSearchRow(raw: Raw, viewer: Viewer, id: string) {
  await sql(raw, `SELECT query FROM "SavedSearch" WHERE id = ? AND "accountId" = ? AND "createdAt" >= ? LIMIT 1`, id, viewer.accountId, storedDate(new Date(Date.now() - 12 * 3_600_000)));
}

/** The index reads of the name's tokens that the search makes (name-tokens.server.ts), then the rows shown. */
export async function nameSearchFloor(raw: Raw, viewer: Viewer, searchId: string, name: string) {
  await sessionRow(raw, viewer.sessionId);
  await savedSearchRow(raw, viewer, searchId);
  const read = (from: string, to: string) => sql(raw, `SELECT token, "personId" FROM "NameToken" WHERE token >= ? AND token < ? ORDER BY token, "personId" LIMIT ${COMMON}`, from, to);
  const found = new Set<unknown>();
  const common: string[] = [];
  for (const word of new Set(words(name).map(foldWord).filter((w) => w.length >= 2))) {
    const prefixed = await read(word, word + END);
    // A common word is read no further: it is looked up beside the other common words, as a pair.
    if (prefixed.length >= COMMON) {
      common.push(word);
      continue;
    }
    for (const row of prefixed) found.add(row.personId);
    const bones = skeleton(word);
    if (bones.length >= 3 && bones !== word) await read(`~${bones}`, `~${bones}\u0001`);
    if (word.length >= 5) await read(word.slice(0, 3), word.slice(0, 3) + END);
  }
  if (common.length === 2 && found.size === 0) {
    // Both words common: the holders of their pair are counted and one page of them read, along the token index.
    const pair = pairToken(common[0]!, common[1]!);
    await sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "NameToken" WHERE token = ? LIMIT 1000) AS counted`, pair);
    for (const row of await sql(raw, `SELECT "personId" FROM "NameToken" WHERE token = ? ORDER BY "personId" LIMIT 25`, pair)) found.add(row.personId);
  } else {
    for (const [i, a] of common.entries()) {
      for (const b of common.slice(i + 1)) {
        for (const row of await sql(raw, `SELECT "personId" FROM "NameToken" WHERE token = ? ORDER BY "personId" LIMIT 1000`, pairToken(a, b))) found.add(row.personId);
      }
    }
  }
  await shownRows(raw, [...found].slice(0, 25));
}

export async function codeSearchFloor(raw: Raw, viewer: Viewer, searchId: string, code: string) {
  await sessionRow(raw, viewer.sessionId);
  await savedSearchRow(raw, viewer, searchId);
  // Erased persons keep their code and are not shown.
  await sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "Person" WHERE "caseCode" >= ? AND "caseCode" < ? AND "erasedAt" IS NULL LIMIT 1001) AS counted`, code, code + END);
  const rows = await sql(raw, `SELECT id FROM "Person" WHERE "caseCode" >= ? AND "caseCode" < ? AND "erasedAt" IS NULL ORDER BY "caseCode" LIMIT 25`, code, code + END);
  await shownRows(raw, rows.map((row) => row.id));
}

/** A view of a person's record in a write transaction, as the app makes it: the hourly limit, then the audit row on the hash chain. */
type Event = { action: AuditAction; entityType: string | null; entityId: string | null; personId: string | null };
async function audited(raw: Raw, viewer: { accountId: string; sessionRef: string }, read: () => Promise<Event>) {
  await auditedMany(raw, viewer, async () => [await read()]);
}

/** The page's reads, then its views checked against the hourly limit and written in one insert. */
async function auditedMany(raw: Raw, viewer: { accountId: string; sessionRef: string }, read: () => Promise<Event[]>) {
  await raw.beginWrite();
  const events = await read();
  if (events.some((event) => event.personId)) {
    await sql(raw, `SELECT DISTINCT "personId" FROM "AuditEvent" WHERE "actorId" = ? AND action IN ('person.view', 'case.view', 'referral.view') AND at >= ? AND "personId" IS NOT NULL`,
      viewer.accountId, storedDate(new Date(Date.now() - 3_600_000)));
  }
  let prevHash = ((await sql(raw, `SELECT hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1`))[0]?.hash as string | undefined) ?? "0".repeat(64);
  const values = events.flatMap((event) => {
    const row = { at: new Date(), action: event.action, actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: event.entityType, entityId: event.entityId, personId: event.personId };
    const hash = auditHash(prevHash, row);
    const value = [storedDate(row.at), row.action, row.actorId, row.sessionRef, row.entityType, row.entityId, row.personId, prevHash, hash];
    prevHash = hash;
    return value;
  });
  if (events.length) {
    await run(raw, `INSERT INTO "AuditEvent" (at, action, "actorId", "sessionId", "entityType", "entityId", "personId", "prevHash", hash) VALUES ${events.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`, ...values);
  }
  await raw.commit();
}

export async function triageFloor(raw: Raw, sessionId: string) {
  await sessionRow(raw, sessionId);
  await sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "HelpRequest" WHERE status IN ('new', 'in_triage') LIMIT 1001) AS counted`);
  // The most urgent, then the oldest: a page of each status along its index, merged.
  for (const status of ["new", "in_triage"]) {
    await sql(raw, `SELECT h.id, h.code, h.status, h.urgency, h.language, h.source, h."createdAt", h."preferredName", a."displayName"
            FROM "HelpRequest" h LEFT JOIN "Account" a ON a.id = h."triagedById" WHERE h.status = ? ORDER BY h.urgency DESC, h."createdAt", h.id LIMIT 26`, status);
  }
}

export async function personFloor(raw: Raw, viewer: Viewer, personId: string) {
  await sessionRow(raw, viewer.sessionId);
  await audited(raw, viewer, async () => {
    await sql(raw, `SELECT id, "caseCode", "preferredName", "countryNow", "cityNow", languages, version, "releaseDate", "detentionPlace", "riskFlags", "birthDate", "fullName", "fullNameLatin"
              FROM "Person" WHERE id = ? AND "erasedAt" IS NULL`, personId);
    await sql(raw, `SELECT id, kind, value, "safeTimes" FROM "ContactChannel" WHERE "personId" = ?`, personId);
    await sql(raw, `SELECT id, kind, until, note FROM "Restriction" WHERE "personId" = ?`, personId);
    await sql(raw, `SELECT c.id, c.purpose, c."givenAt", c."withdrawnAt", c.method, o.name FROM "Consent" c LEFT JOIN "Organization" o ON o.id = c."recipientOrganizationId"
              WHERE c."personId" = ? ORDER BY c."givenAt"`, personId);
    await sql(raw, `SELECT id, status FROM "Case" WHERE "personId" = ? ORDER BY "openedAt" DESC`, personId);
    await sql(raw, `SELECT status FROM "Account" WHERE "personId" = ?`, personId);
    return { action: "person.view", entityType: "person", entityId: personId, personId };
  });
}

/** The case page of a caseworker's own case: the case with its newest history, the view audited, the form choices. */
export async function caseFloor(raw: Raw, viewer: Viewer, caseId: string) {
  await sessionRow(raw, viewer.sessionId);
  await audited(raw, viewer, async () => {
    const [found] = await sql(raw, `SELECT c.id, c.status, c."closeReason", c."closeNote", c."openedAt", c.version, p.id "personId", p."caseCode", p."preferredName", a.status "accountStatus"
              FROM "Case" c JOIN "Person" p ON p.id = c."personId" LEFT JOIN "Account" a ON a."personId" = p.id
              WHERE c.id = ? AND p."erasedAt" IS NULL AND EXISTS (SELECT 1 FROM "CaseAssignment" WHERE "caseId" = c.id AND "accountId" = ? AND "endedAt" IS NULL)`, caseId, viewer.accountId);
    // Each step with who took it: the timeline names its author.
    await sql(raw, `SELECT s.id, s."fromStatus", s."toStatus", s.reason, s.note, s.at, a."displayName" FROM "CaseStatusChange" s LEFT JOIN "Account" a ON a.id = s."actorId" WHERE s."caseId" = ? ORDER BY s.at`, caseId);
    await sql(raw, `SELECT ca.id, ca.kind, ca."assignedAt", ca."endedAt", a.id, a."displayName", b."displayName" FROM "CaseAssignment" ca JOIN "Account" a ON a.id = ca."accountId"
              LEFT JOIN "Account" b ON b.id = ca."assignedById" WHERE ca."caseId" = ? ORDER BY ca."assignedAt"`, caseId);
    await sql(raw, `SELECT n.id, n.level, n.summary, n."assessedAt", n.version, t.id, t.key, a."displayName" FROM "NeedsAssessment" n JOIN "SupportTrack" t ON t.id = n."trackId"
              LEFT JOIN "Account" a ON a.id = n."assessedById" WHERE n."caseId" = ? ORDER BY n."assessedAt"`, caseId);
    await sql(raw, `SELECT g.id, g.title, g.status, g.version, g."createdAt", t.key, a."displayName" FROM "Goal" g JOIN "SupportTrack" t ON t.id = g."trackId"
              LEFT JOIN "Account" a ON a.id = g."createdById" WHERE g."caseId" = ? ORDER BY g."createdAt"`, caseId);
    await sql(raw, `SELECT v.id, v.kind, v."occurredAt", v.place, v.note, a."displayName" FROM "Activity" v LEFT JOIN "Account" a ON a.id = v."recordedById"
              WHERE v."caseId" = ? ORDER BY v."occurredAt" DESC LIMIT 51`, caseId);
    await sql(raw, `SELECT n.id, n.body, n.restricted, n."createdAt", a."displayName" FROM "Note" n LEFT JOIN "Account" a ON a.id = n."authorId" WHERE n."caseId" = ? AND (n.restricted = false OR n."authorId" = ?
              OR EXISTS (SELECT 1 FROM "CaseAssignment" WHERE "caseId" = n."caseId" AND "accountId" = ? AND kind = 'lead' AND "endedAt" IS NULL)) ORDER BY n."createdAt" DESC LIMIT 51`,
      caseId, viewer.accountId, viewer.accountId);
    await sql(raw, `SELECT t.id, t.title, t."dueOn", t.status, t.version, t."createdAt", t."completedAt", t."assigneeId", a."displayName" FROM "Task" t LEFT JOIN "Account" a ON a.id = t."assigneeId"
              WHERE t."caseId" = ? ORDER BY t."dueOn"`, caseId);
    await sql(raw, `SELECT e.id, e.kind, e.at, e."dueOn", t.title, a."displayName", b."displayName" FROM "TaskEvent" e JOIN "Task" t ON t.id = e."taskId" LEFT JOIN "Account" a ON a.id = e."actorId"
              LEFT JOIN "Account" b ON b.id = e."assigneeId" WHERE e."caseId" = ? ORDER BY e.at DESC LIMIT 51`, caseId);
    await sql(raw, `SELECT m.id, m.body, m."createdAt", m."readAt", a.role, a."displayName" FROM "CaseMessage" m LEFT JOIN "Account" a ON a.id = m."authorId" WHERE m."caseId" = ? ORDER BY m."createdAt" DESC LIMIT 51`, caseId);
    // The case's documents the caseworker may see (a restricted one only as its lead).
    await sql(raw, `SELECT d.id, d.kind, d.title, d."mediaType", d.size, d."createdAt", d.restricted, d."visibleToPerson", a."personId" = d."personId" FROM "Document" d LEFT JOIN "Account" a ON a.id = d."uploadedById"
              WHERE d."caseId" = ? AND (d.restricted = false OR EXISTS (SELECT 1 FROM "CaseAssignment" WHERE "caseId" = d."caseId" AND "accountId" = ? AND kind = 'lead' AND "endedAt" IS NULL)) ORDER BY d."createdAt" DESC`,
      caseId, viewer.accountId);
    const referrals = await sql(raw, `SELECT r.id, r.status, r.version, r."sentAt", r.outcome, r."flaggedAt", g.title, s.name, o.name FROM "Referral" r LEFT JOIN "Goal" g ON g.id = r."goalId"
              JOIN "Service" s ON s.id = r."serviceId" JOIN "Organization" o ON o.id = s."organizationId" WHERE r."caseId" = ? ORDER BY r."createdAt"`, caseId);
    await sql(raw, `SELECT h."referralId", h."toStatus", h.at, a."displayName" FROM "ReferralStatusChange" h LEFT JOIN "Account" a ON a.id = h."actorId"
              WHERE h."referralId" IN (${marks(referrals.length)}) ORDER BY h."referralId", h.at`, ...ids(referrals));
    await sql(raw, `SELECT m."referralId", m.id, m.body, m."createdAt", a.role FROM "ReferralMessage" m LEFT JOIN "Account" a ON a.id = m."authorId"
              WHERE m."referralId" IN (${marks(referrals.length)}) ORDER BY m."referralId", m."createdAt"`, ...ids(referrals));
    // The practical support given on the case: each record with its source and receipt, and its steps with who took them.
    const support = await sql(raw, `SELECT a.id, a.kind, a."amountMinor", a.currency, a."sourceAmountMinor", a.rate, a."payeeKind", a."payeeReference", a.note, a.status, a."overBudget",
              a."requestedById", a."paidOn", a."paidMethod", a."receiptReference", a.version, a."createdAt", f.name "sourceName", f.currency "sourceCurrency",
              d.id "receiptId", d.title "receiptTitle"
              FROM "Assistance" a JOIN "FundingSource" f ON f.id = a."fundingSourceId" LEFT JOIN "Document" d ON d.id = a."receiptDocumentId" WHERE a."caseId" = ? ORDER BY a."createdAt"`, caseId);
    await sql(raw, `SELECT e."assistanceId", e."toStatus", e.note, e.at, a."displayName" FROM "AssistanceEvent" e LEFT JOIN "Account" a ON a.id = e."actorId"
              WHERE e."assistanceId" IN (${marks(support.length)}) ORDER BY e."assistanceId", e.at`, ...ids(support));
    return { action: "case.view", entityType: "case", entityId: caseId, personId: found!.personId as string };
  });
  await sql(raw, `SELECT id, key, "nameBe", "nameRu", "nameEn" FROM "SupportTrack" WHERE active = true ORDER BY position`);
  // The funding sources a request may draw on, each with what approved and paid support took of it (kept on the source).
  await sql(raw, `SELECT id, name, currency, "budgetMinor", "approvalThresholdMinor", "trackId", "committedMinor" FROM "FundingSource" WHERE active = true ORDER BY name`);
  const services = await sql(raw, `SELECT s.id, s.name, s.status, s.languages, s."trackId", o.name FROM "Service" s JOIN "Organization" o ON o.id = s."organizationId"
            WHERE s."trackId" IN (SELECT "trackId" FROM "Goal" WHERE "caseId" = ?) ORDER BY s.status, s.name`, caseId);
  await sql(raw, `SELECT "serviceId", country, city FROM "ServiceArea" WHERE "serviceId" IN (${marks(services.length)})`, ...ids(services));
  await sql(raw, `SELECT "serviceId", available FROM "ServiceCapacity" WHERE "serviceId" IN (${marks(services.length)}) ORDER BY "serviceId", "updatedAt" DESC`, ...ids(services));
}

export async function inboxFloor(raw: Raw, viewer: Viewer, organizationId: string) {
  await sessionRow(raw, viewer.sessionId);
  await sql(raw, `SELECT name FROM "Organization" WHERE id = ?`, organizationId);
  await sql(raw, `SELECT count(*) n FROM "Referral" WHERE "organizationId" = ? AND status = 'sent'`, organizationId);
  await sql(raw, `SELECT count(*) n FROM "Referral" WHERE "organizationId" = ? AND status IN ('accepted', 'in_progress', 'on_hold')`, organizationId);
  const rows = await sql(raw, `SELECT r.id, r.status, r."sentAt", s.name, r."caseId", r."sharedFields", r.request, c.id "consentId", c."withdrawnAt", c."sharedFields" "consentFields"
            FROM "Referral" r JOIN "Service" s ON s.id = r."serviceId" LEFT JOIN "Consent" c ON c.id = r."consentId"
            WHERE r."organizationId" = ? AND r.status <> 'draft' AND r."sentAt" IS NOT NULL ORDER BY r."sentAt" DESC, r.id DESC LIMIT 26`, organizationId) as
    { id: string; caseId: string; sharedFields: string; consentId: string | null; withdrawnAt: string | null; consentFields: string | null }[];
  await sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "Referral" WHERE "organizationId" = ? AND status <> 'draft' AND "sentAt" IS NOT NULL LIMIT 1001) AS counted`, organizationId);
  // The rows that name the person or the request: the persons read, each audited as a view.
  const sharing = rows.slice(0, 25).filter((row) => {
    const fields = consentedFields(row.sharedFields, row.consentId ? { withdrawnAt: row.withdrawnAt ? new Date(row.withdrawnAt) : null, sharedFields: row.consentFields ?? "" } : null);
    return fields.has("preferredName") || fields.has("request");
  });
  if (sharing.length === 0) return;
  const persons = await sql(raw, `SELECT k.id, p.id "personId", p."preferredName" FROM "Case" k JOIN "Person" p ON p.id = k."personId" WHERE k.id IN (${marks(sharing.length)}) AND p."erasedAt" IS NULL`,
    ...sharing.map((row) => row.caseId)) as { id: string; personId: string }[];
  const personOf = new Map(persons.map((p) => [p.id, p.personId]));
  await auditedMany(raw, viewer, async () => sharing.map((row) => ({ action: "referral.view", entityType: "referral", entityId: row.id, personId: personOf.get(row.caseId) ?? null })));
}

export async function partnerReferralFloor(raw: Raw, viewer: Viewer, organizationId: string, referralId: string, personId: string) {
  await sessionRow(raw, viewer.sessionId);
  await audited(raw, viewer, async () => {
    await sql(raw, `SELECT r.id, r.status, r.version, r."sentAt", r.request, r."sharedFields", s.name, c."withdrawnAt", c."sharedFields", p.id, p."preferredName", p.languages
              FROM "Referral" r JOIN "Service" s ON s.id = r."serviceId" LEFT JOIN "Consent" c ON c.id = r."consentId" JOIN "Case" k ON k.id = r."caseId" JOIN "Person" p ON p.id = k."personId"
              WHERE r.id = ? AND r."organizationId" = ? AND r.status <> 'draft'`, referralId, organizationId);
    await sql(raw, `SELECT "toStatus", reason, note, at FROM "ReferralStatusChange" WHERE "referralId" = ? ORDER BY at`, referralId);
    await sql(raw, `SELECT m.id, m.body, m."createdAt", a.role FROM "ReferralMessage" m LEFT JOIN "Account" a ON a.id = m."authorId" WHERE m."referralId" = ? ORDER BY m."createdAt"`, referralId);
    await sql(raw, `SELECT kind, value, "safeTimes" FROM "ContactChannel" WHERE "personId" = ? AND preferred = true LIMIT 1`, personId);
    return { action: "referral.view", entityType: "referral", entityId: referralId, personId };
  });
}

export async function mySpaceFloor(raw: Raw, sessionId: string, personId: string) {
  await sessionRow(raw, sessionId);
  await sql(raw, `SELECT id, "caseCode" FROM "Person" WHERE id = ? AND "erasedAt" IS NULL`, personId);
  const [latest] = await sql(raw, `SELECT id, status FROM "Case" WHERE "personId" = ? ORDER BY "openedAt" DESC LIMIT 1`, personId);
  if (latest) {
    await sql(raw, `SELECT "occurredAt" FROM "Activity" WHERE "caseId" = ? AND kind = 'appointment' AND "occurredAt" >= ? ORDER BY "occurredAt" LIMIT 1`, latest.id, today());
    await sql(raw, `SELECT title, status FROM "Goal" WHERE "caseId" = ? ORDER BY "createdAt"`, latest.id);
  }
  await sql(raw, `SELECT id, code, status FROM "HelpRequest" WHERE "personId" = ? ORDER BY "createdAt" DESC`, personId);
  await sql(raw, `SELECT count(*) n FROM "CaseMessage" m LEFT JOIN "Account" a ON a.id = m."authorId"
            WHERE m."caseId" IN (SELECT id FROM "Case" WHERE "personId" = ?) AND m."readAt" IS NULL AND (m."authorId" IS NULL OR a.role <> 'client')`, personId);
  // The support given to the person, approved or paid.
  await sql(raw, `SELECT id, kind, "amountMinor", currency, status, "paidOn", "decidedAt", "createdAt" FROM "Assistance"
            WHERE "caseId" IN (SELECT id FROM "Case" WHERE "personId" = ?) ORDER BY "createdAt" DESC, id DESC`, personId);
  await sql(raw, `SELECT c.id, c.purpose, c."sharedFields", c."givenAt", c."withdrawnAt", o.name FROM "Consent" c LEFT JOIN "Organization" o ON o.id = c."recipientOrganizationId"
            WHERE c."personId" = ? ORDER BY c."givenAt"`, personId);
}

export async function auditLogFloor(raw: Raw, viewer: Viewer) {
  await sessionRow(raw, viewer.sessionId);
  const rows = await sql(raw, `SELECT id, at, "actorId", action, "entityType", "entityId", "personId" FROM "AuditEvent" ORDER BY at DESC, id DESC LIMIT 26`) as { actorId: string | null; personId: string | null }[];
  await sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "AuditEvent" ORDER BY at DESC LIMIT 1001) AS counted`);
  // Who and whom by name and case code, and the accounts of the filter's choice.
  const ids = (values: (string | null)[]) => [...new Set(values.filter(Boolean))] as string[];
  const actors = ids(rows.map((r) => r.actorId));
  const persons = ids(rows.map((r) => r.personId));
  if (actors.length) await sql(raw, `SELECT id, "displayName" FROM "Account" WHERE id IN (${actors.map(() => "?").join(", ")})`, ...actors);
  if (persons.length) await sql(raw, `SELECT id, "caseCode" FROM "Person" WHERE id IN (${persons.map(() => "?").join(", ")})`, ...persons);
  await sql(raw, `SELECT id, "displayName", email FROM "Account" WHERE role IN ('caseworker', 'coordinator', 'admin', 'partner') ORDER BY "displayName"`);
  await audited(raw, viewer, async () => ({ action: "audit.view", entityType: null, entityId: null, personId: null }));
}

/**
 * The reports of the last full quarter and the one before: the report's own aggregate statements
 * (app/reports/figures.server.ts), run bare on the same database. They are already the least SQL that
 * counts these figures; what the page adds is the session, the withholding, the naming and the charts.
 */
export async function reportsFloor(raw: Raw, sessionId: string) {
  await sessionRow(raw, sessionId);
  const run = (fragment: Fragment) => {
    const params: (string | number | null)[] = [];
    const text = compose(fragment, params, raw.provider === "postgresql" ? numbered : questionMark);
    return raw.all(text, params);
  };
  const { period } = periodFrom(new URLSearchParams(), dayIn("UTC"));
  for (const one of [period, previous(period)]) for (const statement of Object.values(periodStatements(boundsOf(one, "UTC"), null))) await run(statement);
  for (const statement of Object.values(standingStatements(null))) await run(statement);
}
