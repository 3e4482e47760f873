// A new copy of the migrated base database for the app's one client, under a name no earlier
// copy used (libSQL keeps closed connections alive for a while: a reused name would meet them).
// On PostgreSQL (TEST_POSTGRES=1) a new database made from the migrated template, dropped after.
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { workAfterResponses } from "../../app/jobs/after-response.server";
import { BASE_DB, ON_POSTGRES, onPostgresServer, postgresUrl, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, TEST_DB_DIR } from "./test-database";

const worker = process.env.VITEST_POOL_ID ?? "0";
let copies = 0;
let current: string | null = null;

type WithDb = { aftercareDb?: { $disconnect(): Promise<void> } };

export async function closeDatabase(): Promise<void> {
  // Work an action left for after its answer belongs to this test's database, not the next one's.
  await workAfterResponses();
  const global = globalThis as WithDb;
  await global.aftercareDb?.$disconnect();
  global.aftercareDb = undefined;
  if (current && ON_POSTGRES) await onPostgresServer(`DROP DATABASE IF EXISTS "${current}" WITH (FORCE)`);
  else if (current) for (const suffix of ["", "-wal", "-shm"]) rmSync(current + suffix, { force: true });
  current = null;
}

export async function freshDatabase(): Promise<void> {
  await closeDatabase();
  if (ON_POSTGRES) {
    current = `${TEST_DATABASE_PREFIX}${worker}_${process.pid}_${++copies}`;
    await onPostgresServer(`CREATE DATABASE "${current}" TEMPLATE "${TEMPLATE_DATABASE}"`);
    process.env.DATABASE_PROVIDER = "postgresql";
    process.env.DATABASE_URL = postgresUrl(current);
    return;
  }
  current = join(TEST_DB_DIR, `data.${worker}.${process.pid}.${++copies}.db`);
  copyFileSync(BASE_DB, current);
  process.env.DATABASE_URL = `file:${current}`;
}
