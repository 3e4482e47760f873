// Replication and failover, shown on this machine (issue 20; docs/operations.md, PostgreSQL):
// a primary and a streaming standby made with `pg_basebackup -R -X stream` on loopback ports,
// the app (the production build) on the primary, writes seen on the standby, the primary lost,
// the standby promoted, the app pointed at it, and its next writes. The standby is synchronous,
// so that no write the app acknowledged is lost with the primary. Everything lives in a
// temporary folder and is stopped and deleted at the end.
//   npm run build && npm run db:replication-drill
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { signIn, post } from "../../tests/fixtures/app-processes";

const BIN = "/usr/lib/postgresql/15/bin";
const [PRIMARY_PORT, STANDBY_PORT, APP_PORT] = [55441, 55442, 3471];
const dir = mkdtempSync(join(tmpdir(), "aftercare-replication-"));
const asRoot = process.getuid?.() === 0;
// PostgreSQL refuses to run as root: the package's own user owns the clusters then.
if (asRoot) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
const pgTool = (tool: string, args: string[]) => execFileSync(asRoot ? "runuser" : `${BIN}/${tool}`, asRoot ? ["-u", "postgres", "--", `${BIN}/${tool}`, ...args] : args, { stdio: ["ignore", "pipe", "pipe"] }).toString();
const urlOf = (port: number) => `postgresql://aftercare@127.0.0.1:${port}/aftercare`;
const say = (line: string) => console.log(line);

const clusters: string[] = [];
let app: ChildProcess | null = null;
async function cleanUp() {
  app?.kill("SIGTERM");
  for (const data of clusters) {
    try {
      pgTool("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
    } catch {
      // already stopped
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(1)));

function startCluster(data: string, port: number) {
  pgTool("pg_ctl", ["-D", data, "-l", `${data}.log`, "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "start"]);
}

async function query<Row extends pg.QueryResultRow>(port: number, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: urlOf(port) });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function startApp(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn("node", ["build/server.js"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_PROVIDER: "postgresql", DATABASE_URL: databaseUrl, DATABASE_AT_REST: "encrypted-volume", ALLOW_DEMO_DATA: "1", PORT: String(APP_PORT), APP_ORIGIN: `http://localhost:${APP_PORT}`, APP_SECRET: "drill-only-app-secret-0123456789abcdef0123456789", DOCUMENT_MASTER_KEY: "drill-only-document-key-0123456789abcdef01234567", DOCUMENTS_DIR: join(dir, "documents") },
    stdio: ["ignore", "ignore", "inherit"],
  });
  while (!(await fetch(`http://localhost:${APP_PORT}/healthz`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null) throw new Error("the app did not start");
    await sleep(100);
  }
  return child;
}

/** Notes written through the app; the markers of those it acknowledged (its redirect back to the case). */
async function writeNotes(cookie: string, caseId: string, label: string, count: number): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let n = 0; n < count; n++) {
    const marker = `drill-${label}-${n}`;
    const response = await post(APP_PORT, `/staff/cases/${caseId}`, { intent: "add-note", body: marker }, cookie);
    await response.arrayBuffer();
    if (response.status === 302 && response.headers.get("location")?.startsWith("/staff/cases/")) acknowledged.push(marker);
    else throw new Error(`a write was refused: ${response.status}`);
  }
  return acknowledged;
}

async function stopApp() {
  const child = app;
  app = null;
  if (!child || child.exitCode !== null) return;
  await new Promise((done) => (child.once("exit", done), child.kill("SIGTERM")));
}

try {
  const primary = join(dir, "primary");
  const standby = join(dir, "standby");
  clusters.push(primary);
  pgTool("initdb", ["-D", primary, "-U", "aftercare", "--auth=trust", "--locale=C.UTF-8", "--encoding=UTF8"]);
  // Replication from loopback only (initdb's pg_hba.conf).
  writeFileSync(join(primary, "postgresql.auto.conf"), "wal_level = replica\nmax_wal_senders = 5\n", { flag: "a" });
  startCluster(primary, PRIMARY_PORT);
  execFileSync(`${BIN}/psql`, ["-h", "127.0.0.1", "-p", String(PRIMARY_PORT), "-U", "aftercare", "-d", "postgres", "-qc", "CREATE DATABASE aftercare LOCALE 'C.UTF-8' TEMPLATE template0"]);
  say(`primary: PostgreSQL on 127.0.0.1:${PRIMARY_PORT}`);
  const env = { ...process.env, DATABASE_PROVIDER: "postgresql", DATABASE_URL: urlOf(PRIMARY_PORT) };
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("node_modules/.bin/tsx", ["prisma/seed.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
  say("primary: migrated, demo data seeded");

  clusters.push(standby);
  pgTool("pg_basebackup", ["-h", "127.0.0.1", "-p", String(PRIMARY_PORT), "-U", "aftercare", "-D", standby, "-R", "-X", "stream"]);
  startCluster(standby, STANDBY_PORT);
  // From now on a commit on the primary waits until the standby has it: no acknowledged write is lost with the primary.
  await query(PRIMARY_PORT, "ALTER SYSTEM SET synchronous_standby_names = '*'");
  await query(PRIMARY_PORT, "SELECT pg_reload_conf()");
  while ((await query<{ state: string }>(PRIMARY_PORT, "SELECT sync_state AS state FROM pg_stat_replication"))[0]?.state !== "sync") await sleep(100);
  const [{ state } = { state: "none" }] = await query<{ state: string }>(PRIMARY_PORT, "SELECT sync_state AS state FROM pg_stat_replication");
  say(`standby: pg_basebackup -R -X stream, streaming on 127.0.0.1:${STANDBY_PORT} (${state})`);

  app = await startApp(urlOf(PRIMARY_PORT));
  const cookie = await signIn(APP_PORT, "coordinator@demo.local");
  const [{ id: caseId } = { id: "" }] = await query<{ id: string }>(PRIMARY_PORT, 'SELECT "id" FROM "Case" ORDER BY "id" LIMIT 1');
  const before = await writeNotes(cookie, caseId, "primary", 20);
  const onStandby = await query<{ n: number }>(STANDBY_PORT, `SELECT count(*)::int AS n FROM "Note" WHERE "body" = ANY($1)`, [before]);
  const [{ recovering } = { recovering: false }] = await query<{ recovering: boolean }>(STANDBY_PORT, "SELECT pg_is_in_recovery() AS recovering");
  say(`write seen on the standby: ${onStandby[0]?.n} of the app's ${before.length} acknowledged notes (standby read-only: ${recovering})`);
  if (onStandby[0]?.n !== before.length) throw new Error("the standby lacks acknowledged writes");

  // The primary is lost, as a machine that dies: no orderly shutdown.
  await stopApp();
  pgTool("pg_ctl", ["-D", primary, "-m", "immediate", "stop"]);
  pgTool("pg_ctl", ["-D", standby, "-w", "promote"]);
  const [{ promoted } = { promoted: false }] = await query<{ promoted: boolean }>(STANDBY_PORT, "SELECT NOT pg_is_in_recovery() AS promoted");
  say(`promotion: the primary stopped (immediate), the standby promoted: ${promoted}`);

  app = await startApp(urlOf(STANDBY_PORT));
  // The session was in the database, and came along: the same cookie still signs the coordinator in.
  const after = await writeNotes(cookie, caseId, "promoted", 20);
  say(`the app's next write succeeds on the promoted server: ${after.length} of ${after.length} notes acknowledged on 127.0.0.1:${STANDBY_PORT}`);
  const kept = await query<{ n: number }>(STANDBY_PORT, `SELECT count(*)::int AS n FROM "Note" WHERE "body" = ANY($1)`, [[...before, ...after]]);
  const lost = before.length + after.length - (kept[0]?.n ?? 0);
  say(`no acknowledged write lost: ${lost} lost of ${before.length + after.length}`);
  if (lost !== 0) throw new Error("acknowledged writes were lost");
  await stopApp();
} catch (error) {
  console.error(`The drill failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
