// Makes a large data set for benchmarks in a new database of its own:
//   npm run db:generate-large -- 20000            -> data/benchmark-20000.db
//   npm run db:generate-large -- 20000 path/to.db
// With DATABASE_PROVIDER=postgresql, a new database beside DATABASE_URL's on the same server
// (aftercare -> aftercare_benchmark_20000). It uses the same generator and key as the demo.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { hashPassword } from "../app/auth/password.server";
import { createDb } from "../app/db/client.server";
import { databaseConfig } from "../app/config/env.server";
import { databaseFilePath, loadLocalEnv, type DatabaseConnection } from "../app/db/connection";
import { markAsDemo } from "../app/install/installation.server";
import { demoDataBatches } from "./demo-data/generate";
import { PostgresRawWriter, SqliteRawWriter } from "./demo-data/raw-writer";
import { migrateDatabase } from "./migrate";
import { DEMO_PASSWORD, DEMO_SEED, DEMO_TOTP_SECRET } from "./seed";

const BATCH_PERSONS = 1000;
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** The database of a PostgreSQL URL, and the URL of another database on the same server. */
const databaseNameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
function withDatabase(url: string, database: string): string {
  const other = new URL(url);
  other.pathname = `/${encodeURIComponent(database)}`;
  return other.toString();
}

/** Where the benchmark's set of `size` persons lives: a file under data/, or a database of its own on DATABASE_URL's server. */
export function benchmarkDatabase(size: number, env: NodeJS.ProcessEnv = process.env): DatabaseConnection {
  // The variables alone: the app's own file (and its folder) need not exist.
  const connection = databaseConfig(env);
  if (connection.provider !== "postgresql") return { ...connection, url: `file:${resolve(`data/benchmark-${size}.db`)}` };
  return { ...connection, url: withDatabase(connection.url, `${databaseNameOf(connection.url)}_benchmark_${size}`) };
}

/** Statements on the server of a PostgreSQL URL, from its maintenance database (CREATE DATABASE runs outside any other). */
async function onServerOf<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dataSetExists(target: DatabaseConnection): Promise<boolean> {
  const file = databaseFilePath(target.url);
  if (file) return existsSync(file);
  return onServerOf(target.url, async (client) => (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [databaseNameOf(target.url)])).rowCount === 1);
}

/** The place a set is written to before it is complete, made empty; and the move to its real name. */
async function startPartial(target: DatabaseConnection): Promise<{ partial: DatabaseConnection; finish: () => Promise<void> }> {
  const file = databaseFilePath(target.url);
  if (file) {
    const partial = `${file}.partial`;
    mkdirSync(dirname(file), { recursive: true });
    rmSync(partial, { force: true });
    return {
      partial: { ...target, url: `file:${partial}` },
      finish: async () => {
        renameSync(partial, file);
        // The log was folded in at close; its empty files stay behind under the old name.
        for (const suffix of ["-wal", "-shm"]) rmSync(partial + suffix, { force: true });
      },
    };
  }
  const name = databaseNameOf(target.url);
  const partial = `${name}_partial`;
  await onServerOf(target.url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${partial}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${partial}"`);
  });
  return {
    partial: { ...target, url: withDatabase(target.url, partial) },
    finish: () => onServerOf(target.url, async (client) => void (await client.query(`ALTER DATABASE "${partial}" RENAME TO "${name}"`))),
  };
}

/** Writes `size` persons with their cases, history and audit rows into a new database; a database already at the target is replaced. */
export async function writeLargeDataSet(size: number, target = benchmarkDatabase(size), log = console.log): Promise<DatabaseConnection> {
  const started = performance.now();
  // Written under another name and renamed at the end, so that a database at the target is complete.
  const { partial, finish } = await startPartial(target);
  migrateDatabase({ ...process.env, DATABASE_PROVIDER: partial.provider ?? "sqlite", DATABASE_URL: partial.url });
  const db = createDb(partial);
  await markAsDemo(db);
  await db.$disconnect();
  const options = { persons: size, seed: DEMO_SEED, passwordHash: await hashPassword(DEMO_PASSWORD), totpSecret: DEMO_TOTP_SECRET, today: new Date() };
  const file = databaseFilePath(partial.url);
  const writer = file ? new SqliteRawWriter(file, partial.encryptionKey) : await PostgresRawWriter.open(partial.url);
  let written = 0;
  // A batch at a time, each in one transaction: memory stays flat and the disk is synced once a batch.
  for (const batch of demoDataBatches(options, BATCH_PERSONS)) {
    await writer.write(batch);
    written += batch.persons.length;
    if (written % 20_000 === 0 || written === size) log(`  ${written} persons written (${seconds(performance.now() - started)} s, ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB)`);
  }
  await writer.close();
  if (!file && (await dataSetExists(target))) await onServerOf(target.url, (client) => client.query(`DROP DATABASE "${databaseNameOf(target.url)}" WITH (FORCE)`));
  await finish();
  log(`Wrote ${size} persons to ${file ? databaseFilePath(target.url) : `the database ${databaseNameOf(target.url)}`} in ${seconds(performance.now() - started)} s.`);
  return target;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const size = Number(process.argv[2]);
  if (!Number.isInteger(size) || size < 1) {
    console.error("Usage: npm run db:generate-large -- <number of persons> [database file]");
    process.exit(2);
  }
  loadLocalEnv();
  const target = benchmarkDatabase(size);
  if (process.argv[3] && target.provider === "postgresql") {
    console.error("On PostgreSQL the set's database is named after DATABASE_URL's; a file path applies to the embedded database only.");
    process.exit(2);
  }
  await writeLargeDataSet(size, process.argv[3] ? { ...target, url: `file:${resolve(process.argv[3])}` } : target);
}
