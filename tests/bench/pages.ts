// Benchmark (npm run bench; not a test): what the workspace pages cost against a floor measured
// in the same run, on generated data sets of 2,000, 20,000 and 200,000 persons.
//
// For each page: our time through Remix's request handler and the production build (session,
// access checks, data, HTML; not the network), the floor (hand-written SQL on the same
// encrypted file, through libSQL directly, returning the rows the page shows, with the session
// lookup every signed-in page makes), and the page's bare render (the same handler and build
// with every loader of the page answering the data it answered before: no database at all).
// Rounds are interleaved (page, floor, render, page, ...) and each figure is the median.
// A page passes at most 2x its floor (name search 3x: the raw lookups of the same tokens), or,
// where the floor is under 2 ms, at most 3x the floor plus its bare render. Then: growth from the smallest to the largest set, /help's and /login's requests per
// second against a bare Node server answering the same bytes, and the page mix on the 20,000
// set encrypted against the same file decrypted.
//   npm run build && npm run bench                 (makes data/benchmark-<n>.db when missing)
//   npm run bench -- 2000 20000                    (other sizes)
//   BENCH_PAGES="case,partner inbox" npm run bench  (those pages only)
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, Agent } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { AuditAction } from "../../app/audit/audit.server";
import Database from "libsql";
import { loadLocalEnv } from "../../app/db/connection";
import { compose, type Fragment } from "../../app/db/sql";
import { dayIn } from "../../app/i18n/moments";
import { periodStatements, standingStatements } from "../../app/reports/figures.server";
import { periodFrom, previous } from "../../app/reports/period";
import { boundsOf } from "../../app/reports/report.server";
import { writeLargeDataSet } from "../../prisma/generate-large";
import { migrateDatabase } from "../../prisma/migrate";

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const sizes = SIZES.length ? SIZES : [2000, 20000, 200000];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
// BENCH_PAGES="case,partner inbox": only the pages whose label starts so, and nothing after them (to look into one).
const ONLY = process.env.BENCH_PAGES?.split(",").map((label) => label.trim()).filter(Boolean);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);

loadLocalEnv();
Object.assign(process.env, { NODE_ENV: "production", PERSON_VIEWS_PER_HOUR: "10000000", APP_ORIGIN: "http://localhost" });
process.env.DATABASE_ENCRYPTION_KEY ??= "benchmark-only-key-0123456789abcdef0123456789";
const KEY = process.env.DATABASE_ENCRYPTION_KEY;
const CACHE_MIB = Number(process.env.DATABASE_CACHE_MIB ?? 256);
const fileOf = (size: number) => resolve(`data/benchmark-${size}.db`);
for (const size of sizes) {
  if (!existsSync(fileOf(size))) await writeLargeDataSet(size, fileOf(size));
  // A file made by an older version gets the newer migrations (indexes among them).
  migrateDatabase({ ...process.env, DATABASE_URL: `file:${fileOf(size)}` });
}
process.env.DATABASE_URL = `file:${fileOf(sizes[0]!)}`;

const { createDb } = await import("../../app/db/client.server");
const { sessionRef, startSession, storedSessionId } = await import("../../app/auth/session.server");
const { auditHash } = await import("../../app/audit/audit.server");
const { consentedFields } = await import("../../app/auth/policy");
const { storedDate } = await import("../../app/db/stored-date");
const { createRequestHandler, json } = await import("@remix-run/node");
type Build = ServerBuild;
const build = (await import(pathToFileURL(resolve("build/index.js")).href)) as Build;
const { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES } = await import("../../prisma/demo-data/names");
const { foldWord, searchKey, skeleton, words } = await import("../../app/persons/search-key");
const { COMMON, pairToken, refreshSearchKeys, saveNameTokens } = await import("../../app/persons/name-tokens.server");
type Db = ReturnType<typeof createDb>;
const globalForDb = globalThis as unknown as { aftercareDb?: Db };

// --- Loaders that remember what they answered, for the bare render ------------------------------

const recorded = new Map<string, unknown>();
/** The page whose answers the bare render gives; `capturing` while its one recorded visit runs (never while timed). */
let recording: string | null = null;
let capturing = false;
const wrap = (answer: (id: string, original: (args: unknown) => unknown) => (args: unknown) => unknown): Build => ({
  ...build,
  routes: Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const loader = route?.module.loader as ((args: unknown) => unknown) | undefined;
      return [id, loader ? { ...route, module: { ...route!.module, loader: answer(id, loader) } } : route];
    }),
  ) as Build["routes"],
});
const live = createRequestHandler(
  wrap((id, original) => async (args) => {
    const result = await original(args);
    if (capturing) recorded.set(`${recording} ${id}`, result instanceof Response ? await result.clone().json() : result);
    return result;
  }),
  "production",
);
const bare = createRequestHandler(
  wrap((id) => () => json(recorded.get(`${recording} ${id}`))),
  "production",
);
const get = (handler: typeof live, url: string, cookie: string) =>
  handler(new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }), { cspNonce: "bench", clientAddress: "127.0.0.1" });

// --- Measuring ----------------------------------------------------------------------------------

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
async function timed(run: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  const result = await run();
  if (result instanceof Response) {
    if (result.status !== 200) throw new Error(`status ${result.status}`);
    await result.text();
  }
  return performance.now() - started;
}
/** Runs the variants in turn, round after round, and gives each one's median. */
async function interleaved(variants: (() => Promise<unknown> | unknown)[]): Promise<number[]> {
  const times = variants.map(() => [] as number[]);
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const [index, run] of variants.entries()) {
      const ms = await timed(run);
      if (round >= WARMUP) times[index]!.push(ms);
    }
  }
  return times.map(median);
}

// --- The floor: libSQL directly on the same file ---------------------------------------------

type Raw = Database.Database;
function openRaw(file: string, key: string | null): Raw {
  const raw = new Database(file, key ? ({ encryptionKey: key } as never) : undefined);
  raw.prepare(`PRAGMA cache_size = -${CACHE_MIB * 1024}`).all();
  return raw;
}
// Prepared once per connection, as a hand-written data layer would.
const statements = new WeakMap<Raw, Map<string, Database.Statement>>();
function sql(raw: Raw, text: string, ...params: unknown[]): Record<string, unknown>[] {
  const prepared = statements.get(raw) ?? statements.set(raw, new Map()).get(raw)!;
  let statement = prepared.get(text);
  if (!statement) prepared.set(text, (statement = raw.prepare(text)));
  return statement.all(...params) as Record<string, unknown>[];
}
function run(raw: Raw, text: string, ...params: unknown[]) {
  const prepared = statements.get(raw) ?? statements.set(raw, new Map()).get(raw)!;
  let statement = prepared.get(text);
  if (!statement) prepared.set(text, (statement = raw.prepare(text)));
  statement.run(...params);
}
const marks = (n: number) => Array.from({ length: n }, () => "?").join(",");
const ids = (rows: Record<string, unknown>[], column = "id") => rows.map((row) => row[column]);
const today = () => new Date(new Date().toISOString().slice(0, 10) + "T00:00:00.000Z").toISOString();

const sessionRow = (raw: Raw, sessionId: string) =>
  sql(raw, `SELECT s.expiresAt, s.absoluteExpiresAt, s.twoFactorVerified, a.id, a.role, a.status, a.displayName, a.organizationId, a.personId, a.blurNames, (SELECT 1 FROM Lockdown LIMIT 1) lockdown
            FROM Session s JOIN Account a ON a.id = s.userId WHERE s.id = ?`, storedSessionId(sessionId));
const openCasesOf = (raw: Raw, accountId: string) =>
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM CaseAssignment ca JOIN "Case" c ON c.id = ca.caseId
            WHERE ca.accountId = ? AND ca.endedAt IS NULL AND c.status <> 'closed' LIMIT 101)`, accountId);

function caseloadFloor(raw: Raw, sessionId: string, accountId: string) {
  sessionRow(raw, sessionId);
  openCasesOf(raw, accountId);
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM Task WHERE assigneeId = ? AND status = 'open' AND dueOn < ? ORDER BY dueOn LIMIT 1001)`, accountId, today());
  const rows = sql(raw, `SELECT ca.id, ca.assignedAt, c.id caseId, c.status, p.caseCode, p.preferredName
            FROM CaseAssignment ca JOIN "Case" c ON c.id = ca.caseId JOIN Person p ON p.id = c.personId
            WHERE ca.accountId = ? AND ca.endedAt IS NULL AND c.status <> 'closed' ORDER BY ca.assignedAt DESC, ca.id DESC LIMIT 26`, accountId);
  const ids = rows.slice(0, 25).map((row) => row.caseId);
  sql(raw, `SELECT caseId, title, dueOn FROM Task WHERE caseId IN (${marks(ids.length)}) AND status = 'open'`, ...ids);
  sql(raw, `SELECT m.caseId, count(*) n FROM CaseMessage m JOIN Account a ON a.id = m.authorId
            WHERE m.caseId IN (${marks(ids.length)}) AND m.readAt IS NULL AND a.role = 'client' GROUP BY m.caseId`, ...ids);
}

function coordinatorFloor(raw: Raw, sessionId: string) {
  sessionRow(raw, sessionId);
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM HelpRequest WHERE status IN ('new', 'in_triage') ORDER BY status, createdAt LIMIT 1001)`);
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "Case" WHERE status IN ('open', 'active', 'on_hold') ORDER BY status, openedAt LIMIT 1001)`);
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM "Case" WHERE unassignedSince IS NOT NULL ORDER BY unassignedSince LIMIT 1001)`);
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM Task WHERE status = 'open' AND dueOn < ? ORDER BY dueOn LIMIT 1001)`, today());
  const unassigned = sql(raw, `SELECT c.id, c.status, c.openedAt, c.unassignedSince, c.version, p.caseCode FROM "Case" c JOIN Person p ON p.id = c.personId
            WHERE c.unassignedSince IS NOT NULL ORDER BY c.unassignedSince, c.id LIMIT 26`).map((row) => row.id);
  // Each unassigned case's context: the request it came from, and the tracks asked for.
  if (unassigned.length) sql(raw, `SELECT h.caseId, h.urgency, h.language, h.country, p.countryNow FROM HelpRequest h LEFT JOIN Person p ON p.id = h.personId
            WHERE h.caseId IN (${marks(unassigned.length)}) ORDER BY h.createdAt`, ...unassigned);
  if (unassigned.length) sql(raw, `SELECT DISTINCT h.caseId, t.id, t.nameBe, t.nameRu, t.nameEn, t.position FROM HelpRequest h JOIN HelpRequestTrack ht ON ht.requestId = h.id
            JOIN SupportTrack t ON t.id = ht.trackId WHERE h.caseId IN (${marks(unassigned.length)}) ORDER BY t.position`, ...unassigned);
  for (const account of sql(raw, `SELECT id, displayName FROM Account WHERE role = 'caseworker' AND status = 'active' ORDER BY displayName`)) {
    openCasesOf(raw, account.id as string);
  }
}

/** The rows a search shows: the persons of the page and each one's latest case, and the filters' choices. */
function shownRows(raw: Raw, personIds: unknown[]) {
  sql(raw, `SELECT id, key, nameBe, nameRu, nameEn FROM SupportTrack WHERE active = 1 ORDER BY position`);
  sql(raw, `SELECT id, displayName FROM Account WHERE role = 'caseworker' AND status = 'active' ORDER BY displayName`);
  sql(raw, `SELECT id, caseCode, preferredName, countryNow FROM Person WHERE id IN (${marks(personIds.length)})`, ...personIds);
  sql(raw, `SELECT id, status, personId, openedAt FROM "Case" WHERE personId IN (${marks(personIds.length)}) ORDER BY personId, openedAt DESC`, ...personIds);
}

const END = "\u{10FFFF}";
/** The index reads of the name's tokens that the search makes (name-tokens.server.ts), then the rows shown. */
/** The search's words, kept on the server (the address holds only the id; docs/decisions/014). */
function savedSearchRow(raw: Raw, viewer: Viewer, id: string) {
  sql(raw, `SELECT query FROM SavedSearch WHERE id = ? AND accountId = ? AND createdAt >= ? LIMIT 1`, id, viewer.accountId, storedDate(new Date(Date.now() - 12 * 3_600_000)));
}

function nameSearchFloor(raw: Raw, viewer: Viewer, searchId: string, name: string) {
  sessionRow(raw, viewer.sessionId);
  savedSearchRow(raw, viewer, searchId);
  const read = (from: string, to: string) => sql(raw, `SELECT token, personId FROM NameToken WHERE token >= ? AND token < ? ORDER BY token, personId LIMIT ${COMMON}`, from, to);
  const found = new Set<unknown>();
  const common: string[] = [];
  for (const word of new Set(words(name).map(foldWord).filter((w) => w.length >= 2))) {
    const prefixed = read(word, word + END);
    // A common word is read no further: it is looked up beside the other common words, as a pair.
    if (prefixed.length >= COMMON) {
      common.push(word);
      continue;
    }
    for (const row of prefixed) found.add(row.personId);
    const bones = skeleton(word);
    if (bones.length >= 3 && bones !== word) read(`~${bones}`, `~${bones}\u0000`);
    if (word.length >= 5) read(word.slice(0, 3), word.slice(0, 3) + END);
  }
  if (common.length === 2 && found.size === 0) {
    // Both words common: the holders of their pair are counted and one page of them read, along the token index.
    const pair = pairToken(common[0]!, common[1]!);
    sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM NameToken WHERE token = ? LIMIT 1000)`, pair);
    for (const row of sql(raw, `SELECT personId FROM NameToken WHERE token = ? ORDER BY personId LIMIT 25`, pair)) found.add(row.personId);
  } else {
    for (const [i, a] of common.entries()) {
      for (const b of common.slice(i + 1)) {
        for (const row of sql(raw, `SELECT personId FROM NameToken WHERE token = ? ORDER BY personId LIMIT 1000`, pairToken(a, b))) found.add(row.personId);
      }
    }
  }
  shownRows(raw, [...found].slice(0, 25));
}

function codeSearchFloor(raw: Raw, viewer: Viewer, searchId: string, code: string) {
  sessionRow(raw, viewer.sessionId);
  savedSearchRow(raw, viewer, searchId);
  // Erased persons keep their code and are not shown.
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM Person WHERE caseCode >= ? AND caseCode < ? AND erasedAt IS NULL LIMIT 1001)`, code, code + END);
  const rows = sql(raw, `SELECT id FROM Person WHERE caseCode >= ? AND caseCode < ? AND erasedAt IS NULL ORDER BY caseCode LIMIT 25`, code, code + END);
  shownRows(raw, rows.map((row) => row.id));
}

/** A view of a person's record in a write transaction, as the app makes it: the hourly limit, then the audit row on the hash chain. */
type Event = { action: AuditAction; entityType: string | null; entityId: string | null; personId: string | null };
function audited(raw: Raw, viewer: { accountId: string; sessionRef: string }, read: () => Event) {
  auditedMany(raw, viewer, () => [read()]);
}

/** The page's reads, then its views checked against the hourly limit and written in one insert. */
function auditedMany(raw: Raw, viewer: { accountId: string; sessionRef: string }, read: () => Event[]) {
  run(raw, "BEGIN IMMEDIATE");
  const events = read();
  if (events.some((event) => event.personId)) {
    sql(raw, `SELECT DISTINCT personId FROM AuditEvent WHERE actorId = ? AND action IN ('person.view', 'case.view', 'referral.view') AND at >= ? AND personId IS NOT NULL`,
      viewer.accountId, storedDate(new Date(Date.now() - 3_600_000)));
  }
  let prevHash = (sql(raw, `SELECT hash FROM AuditEvent ORDER BY id DESC LIMIT 1`)[0]?.hash as string | undefined) ?? "0".repeat(64);
  const values = events.flatMap((event) => {
    const row = { at: new Date(), action: event.action, actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: event.entityType, entityId: event.entityId, personId: event.personId };
    const hash = auditHash(prevHash, row);
    const value = [storedDate(row.at), row.action, row.actorId, row.sessionRef, row.entityType, row.entityId, row.personId, prevHash, hash];
    prevHash = hash;
    return value;
  });
  if (events.length) {
    run(raw, `INSERT INTO AuditEvent (at, action, actorId, sessionId, entityType, entityId, personId, prevHash, hash) VALUES ${events.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`, ...values);
  }
  run(raw, "COMMIT");
}

function triageFloor(raw: Raw, sessionId: string) {
  sessionRow(raw, sessionId);
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM HelpRequest WHERE status IN ('new', 'in_triage') LIMIT 1001)`);
  // The most urgent, then the oldest: each status along its index, merged.
  const ofStatus = (status: string) => `SELECT h.id AS id, h.code, h.status, h.urgency AS urgency, h.language, h.source, h.createdAt AS createdAt, h.preferredName, a.displayName
            FROM HelpRequest h LEFT JOIN Account a ON a.id = h.triagedById WHERE h.status = '${status}'`;
  sql(raw, `${ofStatus("new")} UNION ALL ${ofStatus("in_triage")} ORDER BY urgency DESC, createdAt, id LIMIT 26`);
}

function personFloor(raw: Raw, viewer: Viewer, personId: string) {
  sessionRow(raw, viewer.sessionId);
  audited(raw, viewer, () => {
    sql(raw, `SELECT id, caseCode, preferredName, countryNow, cityNow, languages, version, releaseDate, detentionPlace, riskFlags, birthDate, fullName, fullNameLatin
              FROM Person WHERE id = ? AND erasedAt IS NULL`, personId);
    sql(raw, `SELECT id, kind, value, safeTimes FROM ContactChannel WHERE personId = ?`, personId);
    sql(raw, `SELECT id, kind, until, note FROM Restriction WHERE personId = ?`, personId);
    sql(raw, `SELECT c.id, c.purpose, c.givenAt, c.withdrawnAt, c.method, o.name FROM Consent c LEFT JOIN Organization o ON o.id = c.recipientOrganizationId
              WHERE c.personId = ? ORDER BY c.givenAt`, personId);
    sql(raw, `SELECT id, status FROM "Case" WHERE personId = ? ORDER BY openedAt DESC`, personId);
    sql(raw, `SELECT status FROM Account WHERE personId = ?`, personId);
    return { action: "person.view", entityType: "person", entityId: personId, personId };
  });
}

/** The case page of a caseworker's own case: the case with its newest history, the view audited, the form choices. */
function caseFloor(raw: Raw, viewer: Viewer, caseId: string) {
  sessionRow(raw, viewer.sessionId);
  audited(raw, viewer, () => {
    const [found] = sql(raw, `SELECT c.id, c.status, c.closeReason, c.closeNote, c.openedAt, c.version, p.id personId, p.caseCode, p.preferredName, a.status accountStatus
              FROM "Case" c JOIN Person p ON p.id = c.personId LEFT JOIN Account a ON a.personId = p.id
              WHERE c.id = ? AND p.erasedAt IS NULL AND EXISTS (SELECT 1 FROM CaseAssignment WHERE caseId = c.id AND accountId = ? AND endedAt IS NULL)`, caseId, viewer.accountId);
    // Each step with who took it: the timeline names its author.
    sql(raw, `SELECT s.id, s.fromStatus, s.toStatus, s.reason, s.note, s.at, a.displayName FROM CaseStatusChange s LEFT JOIN Account a ON a.id = s.actorId WHERE s.caseId = ? ORDER BY s.at`, caseId);
    sql(raw, `SELECT ca.id, ca.kind, ca.assignedAt, ca.endedAt, a.id, a.displayName, b.displayName FROM CaseAssignment ca JOIN Account a ON a.id = ca.accountId
              LEFT JOIN Account b ON b.id = ca.assignedById WHERE ca.caseId = ? ORDER BY ca.assignedAt`, caseId);
    sql(raw, `SELECT n.id, n.level, n.summary, n.assessedAt, n.version, t.id, t.key, a.displayName FROM NeedsAssessment n JOIN SupportTrack t ON t.id = n.trackId
              LEFT JOIN Account a ON a.id = n.assessedById WHERE n.caseId = ? ORDER BY n.assessedAt`, caseId);
    sql(raw, `SELECT g.id, g.title, g.status, g.version, g.createdAt, t.key, a.displayName FROM Goal g JOIN SupportTrack t ON t.id = g.trackId
              LEFT JOIN Account a ON a.id = g.createdById WHERE g.caseId = ? ORDER BY g.createdAt`, caseId);
    sql(raw, `SELECT v.id, v.kind, v.occurredAt, v.place, v.note, a.displayName FROM Activity v LEFT JOIN Account a ON a.id = v.recordedById
              WHERE v.caseId = ? ORDER BY v.occurredAt DESC LIMIT 51`, caseId);
    sql(raw, `SELECT n.id, n.body, n.restricted, n.createdAt, a.displayName FROM Note n LEFT JOIN Account a ON a.id = n.authorId WHERE n.caseId = ? AND (n.restricted = 0 OR n.authorId = ?
              OR EXISTS (SELECT 1 FROM CaseAssignment WHERE caseId = n.caseId AND accountId = ? AND kind = 'lead' AND endedAt IS NULL)) ORDER BY n.createdAt DESC LIMIT 51`,
      caseId, viewer.accountId, viewer.accountId);
    sql(raw, `SELECT t.id, t.title, t.dueOn, t.status, t.version, t.createdAt, t.completedAt, t.assigneeId, a.displayName FROM Task t LEFT JOIN Account a ON a.id = t.assigneeId
              WHERE t.caseId = ? ORDER BY t.dueOn`, caseId);
    sql(raw, `SELECT e.id, e.kind, e.at, e.dueOn, t.title, a.displayName, b.displayName FROM TaskEvent e JOIN Task t ON t.id = e.taskId LEFT JOIN Account a ON a.id = e.actorId
              LEFT JOIN Account b ON b.id = e.assigneeId WHERE e.caseId = ? ORDER BY e.at DESC LIMIT 51`, caseId);
    sql(raw, `SELECT m.id, m.body, m.createdAt, m.readAt, a.role, a.displayName FROM CaseMessage m LEFT JOIN Account a ON a.id = m.authorId WHERE m.caseId = ? ORDER BY m.createdAt DESC LIMIT 51`, caseId);
    // The case's documents the caseworker may see (a restricted one only as its lead).
    sql(raw, `SELECT d.id, d.kind, d.title, d.mediaType, d.size, d.createdAt, d.restricted, d.visibleToPerson, a.personId = d.personId FROM Document d LEFT JOIN Account a ON a.id = d.uploadedById
              WHERE d.caseId = ? AND (d.restricted = 0 OR EXISTS (SELECT 1 FROM CaseAssignment WHERE caseId = d.caseId AND accountId = ? AND kind = 'lead' AND endedAt IS NULL)) ORDER BY d.createdAt DESC`,
      caseId, viewer.accountId);
    const referrals = sql(raw, `SELECT r.id, r.status, r.version, r.sentAt, r.outcome, r.flaggedAt, g.title, s.name, o.name FROM Referral r LEFT JOIN Goal g ON g.id = r.goalId
              JOIN Service s ON s.id = r.serviceId JOIN Organization o ON o.id = s.organizationId WHERE r.caseId = ? ORDER BY r.createdAt`, caseId);
    sql(raw, `SELECT h.referralId, h.toStatus, h.at, a.displayName FROM ReferralStatusChange h LEFT JOIN Account a ON a.id = h.actorId
              WHERE h.referralId IN (${marks(referrals.length)}) ORDER BY h.referralId, h.at`, ...ids(referrals));
    sql(raw, `SELECT m.referralId, m.id, m.body, m.createdAt, a.role FROM ReferralMessage m LEFT JOIN Account a ON a.id = m.authorId
              WHERE m.referralId IN (${marks(referrals.length)}) ORDER BY m.referralId, m.createdAt`, ...ids(referrals));
    return { action: "case.view", entityType: "case", entityId: caseId, personId: found!.personId as string };
  });
  sql(raw, `SELECT id, key, nameBe, nameRu, nameEn FROM SupportTrack WHERE active = 1 ORDER BY position`);
  const services = sql(raw, `SELECT s.id, s.name, s.status, s.languages, s.trackId, o.name FROM Service s JOIN Organization o ON o.id = s.organizationId
            WHERE s.trackId IN (SELECT trackId FROM Goal WHERE caseId = ?) ORDER BY s.status, s.name`, caseId);
  sql(raw, `SELECT serviceId, country, city FROM ServiceArea WHERE serviceId IN (${marks(services.length)})`, ...ids(services));
  sql(raw, `SELECT serviceId, available FROM ServiceCapacity WHERE serviceId IN (${marks(services.length)}) ORDER BY serviceId, updatedAt DESC`, ...ids(services));
}

function inboxFloor(raw: Raw, viewer: Viewer, organizationId: string) {
  sessionRow(raw, viewer.sessionId);
  sql(raw, `SELECT name FROM Organization WHERE id = ?`, organizationId);
  sql(raw, `SELECT count(*) n FROM Referral WHERE organizationId = ? AND status = 'sent'`, organizationId);
  sql(raw, `SELECT count(*) n FROM Referral WHERE organizationId = ? AND status IN ('accepted', 'in_progress', 'on_hold')`, organizationId);
  const rows = sql(raw, `SELECT r.id, r.status, r.sentAt, s.name, r.caseId, r.sharedFields, r.request, c.id consentId, c.withdrawnAt, c.sharedFields consentFields
            FROM Referral r JOIN Service s ON s.id = r.serviceId LEFT JOIN Consent c ON c.id = r.consentId
            WHERE r.organizationId = ? AND r.status <> 'draft' AND r.sentAt IS NOT NULL ORDER BY r.sentAt DESC, r.id DESC LIMIT 26`, organizationId) as
    { id: string; caseId: string; sharedFields: string; consentId: string | null; withdrawnAt: string | null; consentFields: string | null }[];
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM Referral WHERE organizationId = ? AND status <> 'draft' AND sentAt IS NOT NULL LIMIT 1001)`, organizationId);
  // The rows that name the person or the request: the persons read, each audited as a view.
  const sharing = rows.slice(0, 25).filter((row) => {
    const fields = consentedFields(row.sharedFields, row.consentId ? { withdrawnAt: row.withdrawnAt ? new Date(row.withdrawnAt) : null, sharedFields: row.consentFields ?? "" } : null);
    return fields.has("preferredName") || fields.has("request");
  });
  if (sharing.length === 0) return;
  const persons = sql(raw, `SELECT k.id, p.id personId, p.preferredName FROM "Case" k JOIN Person p ON p.id = k.personId WHERE k.id IN (${marks(sharing.length)}) AND p.erasedAt IS NULL`,
    ...sharing.map((row) => row.caseId)) as { id: string; personId: string }[];
  const personOf = new Map(persons.map((p) => [p.id, p.personId]));
  auditedMany(raw, viewer, () => sharing.map((row) => ({ action: "referral.view", entityType: "referral", entityId: row.id, personId: personOf.get(row.caseId) ?? null })));
}

function partnerReferralFloor(raw: Raw, viewer: Viewer, organizationId: string, referralId: string, personId: string) {
  sessionRow(raw, viewer.sessionId);
  audited(raw, viewer, () => {
    sql(raw, `SELECT r.id, r.status, r.version, r.sentAt, r.request, r.sharedFields, s.name, c.withdrawnAt, c.sharedFields, p.id, p.preferredName, p.languages
              FROM Referral r JOIN Service s ON s.id = r.serviceId LEFT JOIN Consent c ON c.id = r.consentId JOIN "Case" k ON k.id = r.caseId JOIN Person p ON p.id = k.personId
              WHERE r.id = ? AND r.organizationId = ? AND r.status <> 'draft'`, referralId, organizationId);
    sql(raw, `SELECT toStatus, reason, note, at FROM ReferralStatusChange WHERE referralId = ? ORDER BY at`, referralId);
    sql(raw, `SELECT m.id, m.body, m.createdAt, a.role FROM ReferralMessage m LEFT JOIN Account a ON a.id = m.authorId WHERE m.referralId = ? ORDER BY m.createdAt`, referralId);
    sql(raw, `SELECT kind, value, safeTimes FROM ContactChannel WHERE personId = ? AND preferred = 1 LIMIT 1`, personId);
    return { action: "referral.view", entityType: "referral", entityId: referralId, personId };
  });
}

function mySpaceFloor(raw: Raw, sessionId: string, personId: string) {
  sessionRow(raw, sessionId);
  sql(raw, `SELECT id, caseCode FROM Person WHERE id = ? AND erasedAt IS NULL`, personId);
  const [latest] = sql(raw, `SELECT id, status FROM "Case" WHERE personId = ? ORDER BY openedAt DESC LIMIT 1`, personId);
  if (latest) {
    sql(raw, `SELECT occurredAt FROM Activity WHERE caseId = ? AND kind = 'appointment' AND occurredAt >= ? ORDER BY occurredAt LIMIT 1`, latest.id, today());
    sql(raw, `SELECT title, status FROM Goal WHERE caseId = ? ORDER BY createdAt`, latest.id);
  }
  sql(raw, `SELECT id, code, status FROM HelpRequest WHERE personId = ? ORDER BY createdAt DESC`, personId);
  sql(raw, `SELECT count(*) n FROM CaseMessage m JOIN "Case" c ON c.id = m.caseId JOIN Account a ON a.id = m.authorId
            WHERE c.personId = ? AND m.readAt IS NULL AND a.role <> 'client'`, personId);
  sql(raw, `SELECT c.id, c.purpose, c.sharedFields, c.givenAt, c.withdrawnAt, o.name FROM Consent c LEFT JOIN Organization o ON o.id = c.recipientOrganizationId
            WHERE c.personId = ? ORDER BY c.givenAt`, personId);
}

function auditLogFloor(raw: Raw, viewer: Viewer) {
  sessionRow(raw, viewer.sessionId);
  const rows = sql(raw, `SELECT id, at, actorId, action, entityType, entityId, personId FROM AuditEvent ORDER BY at DESC, id DESC LIMIT 26`) as { actorId: string | null; personId: string | null }[];
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM AuditEvent ORDER BY at DESC LIMIT 1001)`);
  // Who and whom by name and case code, and the accounts of the filter's choice.
  const ids = (values: (string | null)[]) => [...new Set(values.filter(Boolean))] as string[];
  const actors = ids(rows.map((r) => r.actorId));
  const persons = ids(rows.map((r) => r.personId));
  if (actors.length) sql(raw, `SELECT id, displayName FROM Account WHERE id IN (${actors.map(() => "?").join(", ")})`, ...actors);
  if (persons.length) sql(raw, `SELECT id, caseCode FROM Person WHERE id IN (${persons.map(() => "?").join(", ")})`, ...persons);
  sql(raw, `SELECT id, displayName, email FROM Account WHERE role IN ('caseworker', 'coordinator', 'admin', 'partner') ORDER BY displayName`);
  audited(raw, viewer, () => ({ action: "audit.view", entityType: null, entityId: null, personId: null }));
}

/** The reports: counts over indexes, and the referral figures per partner and per track from the status history. */
/**
 * The reports of the last full quarter and the one before: the report's own aggregate statements
 * (app/reports/figures.server.ts), run bare on the same file. They are already the least SQL that
 * counts these figures; what the page adds is the session, the withholding, the naming and the charts.
 */
function reportsFloor(raw: Raw, sessionId: string) {
  sessionRow(raw, sessionId);
  const run = (fragment: Fragment) => {
    const params: (string | number | null)[] = [];
    const text = compose(fragment, params);
    sql(raw, text, ...params);
  };
  const { period } = periodFrom(new URLSearchParams(), dayIn("UTC"));
  for (const one of [period, previous(period)]) for (const statement of Object.values(periodStatements(boundsOf(one, "UTC"), null))) run(statement);
  for (const statement of Object.values(standingStatements(null))) run(statement);
}

// --- The data set's people ----------------------------------------------------------------------

const BENCH_CASEWORKER = "bench-caseworker@bench.local";
/** A caseworker with 25 open cases, as a real one would hold (the demo caseworker holds thousands). */
async function benchCaseworker(client: Db) {
  const account =
    (await client.account.findUnique({ where: { email: BENCH_CASEWORKER } })) ??
    (await client.account.create({ data: { email: BENCH_CASEWORKER, role: "caseworker", status: "active", displayName: "Bench caseworker", passwordHash: "-" } }));
  const held = await client.caseAssignment.count({ where: { accountId: account.id, endedAt: null } });
  if (held < 25) {
    const cases = await client.case.findMany({ where: { status: { in: ["open", "active", "on_hold"] }, assignments: { none: { accountId: account.id } } }, select: { id: true }, take: 25 - held });
    await client.caseAssignment.createMany({ data: cases.map((c) => ({ caseId: c.id, accountId: account.id, kind: "shared" as const })) });
  }
  return account;
}
const RARE_NAME = "Гедымін Жэрбіцкі";
/** A person whose name no generated person shares: a search that finds one person, at every size. */
async function rareNamePerson(client: Db) {
  if (await client.person.findUnique({ where: { caseCode: "AC-BNCH-0001" } })) return;
  const key = searchKey(RARE_NAME, RARE_NAME, null);
  await client.$transaction(async (tx) => {
    const person = await tx.person.create({ data: { caseCode: "AC-BNCH-0001", preferredName: RARE_NAME, fullName: RARE_NAME, searchKey: key } });
    await saveNameTokens(tx, person.id, key);
  });
}

type Viewer = { cookie: string; sessionId: string; sessionRef: string; accountId: string; organizationId: string | null; personId: string | null };
async function cookieOf(email: string): Promise<Viewer> {
  const account = await globalForDb.aftercareDb!.account.findUniqueOrThrow({ where: { email } });
  const { cookie } = await startSession(account.id, account.role, { twoFactorVerified: true });
  const value = cookie.split(";")[0]!;
  const sessionId = value.slice(value.indexOf("=") + 1);
  return { cookie: value, sessionId, sessionRef: sessionRef(sessionId), accountId: account.id, organizationId: account.organizationId, personId: account.personId };
}

const names = [...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES].map((first, i) => `${first.be} ${SURNAMES[(i * 7) % SURNAMES.length]!.be}`);

/**
 * `bound`: how many times its floor a page may take (2, or 3 for name search: "at most 3x the raw
 * indexed lookups of the same tokens").
 */
type Page = { label: string; paged: boolean; url: string; cookie: string; floor: (raw: Raw) => void; bound?: number };
async function pagesOf(client: Db): Promise<Page[]> {
  globalForDb.aftercareDb = client;
  const bench = await benchCaseworker(client);
  await rareNamePerson(client);
  const [mine, demo, coordinator] = [await cookieOf(bench.email), await cookieOf("caseworker@demo.local"), await cookieOf("coordinator@demo.local")];
  const [partner, person, admin] = [await cookieOf("partner@demo.local"), await cookieOf("client@demo.local"), await cookieOf("admin@demo.local")];
  const name = names[3]!;
  // Searches as the form makes them: the words kept on the server, the address holding the id.
  const saved = async (q: string) => {
    const id = `bench-${randomUUID()}`;
    await client.savedSearch.create({ data: { id, accountId: coordinator.accountId, query: JSON.stringify({ q }) } });
    return id;
  };
  const [common, rare, code] = [await saved(name), await saved(RARE_NAME), await saved("AC-2")];
  // One of the bench caseworker's cases, and a referral the demo partner received.
  const held = await client.caseAssignment.findFirstOrThrow({ where: { accountId: bench.id, endedAt: null }, select: { case: { select: { id: true, personId: true } } }, orderBy: { assignedAt: "asc" } });
  const referral = await client.referral.findFirstOrThrow({
    where: { organizationId: partner.organizationId!, status: { not: "draft" } },
    select: { id: true, case: { select: { personId: true } } },
    orderBy: { sentAt: "desc" },
  });
  return [
    { label: "caseload, 25 cases (/staff)", paged: true, url: "/staff", cookie: mine.cookie, floor: (raw) => caseloadFloor(raw, mine.sessionId, mine.accountId) },
    { label: "caseload, demo caseworker (/staff)", paged: true, url: "/staff", cookie: demo.cookie, floor: (raw) => caseloadFloor(raw, demo.sessionId, demo.accountId) },
    { label: "overview and board, coordinator", paged: true, url: "/staff", cookie: coordinator.cookie, floor: (raw) => coordinatorFloor(raw, coordinator.sessionId) },
    {
      label: `name search ("${name}")`,
      paged: true,
      bound: 3,
      url: `/staff/search?s=${common}`,
      cookie: coordinator.cookie,
      floor: (raw) => nameSearchFloor(raw, coordinator, common, name),
    },
    {
      label: `name search, one match ("${RARE_NAME}")`,
      paged: true,
      bound: 3,
      url: `/staff/search?s=${rare}`,
      cookie: coordinator.cookie,
      floor: (raw) => nameSearchFloor(raw, coordinator, rare, RARE_NAME),
    },
    { label: "case code search (AC-2)", paged: true, url: `/staff/search?s=${code}`, cookie: coordinator.cookie, floor: (raw) => codeSearchFloor(raw, coordinator, code, "AC-2") },
    { label: "triage queue", paged: true, url: "/staff/requests", cookie: coordinator.cookie, floor: (raw) => triageFloor(raw, coordinator.sessionId) },
    { label: "person", paged: false, url: `/staff/persons/${held.case.personId}`, cookie: coordinator.cookie, floor: (raw) => personFloor(raw, coordinator, held.case.personId) },
    { label: "case", paged: true, url: `/staff/cases/${held.case.id}`, cookie: mine.cookie, floor: (raw) => caseFloor(raw, mine, held.case.id) },
    { label: "partner inbox", paged: true, url: "/partner", cookie: partner.cookie, floor: (raw) => inboxFloor(raw, partner, partner.organizationId!) },
    {
      label: "partner referral",
      paged: false,
      url: `/partner/referrals/${referral.id}`,
      cookie: partner.cookie,
      floor: (raw) => partnerReferralFloor(raw, partner, partner.organizationId!, referral.id, referral.case.personId),
    },
    { label: "/me", paged: false, url: "/me", cookie: person.cookie, floor: (raw) => mySpaceFloor(raw, person.sessionId, person.personId!) },
    { label: "audit log", paged: true, url: "/admin/audit", cookie: admin.cookie, floor: (raw) => auditLogFloor(raw, admin) },
    { label: "reports", paged: false, url: "/staff/reports", cookie: coordinator.cookie, floor: (raw) => reportsFloor(raw, coordinator.sessionId) },
  ];
}

const fmt = (ms: number) => ms.toFixed(2).padStart(7);
const results = new Map<string, Map<number, number>>();
let failures = 0;

console.log(`Node ${process.version}, ${ROUNDS} interleaved rounds after ${WARMUP} to warm up, SQLite cache ${CACHE_MIB} MiB, ${new Date().toISOString().slice(0, 10)}.`);
for (const size of sizes) {
  const client = createDb({ url: `file:${fileOf(size)}`, encryptionKey: KEY }, { mustExist: true, cacheMiB: CACHE_MIB });
  // A file made by an older version gets its names' tokens made again, as `npm run upgrade` does.
  const refolded = await refreshSearchKeys(client);
  if (refolded !== null) console.log(`(${size}: the names' tokens were made again by this version's rules)`);
  const raw = openRaw(fileOf(size), KEY);
  // The same file through a client that counts the statements a page sends.
  let statementsSent = 0;
  const showStatements = process.env.BENCH_SHOW_STATEMENTS === "1";
  const counting = createDb(
    { url: `file:${fileOf(size)}`, encryptionKey: KEY },
    { mustExist: true, cacheMiB: CACHE_MIB, onQuery: ({ sql }) => (statementsSent++, showStatements && console.log(`    ${sql.slice(0, 160)}`)) },
  );
  const pages = await pagesOf(client);
  console.log(`\n${size.toLocaleString("en")} persons                       page    floor   render   page/floor  statements  verdict`);
  for (const page of pages) {
    if (ONLY && !ONLY.some((label) => page.label.startsWith(label))) continue;
    recording = `${size} ${page.label}`;
    globalForDb.aftercareDb = counting;
    statementsSent = 0;
    capturing = true;
    await get(live, page.url, page.cookie).then((r) => r.text());
    capturing = false;
    const sent = statementsSent;
    globalForDb.aftercareDb = client;
    const [ours, floor, render] = await interleaved([() => get(live, page.url, page.cookie), () => page.floor(raw), () => get(bare, page.url, page.cookie)]);
    const bound = page.bound ?? 2;
    const ok = ours! <= bound * floor! || (floor! < 2 && ours! <= 3 * floor! + render!);
    if (!ok) failures++;
    const rule = ours! <= bound * floor! ? `<= ${bound}x floor` : floor! < 2 ? `${ok ? "<=" : ">"} 3x floor + render (${fmt(3 * floor! + render!).trim()} ms)` : `> ${bound}x floor`;
    console.log(`  ${page.label.padEnd(40)} ${fmt(ours!)} ${fmt(floor!)} ${fmt(render!)}   ${(ours! / floor!).toFixed(1).padStart(6)}x  ${String(sent).padStart(10)}  ${ok ? "ok" : "TOO SLOW"}: ${rule}`);
    if (page.paged) {
      const key = page.label.replace(/ \(".*"\)$/, "");
      const seen = results.get(key) ?? new Map<number, number>();
      results.set(key, seen);
      seen.set(size, ours!);
    }
  }
  console.log(`  RSS of this process: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
  await client.$disconnect();
  await counting.$disconnect();
  raw.close();
}

if (ONLY) process.exit(failures ? 1 : 0);

if (sizes.length > 1) {
  const [smallest, largest] = [sizes[0]!, sizes[sizes.length - 1]!];
  console.log(`\nGrowth of each paged page from ${smallest.toLocaleString("en")} to ${largest.toLocaleString("en")} persons (at most 1.5x):`);
  for (const [label, ours] of results) {
    const growth = ours.get(largest)! / ours.get(smallest)!;
    const figures = `  ${label.padEnd(40)} ${sizes.map((s) => fmt(ours.get(s)!)).join(" ")} ms   ${growth.toFixed(2)}x`;
    if (growth > 1.5) failures++;
    console.log(`${figures}   ${growth <= 1.5 ? "ok" : "GROWS"}`);
  }
}

// --- Encrypted against the same file decrypted --------------------------------------------------

const mixSize = sizes.includes(20000) ? 20000 : sizes[0]!;
const plainFile = fileOf(mixSize).replace(/\.db$/, "-plain.db");
/** The migrations a file has had: a decrypted copy made before the last migration is made again. */
const migrationsOf = (file: string, key: string | null) => {
  const db = new Database(file, key ? ({ encryptionKey: key } as never) : undefined);
  const [row] = db.prepare(`SELECT group_concat(migration_name) AS names FROM (SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name)`).all() as { names: string }[];
  db.close();
  return row?.names ?? "";
};
if (existsSync(plainFile) && migrationsOf(plainFile, null) !== migrationsOf(fileOf(mixSize), KEY)) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(plainFile + suffix, { force: true });
}
if (!existsSync(plainFile)) {
  copyFileSync(fileOf(mixSize), plainFile + ".partial");
  const decrypting = new Database(plainFile + ".partial", { encryptionKey: KEY } as never);
  decrypting.prepare("PRAGMA journal_mode = DELETE").all();
  // libSQL's rekey to an empty key writes every page in the clear; it answers with an error about rows.
  try {
    decrypting.exec("PRAGMA rekey = ''");
  } catch {}
  decrypting.close();
  copyFileSync(plainFile + ".partial", plainFile);
  rmSync(plainFile + ".partial");
}
{
  const encrypted = createDb({ url: `file:${fileOf(mixSize)}`, encryptionKey: KEY }, { mustExist: true, cacheMiB: CACHE_MIB });
  const plain = createDb({ url: `file:${plainFile}`, encryptionKey: "" }, { mustExist: true, cacheMiB: CACHE_MIB });
  const [encryptedPages, plainPages] = [await pagesOf(encrypted), await pagesOf(plain)];
  const mix = (client: Db, pages: Page[]) => async () => {
    globalForDb.aftercareDb = client;
    for (const page of pages) {
      const response = await get(live, page.url, page.cookie);
      if (response.status !== 200) throw new Error(`${page.label}: ${response.status}`);
      await response.text();
    }
  };
  recording = null;
  const [withKey, withoutKey] = await interleaved([mix(encrypted, encryptedPages), mix(plain, plainPages)]);
  const slower = withKey! / withoutKey! - 1;
  if (slower > 0.15) failures++;
  console.log(`\nThe ${encryptedPages.length} pages in turn on ${mixSize.toLocaleString("en")} persons: encrypted ${fmt(withKey!)} ms, the same file decrypted ${fmt(withoutKey!)} ms: ${(slower * 100).toFixed(1)}% slower (at most 15%) ${slower <= 0.15 ? "ok" : "TOO SLOW"}`);
  await encrypted.$disconnect();
  await plain.$disconnect();
}

// --- /help and /login against a bare Node server answering the same bytes -----------------------

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const CONNECTIONS = 16;
/** Requests answered per second by a server with CONNECTIONS keep-alive clients asking for `path` one after another. */
async function requestsPerSecond(port: number, path: string): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let answered = 0;
  const until = performance.now() + SECONDS * 1000;
  const one = () =>
    new Promise<void>((done, fail) => {
      const req = httpRequest({ port, path, agent, headers: { "Accept-Encoding": "gzip", "Accept-Language": "be" } }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? done() : fail(new Error(`status ${res.statusCode}`))));
      });
      req.on("error", fail);
      req.end();
    });
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        await one();
        answered++;
      }
    }),
  );
  agent.destroy();
  return answered / SECONDS;
}

{
  const port = 3481;
  const app = spawn("node", ["build/server.js"], {
    env: { ...process.env, PORT: String(port), APP_ORIGIN: `http://localhost:${port}`, DATABASE_URL: `file:${fileOf(sizes[0]!)}`, ALLOW_DEMO_DATA: "1", APP_SECRET: process.env.APP_SECRET ?? "bench-".repeat(8), DOCUMENT_MASTER_KEY: process.env.DOCUMENT_MASTER_KEY ?? "bench-documents-".repeat(4) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.on("exit", () => app.kill("SIGKILL"));
  for (let i = 0; !(await fetch(`http://localhost:${port}/healthz`).then((r) => r.ok, () => false)); i++) {
    if (i > 600) throw new Error("the app did not start");
    await new Promise((done) => setTimeout(done, 50));
  }
  // The bare server answers each path with the very bytes and headers the app sent for it.
  const PUBLIC_PAGES = ["/help", "/login"];
  const sampleOf = (path: string) =>
    new Promise<{ headers: Record<string, string>; body: string }>((done, fail) => {
      httpRequest({ port, path, headers: { "Accept-Encoding": "gzip", "Accept-Language": "be" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          done({
            headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => !["date", "connection", "keep-alive", "transfer-encoding"].includes(k)).map(([k, v]) => [k, String(v)])),
            body: Buffer.concat(chunks).toString("base64"),
          }),
        );
      })
        .on("error", fail)
        .end();
    });
  const samples: Record<string, { headers: Record<string, string>; body: string }> = {};
  for (const path of PUBLIC_PAGES) samples[path] = await sampleOf(path);
  // In a process of its own, as the app is: this one is busy being the clients.
  const barePort = port + 1;
  const sampleFile = resolve("data/bench-public-samples.json");
  writeFileSync(sampleFile, JSON.stringify(samples));
  const bareServer = spawn(
    "node",
    [
      "-e",
      `const samples = JSON.parse(require("fs").readFileSync(${JSON.stringify(sampleFile)}, "utf8"));
       for (const sample of Object.values(samples)) sample.bytes = Buffer.from(sample.body, "base64");
       require("http").createServer((req, res) => { const sample = samples[req.url]; res.writeHead(200, sample.headers).end(sample.bytes); }).listen(${barePort});`,
    ],
    { stdio: "ignore" },
  );
  process.on("exit", () => bareServer.kill("SIGKILL"));
  while (!(await fetch(`http://localhost:${barePort}/help`).then((r) => r.ok, () => false))) await new Promise((done) => setTimeout(done, 50));
  console.log("");
  for (const path of PUBLIC_PAGES) {
    const ours: number[] = [];
    const floor: number[] = [];
    for (let round = 0; round < 3; round++) {
      ours.push(await requestsPerSecond(port, path));
      floor.push(await requestsPerSecond(barePort, path));
    }
    const [a, b] = [median(ours), median(floor)];
    if (a / b < 0.5) failures++;
    const sample = samples[path]!;
    console.log(
      `${path} (${Buffer.from(sample.body, "base64").length} bytes, ${sample.headers["content-encoding"] ?? "identity"}), ${CONNECTIONS} keep-alive connections, ${SECONDS} s, median of 3 interleaved: ` +
        `the app ${Math.round(a)} req/s, a bare Node server with the same bytes ${Math.round(b)} req/s: ${((a / b) * 100).toFixed(0)}% (at least 50%) ${a / b >= 0.5 ? "ok" : "TOO SLOW"}`,
    );
  }
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${app.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  console.log(`  the app's RSS after the load: ${Math.round(rss)} MiB`);
  bareServer.kill("SIGTERM");
  app.kill("SIGTERM");
}

console.log(failures ? `\n${failures} figure(s) over their bound.` : "\nEvery figure within its bound.");
process.exit(failures ? 1 : 0);
