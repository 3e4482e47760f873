// Benchmark (npm run bench; not a test): what the workspace pages cost against a floor measured
// in the same run, on generated data sets of 2,000, 20,000 and 200,000 persons.
//
// For each page: our time through Remix's request handler and the production build (session,
// access checks, data, HTML; not the network), the floor (hand-written SQL on the same
// encrypted file, through libSQL directly, returning the rows the page shows, with the session
// lookup every signed-in page makes), and the page's bare render (the same handler and build
// with every loader of the page answering the data it answered before: no database at all).
// Rounds are interleaved (page, floor, render, page, ...) and each figure is the median.
// A page passes at most 2x its floor, or, where the floor is under 2 ms, at most 3x the floor
// plus its bare render. Then: growth from the smallest to the largest set, /help's requests per
// second against a bare Node server answering the same bytes, and the page mix on the 20,000
// set encrypted against the same file decrypted.
//   npm run build && npm run bench                 (makes data/benchmark-<n>.db when missing)
//   npm run bench -- 2000 20000                    (other sizes)
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, Agent } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import Database from "libsql";
import { loadLocalEnv } from "../../app/db/connection";
import { writeLargeDataSet } from "../../prisma/generate-large";
import { migrateDatabase } from "../../prisma/migrate";

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const sizes = SIZES.length ? SIZES : [2000, 20000, 200000];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);

loadLocalEnv();
Object.assign(process.env, { NODE_ENV: "production", PERSON_VIEWS_PER_HOUR: "10000000" });
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
const { startSession, storedSessionId } = await import("../../app/auth/session.server");
const { createRequestHandler, json } = await import("@remix-run/node");
type Build = ServerBuild;
const build = (await import(pathToFileURL(resolve("build/index.js")).href)) as Build;
const { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES } = await import("../../prisma/demo-data/names");
const { foldWord, skeleton, words } = await import("../../app/persons/search-key");
type Db = ReturnType<typeof createDb>;
const globalForDb = globalThis as unknown as { aftercareDb?: Db };

// --- Loaders that remember what they answered, for the bare render ------------------------------

const recorded = new Map<string, unknown>();
let recording: string | null = null;
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
    if (recording) recorded.set(`${recording} ${id}`, result instanceof Response ? await result.clone().json() : result);
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
const marks = (n: number) => Array.from({ length: n }, () => "?").join(",");
const today = () => new Date(new Date().toISOString().slice(0, 10) + "T00:00:00.000Z").toISOString();

const sessionRow = (raw: Raw, sessionId: string) =>
  sql(raw, `SELECT s.expiresAt, s.absoluteExpiresAt, s.twoFactorVerified, a.id, a.role, a.status, a.displayName, a.organizationId, a.personId
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
  sql(raw, `SELECT c.id, c.status, c.openedAt, c.unassignedSince, c.version, p.caseCode FROM "Case" c JOIN Person p ON p.id = c.personId
            WHERE c.unassignedSince IS NOT NULL ORDER BY c.unassignedSince, c.id LIMIT 26`);
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
function nameSearchFloor(raw: Raw, sessionId: string, name: string) {
  sessionRow(raw, sessionId);
  const read = (from: string, to: string) => sql(raw, `SELECT token, personId FROM NameToken WHERE token >= ? AND token < ? ORDER BY token, personId LIMIT 4000`, from, to);
  const found = new Set<unknown>();
  for (const word of new Set(words(name).map(foldWord).filter((w) => w.length >= 2))) {
    for (const row of read(word, word + END)) found.add(row.personId);
    const bones = skeleton(word);
    if (bones.length >= 3 && bones !== word) read(`~${bones}`, `~${bones}\u0000`);
    if (word.length >= 5) read(word.slice(0, 3), word.slice(0, 3) + END);
  }
  shownRows(raw, [...found].slice(0, 25));
}

function codeSearchFloor(raw: Raw, sessionId: string, code: string) {
  sessionRow(raw, sessionId);
  // Erased persons keep their code and are not shown.
  sql(raw, `SELECT count(*) n FROM (SELECT 1 FROM Person WHERE caseCode >= ? AND caseCode < ? AND erasedAt IS NULL LIMIT 1001)`, code, code + END);
  const rows = sql(raw, `SELECT id FROM Person WHERE caseCode >= ? AND caseCode < ? AND erasedAt IS NULL ORDER BY caseCode LIMIT 25`, code, code + END);
  shownRows(raw, rows.map((row) => row.id));
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
async function cookieOf(email: string) {
  const account = await globalForDb.aftercareDb!.account.findUniqueOrThrow({ where: { email } });
  const { cookie } = await startSession(account.id, account.role, { twoFactorVerified: true });
  const value = cookie.split(";")[0]!;
  return { cookie: value, sessionId: value.slice(value.indexOf("=") + 1), accountId: account.id };
}

const names = [...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES].map((first, i) => `${first.be} ${SURNAMES[(i * 7) % SURNAMES.length]!.be}`);

type Page = { label: string; paged: boolean; url: string; cookie: string; floor: (raw: Raw) => void };
async function pagesOf(client: Db): Promise<Page[]> {
  globalForDb.aftercareDb = client;
  const bench = await benchCaseworker(client);
  const [mine, demo, coordinator] = [await cookieOf(bench.email), await cookieOf("caseworker@demo.local"), await cookieOf("coordinator@demo.local")];
  const name = names[3]!;
  return [
    { label: "caseload, 25 cases (/staff)", paged: true, url: "/staff", cookie: mine.cookie, floor: (raw) => caseloadFloor(raw, mine.sessionId, mine.accountId) },
    { label: "caseload, demo caseworker (/staff)", paged: true, url: "/staff", cookie: demo.cookie, floor: (raw) => caseloadFloor(raw, demo.sessionId, demo.accountId) },
    { label: "overview and board, coordinator", paged: true, url: "/staff", cookie: coordinator.cookie, floor: (raw) => coordinatorFloor(raw, coordinator.sessionId) },
    { label: `name search ("${name}")`, paged: true, url: `/staff/search?q=${encodeURIComponent(name)}`, cookie: coordinator.cookie, floor: (raw) => nameSearchFloor(raw, coordinator.sessionId, name) },
    { label: "case code search (AC-2)", paged: true, url: "/staff/search?q=AC-2", cookie: coordinator.cookie, floor: (raw) => codeSearchFloor(raw, coordinator.sessionId, "AC-2") },
  ];
}

const fmt = (ms: number) => ms.toFixed(2).padStart(7);
const results = new Map<string, Map<number, number>>();
let failures = 0;

console.log(`Node ${process.version}, ${ROUNDS} interleaved rounds after ${WARMUP} to warm up, SQLite cache ${CACHE_MIB} MiB, ${new Date().toISOString().slice(0, 10)}.`);
for (const size of sizes) {
  const client = createDb({ url: `file:${fileOf(size)}`, encryptionKey: KEY }, { mustExist: true, cacheMiB: CACHE_MIB });
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
    recording = `${size} ${page.label}`;
    globalForDb.aftercareDb = counting;
    statementsSent = 0;
    await get(live, page.url, page.cookie).then((r) => r.text());
    const sent = statementsSent;
    globalForDb.aftercareDb = client;
    const [ours, floor, render] = await interleaved([() => get(live, page.url, page.cookie), () => page.floor(raw), () => get(bare, page.url, page.cookie)]);
    const ok = ours! <= 2 * floor! || (floor! < 2 && ours! <= 3 * floor! + render!);
    if (!ok) failures++;
    const rule = ours! <= 2 * floor! ? "<= 2x floor" : floor! < 2 ? `${ok ? "<=" : ">"} 3x floor + render (${fmt(3 * floor! + render!).trim()} ms)` : "> 2x floor";
    console.log(`  ${page.label.padEnd(40)} ${fmt(ours!)} ${fmt(floor!)} ${fmt(render!)}   ${(ours! / floor!).toFixed(1).padStart(6)}x  ${String(sent).padStart(10)}  ${ok ? "ok" : "TOO SLOW"}: ${rule}`);
    if (page.paged) results.set(page.label.replace(/ \(".*"\)$/, ""), (results.get(page.label.replace(/ \(".*"\)$/, "")) ?? new Map()).set(size, ours!));
  }
  console.log(`  RSS of this process: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
  await client.$disconnect();
  await counting.$disconnect();
  raw.close();
}

if (sizes.length > 1) {
  const [smallest, largest] = [sizes[0]!, sizes[sizes.length - 1]!];
  console.log(`\nGrowth of each paged page from ${smallest.toLocaleString("en")} to ${largest.toLocaleString("en")} persons (at most 1.5x):`);
  for (const [label, bySize] of results) {
    const growth = bySize.get(largest)! / bySize.get(smallest)!;
    if (growth > 1.5) failures++;
    console.log(`  ${label.padEnd(40)} ${sizes.map((s) => fmt(bySize.get(s)!)).join(" ")} ms   ${growth.toFixed(2)}x   ${growth <= 1.5 ? "ok" : "GROWS"}`);
  }
}

// --- Encrypted against the same file decrypted --------------------------------------------------

const mixSize = sizes.includes(20000) ? 20000 : sizes[0]!;
const plainFile = fileOf(mixSize).replace(/\.db$/, "-plain.db");
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
  console.log(`\nThe five pages in turn on ${mixSize.toLocaleString("en")} persons: encrypted ${fmt(withKey!)} ms, the same file decrypted ${fmt(withoutKey!)} ms: ${(slower * 100).toFixed(1)}% slower (at most 15%) ${slower <= 0.15 ? "ok" : "TOO SLOW"}`);
  await encrypted.$disconnect();
  await plain.$disconnect();
}

// --- /help against a bare Node server answering the same bytes ---------------------------------

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
    env: { ...process.env, PORT: String(port), APP_ORIGIN: `http://localhost:${port}`, DATABASE_URL: `file:${fileOf(sizes[0]!)}`, ALLOW_DEMO_DATA: "1", APP_SECRET: process.env.APP_SECRET ?? "bench-".repeat(8) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.on("exit", () => app.kill("SIGKILL"));
  for (let i = 0; !(await fetch(`http://localhost:${port}/healthz`).then((r) => r.ok, () => false)); i++) {
    if (i > 600) throw new Error("the app did not start");
    await new Promise((done) => setTimeout(done, 50));
  }
  // The bare server answers with the very bytes and headers the app sent.
  const sample = await new Promise<{ headers: Record<string, string>; body: Buffer }>((done, fail) => {
    httpRequest({ port, path: "/help", headers: { "Accept-Encoding": "gzip", "Accept-Language": "be" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done({ headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => !["date", "connection", "keep-alive", "transfer-encoding"].includes(k)).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks) }));
    })
      .on("error", fail)
      .end();
  });
  // In a process of its own, as the app is: this one is busy being the clients.
  const barePort = port + 1;
  const sampleFile = resolve("data/bench-help-sample.json");
  writeFileSync(sampleFile, JSON.stringify({ headers: sample.headers, body: sample.body.toString("base64") }));
  const bareServer = spawn(
    "node",
    [
      "-e",
      `const { headers, body } = JSON.parse(require("fs").readFileSync(${JSON.stringify(sampleFile)}, "utf8")); const bytes = Buffer.from(body, "base64");
       require("http").createServer((req, res) => res.writeHead(200, headers).end(bytes)).listen(${barePort});`,
    ],
    { stdio: "ignore" },
  );
  process.on("exit", () => bareServer.kill("SIGKILL"));
  while (!(await fetch(`http://localhost:${barePort}/help`).then((r) => r.ok, () => false))) await new Promise((done) => setTimeout(done, 50));
  const ours: number[] = [];
  const floor: number[] = [];
  for (let round = 0; round < 3; round++) {
    ours.push(await requestsPerSecond(port, "/help"));
    floor.push(await requestsPerSecond(barePort, "/help"));
  }
  const [a, b] = [median(ours), median(floor)];
  if (a / b < 0.5) failures++;
  console.log(
    `\n/help (${sample.body.length} bytes, ${sample.headers["content-encoding"] ?? "identity"}), ${CONNECTIONS} keep-alive connections, ${SECONDS} s, median of 3 interleaved: ` +
      `the app ${Math.round(a)} req/s, a bare Node server with the same bytes ${Math.round(b)} req/s: ${((a / b) * 100).toFixed(0)}% (at least 50%) ${a / b >= 0.5 ? "ok" : "TOO SLOW"}`,
  );
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${app.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  console.log(`  the app's RSS after the load: ${Math.round(rss)} MiB`);
  bareServer.kill("SIGTERM");
  app.kill("SIGTERM");
}

console.log(failures ? `\n${failures} figure(s) over their bound.` : "\nEvery figure within its bound.");
process.exit(failures ? 1 : 0);
