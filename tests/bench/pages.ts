// Benchmark (npm run bench; not a test): what the workspace pages cost against a floor measured
// in the same run, on generated data sets of 2,000, 20,000 and 200,000 persons, on the embedded
// file or on PostgreSQL (DATABASE_PROVIDER=postgresql, as the app is told).
//
// For each page: our time through Remix's request handler and the production build (session,
// access checks, data, HTML; not the network), the floor (hand-written SQL on the same database
// through its driver directly, returning the rows the page shows, with the session lookup every
// signed-in page makes: tests/bench/floor.ts), and the page's bare render (the same handler and
// build with every loader of the page answering the data it answered before: no database at all).
// Rounds are interleaved (page, floor, render, page, ...) and each figure is the median.
// A page passes at most 2x its floor (name search 3x: the raw lookups of the same tokens), or,
// where the floor is under 2 ms, at most 3x the floor plus its bare render. Then: growth from the
// smallest to the largest set, /help's and /login's requests per second against a bare Node
// server answering the same bytes, and (embedded file only) the page mix on the 20,000 set
// encrypted against the same file decrypted.
//   npm run build && npm run bench                 (makes data/benchmark-<n>.db when missing)
//   npm run bench -- 2000 20000                    (other sizes)
//   BENCH_PAGES="case,partner inbox" npm run bench  (those pages only)
//   DATABASE_PROVIDER=postgresql DATABASE_URL=postgresql://aftercare@127.0.0.1:5432/aftercare npm run bench
//                                                  (makes the databases aftercare_benchmark_<n> beside it when missing)
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, Agent } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import Database from "libsql";
import type { Raw, Viewer } from "./floor";
import { databaseFilePath, loadLocalEnv } from "../../app/db/connection";
import { benchmarkDatabase, dataSetExists, writeLargeDataSet } from "../../prisma/generate-large";
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
process.env.APP_SECRET ??= "bench-".repeat(8);
process.env.DOCUMENT_MASTER_KEY ??= "bench-documents-".repeat(4);
// Production refuses PostgreSQL unless told its volume is encrypted: the benchmark's sets are generated data.
process.env.DATABASE_AT_REST ??= "encrypted-volume";
const KEY = process.env.DATABASE_ENCRYPTION_KEY;
const CACHE_MIB = Number(process.env.DATABASE_CACHE_MIB ?? 256);
// Worked out before DATABASE_URL is pointed at the first set below.
const databases = new Map(sizes.map((size) => [size, benchmarkDatabase(size)]));
const databaseOf = (size: number) => databases.get(size)!;
const ON_POSTGRES = databaseOf(sizes[0]!).provider === "postgresql";
for (const size of sizes) {
  if (!(await dataSetExists(databaseOf(size)))) await writeLargeDataSet(size, databaseOf(size));
  // A set made by an older version gets the newer migrations (indexes among them).
  migrateDatabase({ ...process.env, DATABASE_URL: databaseOf(size).url });
}
process.env.DATABASE_URL = databaseOf(sizes[0]!).url;

const { createDb } = await import("../../app/db/client.server");
const { sessionRef, startSession } = await import("../../app/auth/session.server");
const floors = await import("./floor");
const { createRequestHandler, json } = await import("@remix-run/node");
type Build = ServerBuild;
const build = (await import(pathToFileURL(resolve("build/index.js")).href)) as Build;
const { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES } = await import("../../prisma/demo-data/names");
const { searchKey } = await import("../../app/persons/search-key");
const { refreshSearchKeys, saveNameTokens } = await import("../../app/persons/name-tokens.server");
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
type Page = { label: string; paged: boolean; url: string; cookie: string; floor: (raw: Raw) => Promise<unknown>; bound?: number };
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
    { label: "caseload, 25 cases (/staff)", paged: true, url: "/staff", cookie: mine.cookie, floor: (raw) => floors.caseloadFloor(raw, mine.sessionId, mine.accountId) },
    { label: "caseload, demo caseworker (/staff)", paged: true, url: "/staff", cookie: demo.cookie, floor: (raw) => floors.caseloadFloor(raw, demo.sessionId, demo.accountId) },
    { label: "overview and board, coordinator", paged: true, url: "/staff", cookie: coordinator.cookie, floor: (raw) => floors.coordinatorFloor(raw, coordinator.sessionId) },
    {
      label: `name search ("${name}")`,
      paged: true,
      bound: 3,
      url: `/staff/search?s=${common}`,
      cookie: coordinator.cookie,
      floor: (raw) => floors.nameSearchFloor(raw, coordinator, common, name),
    },
    {
      label: `name search, one match ("${RARE_NAME}")`,
      paged: true,
      bound: 3,
      url: `/staff/search?s=${rare}`,
      cookie: coordinator.cookie,
      floor: (raw) => floors.nameSearchFloor(raw, coordinator, rare, RARE_NAME),
    },
    { label: "case code search (AC-2)", paged: true, url: `/staff/search?s=${code}`, cookie: coordinator.cookie, floor: (raw) => floors.codeSearchFloor(raw, coordinator, code, "AC-2") },
    { label: "triage queue", paged: true, url: "/staff/requests", cookie: coordinator.cookie, floor: (raw) => floors.triageFloor(raw, coordinator.sessionId) },
    { label: "person", paged: false, url: `/staff/persons/${held.case.personId}`, cookie: coordinator.cookie, floor: (raw) => floors.personFloor(raw, coordinator, held.case.personId) },
    { label: "case", paged: true, url: `/staff/cases/${held.case.id}`, cookie: mine.cookie, floor: (raw) => floors.caseFloor(raw, mine, held.case.id) },
    { label: "partner inbox", paged: true, url: "/partner", cookie: partner.cookie, floor: (raw) => floors.inboxFloor(raw, partner, partner.organizationId!) },
    {
      label: "partner referral",
      paged: false,
      url: `/partner/referrals/${referral.id}`,
      cookie: partner.cookie,
      floor: (raw) => floors.partnerReferralFloor(raw, partner, partner.organizationId!, referral.id, referral.case.personId),
    },
    { label: "/me", paged: false, url: "/me", cookie: person.cookie, floor: (raw) => floors.mySpaceFloor(raw, person.sessionId, person.personId!) },
    { label: "audit log", paged: true, url: "/admin/audit", cookie: admin.cookie, floor: (raw) => floors.auditLogFloor(raw, admin) },
    { label: "reports", paged: false, url: "/staff/reports", cookie: coordinator.cookie, floor: (raw) => floors.reportsFloor(raw, coordinator.sessionId) },
  ];
}

const fmt = (ms: number) => ms.toFixed(2).padStart(7);
const results = new Map<string, Map<number, number>>();
let failures = 0;

{
  const raw = await floors.openRaw(databaseOf(sizes[0]!), CACHE_MIB);
  const database = ON_POSTGRES ? `PostgreSQL ${(await raw.all("SHOW server_version", []))[0]!.server_version}` : `SQLite (libSQL) cache ${CACHE_MIB} MiB`;
  await raw.close();
  console.log(`Node ${process.version}, ${database}, ${ROUNDS} interleaved rounds after ${WARMUP} to warm up, ${new Date().toISOString().slice(0, 10)}.`);
}
for (const size of sizes) {
  const client = createDb(databaseOf(size), { mustExist: true, cacheMiB: CACHE_MIB });
  // A set made by an older version gets its names' tokens made again, as `npm run upgrade` does.
  const refolded = await refreshSearchKeys(client);
  if (refolded !== null) console.log(`(${size}: the names' tokens were made again by this version's rules)`);
  const raw = await floors.openRaw(databaseOf(size), CACHE_MIB);
  // The same database through a client that counts the statements a page sends.
  let statementsSent = 0;
  const showStatements = process.env.BENCH_SHOW_STATEMENTS === "1";
  const counting = createDb(databaseOf(size), {
    mustExist: true,
    cacheMiB: CACHE_MIB,
    onQuery: ({ sql }) => (statementsSent++, showStatements && console.log(`    ${sql.slice(0, 160)}`)),
  });
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
  await raw.close();
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
// The embedded file only: PostgreSQL has no encryption of its own; its data volume is encrypted
// below it (DATABASE_AT_REST, docs/operations.md), which this process cannot switch off.

if (ON_POSTGRES) console.log("\n(PostgreSQL: at rest, the volume's encryption; nothing to compare here.)");
else {
  const mixSize = sizes.includes(20000) ? 20000 : sizes[0]!;
  const mixFile = databaseFilePath(databaseOf(mixSize).url)!;
  const plainFile = mixFile.replace(/\.db$/, "-plain.db");
  /** The migrations a file has had: a decrypted copy made before the last migration is made again. */
  const migrationsOf = (file: string, key: string | null) => {
    const db = new Database(file, key ? ({ encryptionKey: key } as never) : undefined);
    const [row] = db.prepare(`SELECT group_concat(migration_name) AS names FROM (SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name)`).all() as { names: string }[];
    db.close();
    return row?.names ?? "";
  };
  if (existsSync(plainFile) && migrationsOf(plainFile, null) !== migrationsOf(mixFile, KEY)) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(plainFile + suffix, { force: true });
  }
  if (!existsSync(plainFile)) {
    copyFileSync(mixFile, plainFile + ".partial");
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
    const encrypted = createDb({ url: `file:${mixFile}`, encryptionKey: KEY }, { mustExist: true, cacheMiB: CACHE_MIB });
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
    env: { ...process.env, PORT: String(port), APP_ORIGIN: `http://localhost:${port}`, DATABASE_URL: databaseOf(sizes[0]!).url, ALLOW_DEMO_DATA: "1" },
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
