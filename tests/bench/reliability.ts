// Reliability benchmark (not a test): does the production server stay up as an operator runs it?
// On a fresh demo database of its own, with the production build (`npm run build` first):
//   start-up     first page of `npm start` against a bare Node server, both started the same way
//   throughput   one process with 25 writers, then two processes on one file with 25 writers each
//                and an outside reader ten times a second: 5xx, lost writes, records per second
//   kill         three rounds of kill -9 of a process under 50 writers: lost writes, integrity, audit chain
//   backup       five `npm run db:backup` while 20 writers run, and `npm run audit:verify` meanwhile
//   email        a fake email provider that hangs for a while: lost, sent twice, delay after recovery
//   sigterm      SIGTERM under load: requests in flight that did not get their answer
//   soak         50 connections over the signed-in pages: RSS every minute, then after a minute idle
// Writers are signed-in staff adding notes and activities through HTTP; a write is acknowledged
// by its redirect, and "lost" means acknowledged but not in the database afterwards.
//   npm run build && npm run bench:reliability
//   RELIABILITY_SECONDS=60 SOAK_MINUTES=10 PARTS=startup,throughput,kill,backup,email,sigterm,soak
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import Database from "libsql";
import { foldIntoSingleFile } from "../../app/db/maintenance";
import { migrateDatabase } from "../../prisma/migrate";
import { startFakeResend } from "../fixtures/fake-resend";
import { signIn, tally, writers } from "../fixtures/app-processes";

const SECONDS = Number(process.env.RELIABILITY_SECONDS ?? 60);
const SOAK_MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const PARTS = (process.env.PARTS ?? "startup,throughput,kill,backup,email,sigterm,soak").split(",");
// Not under tests/.tmp, which every vitest run deletes.
const DIR = mkdtempSync(join(tmpdir(), "aftercare-reliability-"));
const KEY = randomBytes(32).toString("hex");
const EMAIL_TIMEOUT_MS = 2_000;
const OUTBOX_INTERVAL_MS = 1_000;
const run = promisify(execFile);

// --- The database and the processes ---------------------------------------------------------

const TEMPLATE = join(DIR, "demo.db");
const DB = join(DIR, "aftercare.db");
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATABASE_ENCRYPTION_KEY: KEY, APP_SECRET: randomBytes(32).toString("hex"), DOCUMENT_MASTER_KEY: randomBytes(32).toString("hex"), ALLOW_DEMO_DATA: "1", PERSON_VIEWS_PER_HOUR: "1000000", EMAIL_SEND_TIMEOUT_MS: String(EMAIL_TIMEOUT_MS), OUTBOX_INTERVAL_MS: String(OUTBOX_INTERVAL_MS) };
migrateDatabase({ ...env, DATABASE_URL: `file:${TEMPLATE}` });
// Seeded in a process of its own: libSQL keeps a closed connection open while its statements
// live, and the template must be one file that nothing holds open before it is copied.
await run("node_modules/.bin/tsx", ["prisma/seed.ts"], { env: { ...env, DATABASE_URL: `file:${TEMPLATE}` } });
foldIntoSingleFile(TEMPLATE, KEY);
const resend = await startFakeResend();
Object.assign(env, { RESEND_API_KEY: "re_bench_fake", RESEND_BASE_URL: resend.baseUrl });

/** A new copy of the demo database for a part of the benchmark. */
function freshDatabase() {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(DB + suffix, { force: true });
  copyFileSync(TEMPLATE, DB);
}

const children = new Set<ChildProcess>();
// Whatever happens, no app process outlives the benchmark (a later run would find it on its port).
process.on("exit", () => children.forEach((child) => child.kill("SIGKILL")));

type App = { port: number; process: ChildProcess; exited: Promise<number | null>; log: () => string };
let nextPort = 3401;

async function startApp(command: string[] = ["node", "build/server.js"]): Promise<App> {
  const port = nextPort++;
  if (await fetch(`http://localhost:${port}/`).then(() => true, () => false)) throw new Error(`port ${port} is taken`);
  const child = spawn(command[0]!, command.slice(1), { env: { ...env, PORT: String(port), APP_ORIGIN: `http://localhost:${port}`, DATABASE_URL: `file:${DB}` }, stdio: ["ignore", "ignore", "pipe"] });
  children.add(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) =>
    child.on("exit", (code) => {
      children.delete(child);
      done(code);
    }),
  );
  for (let i = 0; ; i++) {
    if (await fetch(`http://localhost:${port}/healthz`).then((r) => r.ok, () => false)) return { port, process: child, exited, log: () => stderr };
    if (child.exitCode !== null || i > 600) throw new Error(`the app did not start: ${stderr}`);
    await sleep(50);
  }
}

async function stopApp(app: App, signal: NodeJS.Signals = "SIGTERM") {
  app.process.kill(signal);
  return app.exited;
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

// --- Signed-in staff through HTTP -----------------------------------------------------------

function caseIds(): string[] {
  const connection = new Database(DB, { encryptionKey: KEY } as Database.Options);
  const rows = connection.prepare("SELECT id FROM \"Case\"").raw(true).all() as string[][];
  connection.close();
  if (rows.length === 0) throw new Error("the demo database has no cases");
  return rows.map(([id]) => id!);
}

/** Markers of acknowledged writes that are not in the database file. */
function lostWrites(file: string, acked: string[]): number {
  const connection = new Database(file, { encryptionKey: KEY } as Database.Options);
  const present = new Set([
    ...(connection.prepare("SELECT body FROM Note WHERE body LIKE 'rel-%'").raw(true).all() as string[][]).map(([b]) => b),
    ...(connection.prepare("SELECT note FROM Activity WHERE note LIKE 'rel-%'").raw(true).all() as string[][]).map(([b]) => b),
  ]);
  connection.close();
  return acked.filter((marker) => !present.has(marker)).length;
}

function integrity(file: string): string {
  const connection = new Database(file, { encryptionKey: KEY } as Database.Options);
  const [[result] = []] = connection.prepare("PRAGMA integrity_check").raw(true).all() as string[][];
  connection.close();
  return result ?? "no answer";
}

async function auditVerify(): Promise<string> {
  const { stdout } = await run("node_modules/.bin/tsx", ["prisma/verify-audit.ts"], { env: { ...env, DATABASE_URL: `file:${DB}` } }).catch((error: { stdout: string; stderr: string }) => ({
    stdout: `FAILED: ${error.stderr || error.stdout}`,
  }));
  return stdout.trim();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const lines: string[] = [];
function report(line: string) {
  lines.push(line);
  console.log(line);
}

// --- The parts ------------------------------------------------------------------------------

/** First page of a server started from nothing: ours through `npm start`, a bare Node server through npm too, then both with plain node. */
async function startup() {
  const bareDir = join(DIR, "bare");
  mkdirSync(bareDir, { recursive: true });
  writeFileSync(join(bareDir, "server.mjs"), 'import { createServer } from "node:http";\ncreateServer((q, r) => r.end("<!doctype html><p>ok</p>")).listen(Number(process.env.PORT));\n');
  writeFileSync(join(bareDir, "package.json"), JSON.stringify({ name: "bare", private: true, scripts: { start: "node server.mjs" } }));
  const firstAnswer = async (command: string[], cwd: string) => {
    const port = nextPort++;
    const began = performance.now();
    const child = spawn(command[0]!, command.slice(1), { cwd, env: { ...env, PORT: String(port), APP_ORIGIN: `http://localhost:${port}`, DATABASE_URL: `file:${DB}` }, stdio: "ignore", detached: true });
    while (!(await fetch(`http://localhost:${port}/`).then((r) => r.status === 200, () => false))) await sleep(2);
    const ms = performance.now() - began;
    process.kill(-child.pid!, "SIGTERM"); // the whole group: npm and the server under it
    await new Promise((done) => child.on("exit", done));
    await sleep(200);
    return ms;
  };
  freshDatabase();
  const timings = { npmOurs: [] as number[], npmBare: [] as number[], nodeOurs: [] as number[], nodeBare: [] as number[] };
  for (let round = 0; round < 5; round++) {
    timings.npmBare.push(await firstAnswer(["npm", "start", "--silent"], bareDir));
    timings.npmOurs.push(await firstAnswer(["npm", "start", "--silent"], process.cwd()));
    timings.nodeBare.push(await firstAnswer(["node", "server.mjs"], bareDir));
    timings.nodeOurs.push(await firstAnswer(["node", "build/server.js"], process.cwd()));
  }
  const [npmOurs, npmBare, nodeOurs, nodeBare] = [median(timings.npmOurs), median(timings.npmBare), median(timings.nodeOurs), median(timings.nodeBare)];
  report(`start-up, first page (median of 5): npm start ${npmOurs.toFixed(0)} ms vs a bare Node server through npm ${npmBare.toFixed(0)} ms = ${(npmOurs / npmBare).toFixed(1)}x`);
  report(`                                      node build/server.js ${nodeOurs.toFixed(0)} ms vs node of a bare server ${nodeBare.toFixed(0)} ms = ${(nodeOurs / nodeBare).toFixed(1)}x`);
}

async function throughput() {
  freshDatabase();
  const cases = caseIds();
  const one = await startApp();
  const cookie = await signIn(one.port, "coordinator@demo.local").catch((error: unknown) => {
    throw new Error(`${String(error)}\n${one.log()}`);
  });
  const alone = tally();
  let deadline = Date.now() + SECONDS * 1000;
  await writers([one.port], cookie, cases, 25, "alone", alone, () => Date.now() > deadline);
  const aloneRate = alone.acked.length / SECONDS;

  const two = await startApp();
  const reader = spawn("node_modules/.bin/tsx", ["tests/bench/outside-reader.ts"], { env: { ...env, DATABASE_URL: `file:${DB}` }, stdio: ["ignore", "pipe", "inherit"] });
  let readerOut = "";
  reader.stdout!.on("data", (chunk: Buffer) => (readerOut += chunk.toString()));
  await sleep(1000);
  const both = tally();
  deadline = Date.now() + SECONDS * 1000;
  await writers([one.port, two.port], cookie, cases, 50, "both", both, () => Date.now() > deadline);
  reader.kill("SIGTERM");
  await new Promise((done) => reader.on("exit", done));
  const reads = JSON.parse(readerOut || "{}") as { reads: number; failed: number; firstError: string };
  const bothRate = both.acked.length / SECONDS;
  await Promise.all([stopApp(one), stopApp(two)]);
  report(`one process, 25 writers, ${SECONDS} s: ${alone.acked.length} writes (${aloneRate.toFixed(0)}/s), 5xx ${alone.status5xx}, other refusals ${alone.other}, failed connections ${alone.failed}, lost ${lostWrites(DB, alone.acked)}`);
  report(
    `two processes, 25 writers each, outside reader 10/s, ${SECONDS} s: ${both.acked.length} writes (${bothRate.toFixed(0)}/s = ${(bothRate / aloneRate).toFixed(2)} of one process), ` +
      `5xx ${both.status5xx}, other refusals ${both.other}, failed connections ${both.failed}, lost ${lostWrites(DB, both.acked)}; reader: ${reads.reads} reads, ${reads.failed} failed ${reads.firstError}`,
  );
}

async function kill() {
  freshDatabase();
  const cases = caseIds();
  let cookie = "";
  const t = tally();
  for (let round = 1; round <= 3; round++) {
    const app = await startApp();
    cookie ||= await signIn(app.port, "coordinator@demo.local");
    let stop = false;
    const load = writers([app.port], cookie, cases, 50, `kill${round}`, t, () => stop);
    await sleep(3000 + Math.random() * 2000);
    app.process.kill("SIGKILL");
    await app.exited;
    await sleep(300);
    stop = true;
    await load;
    report(`kill -9, round ${round}, 50 writers: acknowledged so far ${t.acked.length}, lost ${lostWrites(DB, t.acked)}, integrity_check ${integrity(DB)}, audit: ${await auditVerify()}`);
  }
}

async function backup() {
  freshDatabase();
  const cases = caseIds();
  const app = await startApp();
  const cookie = await signIn(app.port, "coordinator@demo.local");
  const t = tally();
  let stop = false;
  const load = writers([app.port], cookie, cases, 20, "backup", t, () => stop);
  await sleep(2000);
  let ok = 0;
  for (let i = 1; i <= 5; i++) {
    const before = [...t.acked];
    const target = join(DIR, `backup-${i}.db`);
    const result = await run("node_modules/.bin/tsx", ["prisma/backup.ts", target], { env: { ...env, DATABASE_URL: `file:${DB}` } }).then(
      () => "written",
      (error: { stderr: string }) => `FAILED: ${error.stderr.trim()}`,
    );
    const missing = existsSync(target) ? lostWrites(target, before) : before.length;
    if (result === "written" && missing === 0) ok++;
    report(`backup ${i} under 20 writers: ${result}; writes acknowledged before it started: ${before.length}, missing from it: ${missing}`);
    report(`  audit:verify meanwhile: ${await auditVerify()}`);
    await sleep(1000);
  }
  stop = true;
  await load;
  await stopApp(app);
  report(`backups: ${ok} of 5 succeeded and hold every write acknowledged before they started; 5xx during them ${t.status5xx}`);
}

async function email() {
  freshDatabase();
  const app = await startApp();
  const queue = (label: string) => {
    const connection = new Database(DB, { encryptionKey: KEY } as Database.Options);
    connection.prepare("PRAGMA busy_timeout = 5000").raw(true).all();
    const id = `bench-${label}-${randomBytes(4).toString("hex")}`;
    connection.prepare("INSERT INTO OutboxEmail (id, \"to\", template, locale, params, status, attempts, nextAttemptAt, createdAt) VALUES (?, ?, 'update', 'en', ?, 'pending', 0, ?, ?)").run(id, `${label}@example.org`, JSON.stringify({ path: "/" }), ...[new Date(), new Date()].map((d) => d.toISOString().replace("Z", "+00:00")));
    connection.close();
    return { id, at: Date.now() };
  };
  const hangSeconds = Math.min(SECONDS, 60);
  resend.hang(true);
  const during = [];
  for (let i = 0; i < hangSeconds / 3; i++) {
    during.push(queue(`during${i}`));
    await sleep(3000);
  }
  resend.hang(false);
  const after = [];
  for (let i = 0; i < 5; i++) {
    after.push(queue(`after${i}`));
    await sleep(500);
  }
  const all = [...during, ...after];
  // The ones that timed out wait a minute for their retry; then everything should be out.
  const sent = () => resend.received.filter((r) => r.answered === 200);
  for (let waited = 0; waited < 10 * 60 && new Set(sent().map((r) => r.idempotencyKey)).size < all.length; waited++) await sleep(1000);
  const deliveries = (id: string) => sent().filter((r) => r.idempotencyKey === `outbox-${id}`);
  const lost = all.filter((m) => deliveries(m.id).length === 0).length;
  const twice = all.filter((m) => deliveries(m.id).length > 1).length;
  const delays = after.map((m) => (resend.received.find((r) => r.idempotencyKey === `outbox-${m.id}` && r.answered === 200)?.at ?? Infinity) - m.at);
  await stopApp(app);
  report(
    `email, provider hung ${hangSeconds} s (send timeout ${EMAIL_TIMEOUT_MS} ms, interval ${OUTBOX_INTERVAL_MS} ms): ${all.length} queued, lost ${lost}, sent twice ${twice}; ` +
      `queued after recovery left after ${delays.map((d) => `${Math.round(d)} ms`).join(", ")} (limit ${EMAIL_TIMEOUT_MS + OUTBOX_INTERVAL_MS} ms)`,
  );
}

async function sigterm() {
  freshDatabase();
  const app = await startApp();
  const cookie = await signIn(app.port, "coordinator@demo.local");
  const cases = caseIds();
  let signalled = 0;
  const inFlight = { started: 0, answered: 0, dropped: 0, firstDrop: "" };
  const after = { refused: 0, answered: 0 };
  const loop = async () => {
    for (;;) {
      const startedBefore = signalled === 0;
      if (!startedBefore && app.process.exitCode !== null) return;
      if (startedBefore) inFlight.started++;
      const caseId = cases[Math.floor(Math.random() * cases.length)]!;
      try {
        const response = await fetch(`http://localhost:${app.port}/staff/cases/${caseId}`, { headers: { Cookie: cookie } });
        await response.arrayBuffer();
        if (!startedBefore) after.answered++;
        else if (response.status < 400) inFlight.answered++;
        else {
          inFlight.dropped++;
          inFlight.firstDrop ||= `status ${response.status}`;
        }
      } catch (error) {
        if (startedBefore) {
          inFlight.dropped++;
          inFlight.firstDrop ||= String((error as { cause?: unknown }).cause ?? error);
        } else after.refused++;
        if (!startedBefore) await sleep(20);
      }
    }
  };
  const loops = Array.from({ length: 30 }, loop);
  await sleep(3000);
  signalled = Date.now();
  app.process.kill("SIGTERM");
  const code = await app.exited;
  await Promise.all(loops);
  report(
    `SIGTERM under 30 connections: exit code ${code} after ${Date.now() - signalled} ms; requests sent before the signal ${inFlight.started}: answered ${inFlight.answered}, dropped ${inFlight.dropped} ${inFlight.firstDrop}; ` +
      `after it: ${after.answered} still answered while draining, ${after.refused} refused once closed`,
  );
}

async function soak() {
  freshDatabase();
  const app = await startApp();
  const cookie = await signIn(app.port, "coordinator@demo.local");
  const cases = caseIds().slice(0, 150);
  const pages = ["/staff", "/staff/requests", "/staff/search?q=ka", "/staff/reports", "/staff/directory", ...cases.map((id) => `/staff/cases/${id}`)];
  const counts = { answers: 0, bad: 0, firstBad: "" };
  let stop = false;
  const loop = async () => {
    while (!stop) {
      const page = pages[Math.floor(Math.random() * pages.length)]!;
      try {
        const response = await fetch(`http://localhost:${app.port}${page}`, { redirect: "manual", headers: { Cookie: cookie } });
        await response.arrayBuffer();
        counts.answers++;
        if (response.status >= 400) {
          counts.bad++;
          counts.firstBad ||= `${response.status} ${page}`;
        }
      } catch (error) {
        counts.bad++;
        counts.firstBad ||= String(error);
      }
    }
  };
  const loops = Array.from({ length: 50 }, loop);
  const rss: number[] = [rssMiB(app.process.pid!)];
  report(`soak: RSS at start ${rss[0]!.toFixed(0)} MiB`);
  for (let minute = 1; minute <= SOAK_MINUTES; minute++) {
    await sleep(60_000);
    rss.push(rssMiB(app.process.pid!));
    report(`soak, minute ${minute}: RSS ${rss.at(-1)!.toFixed(0)} MiB, answers so far ${counts.answers}, not 2xx/3xx ${counts.bad} ${counts.firstBad}`);
  }
  stop = true;
  await Promise.all(loops);
  await sleep(60_000);
  const idle = rssMiB(app.process.pid!);
  await stopApp(app);
  report(`soak: after a minute idle RSS ${idle.toFixed(0)} MiB = ${(idle / rss[1]!).toFixed(2)}x its level after the first minute (${rss[1]!.toFixed(0)} MiB); ${counts.answers} answers, ${counts.bad} not 2xx/3xx`);
}

const PART_RUNNERS: Record<string, () => Promise<void>> = { startup, throughput, kill, backup, email, sigterm, soak };
console.log(`Reliability benchmark, ${new Date().toISOString()}, Node ${process.version}; parts: ${PARTS.join(", ")}`);
for (const part of PARTS) await PART_RUNNERS[part]!();
await resend.close();
rmSync(DIR, { recursive: true, force: true });
console.log("\nSummary\n" + lines.join("\n"));
