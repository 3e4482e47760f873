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
import { generateDemoData } from "./demo-data/generate";
import { writeDemoData } from "./demo-data/write";
import { migrateDatabase } from "./migrate";
import { DEMO_PASSWORD, DEMO_SEED, DEMO_TOTP_SECRET } from "./seed";

/** Writes `size` persons with their cases and history into a new file; returns its path. */
export async function writeLargeDataSet(size: number, target = `data/benchmark-${size}.db`, log = console.log): Promise<string> {
  const file = resolve(target);
  // Written beside the target and renamed at the end, so that a file at the target is complete.
  const partial = `${file}.partial`;
  mkdirSync(dirname(file), { recursive: true });
  rmSync(partial, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${partial}` };
  const started = performance.now();
  migrateDatabase(env);
  const db = createDb(databaseConnection(env));
  const data = generateDemoData({ persons: size, seed: DEMO_SEED, passwordHash: await hashPassword(DEMO_PASSWORD), totpSecret: DEMO_TOTP_SECRET, today: new Date() });
  const generated = performance.now();
  await writeDemoData(db, data, (line) => log(`  ${line}`));
  await db.$disconnect();
  renameSync(partial, file);
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  log(`Wrote ${size} persons to ${file}: generated in ${seconds(generated - started)} s, written in ${seconds(performance.now() - generated)} s.`);
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
