// Makes a large data set for benchmarks in a new database file of its own:
//   npm run db:generate-large -- 20000            -> data/benchmark-20000.db
//   npm run db:generate-large -- 20000 path/to.db
// It uses the same generator and key as the demo (DATABASE_ENCRYPTION_KEY).
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { hashPassword } from "../app/auth/password.server";
import { createDb } from "../app/db/client.server";
import { databaseConnection, loadLocalEnv } from "../app/db/connection";
import { markAsDemo } from "../app/install/installation.server";
import { demoDataBatches } from "./demo-data/generate";
import { RawWriter } from "./demo-data/raw-writer";
import { migrateDatabase } from "./migrate";
import { DEMO_PASSWORD, DEMO_SEED, DEMO_TOTP_SECRET } from "./seed";

const BATCH_PERSONS = 1000;
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Writes `size` persons with their cases, history and audit rows into a new file; returns its path. */
export async function writeLargeDataSet(size: number, target = `data/benchmark-${size}.db`, log = console.log): Promise<string> {
  const file = resolve(target);
  // Written beside the target and renamed at the end, so that a file at the target is complete.
  const partial = `${file}.partial`;
  mkdirSync(dirname(file), { recursive: true });
  rmSync(partial, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${partial}` };
  const started = performance.now();
  migrateDatabase(env);
  const connection = databaseConnection(env);
  const db = createDb(connection);
  await markAsDemo(db);
  await db.$disconnect();
  const options = { persons: size, seed: DEMO_SEED, passwordHash: await hashPassword(DEMO_PASSWORD), totpSecret: DEMO_TOTP_SECRET, today: new Date() };
  const writer = new RawWriter(partial, connection.encryptionKey);
  let written = 0;
  // A batch at a time, each in one transaction: memory stays flat and the file is synced once a batch.
  for (const batch of demoDataBatches(options, BATCH_PERSONS)) {
    writer.write(batch);
    written += batch.persons.length;
    if (written % 20_000 === 0 || written === size) log(`  ${written} persons written (${seconds(performance.now() - started)} s, ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB)`);
  }
  writer.close();
  renameSync(partial, file);
  // The log was folded in at close; its empty files stay behind under the old name.
  for (const suffix of ["-wal", "-shm"]) rmSync(partial + suffix, { force: true });
  log(`Wrote ${size} persons to ${file} in ${seconds(performance.now() - started)} s.`);
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const size = Number(process.argv[2]);
  if (!Number.isInteger(size) || size < 1) {
    console.error("Usage: npm run db:generate-large -- <number of persons> [database file]");
    process.exit(2);
  }
  loadLocalEnv();
  await writeLargeDataSet(size, process.argv[3]);
}
