// Each test gets its own copy of the migrated base database, under a name no earlier test
// used, so tests never see each other's rows. Nothing mocks Prisma.
// A new name every time, not the same file overwritten: libSQL keeps a closed connection (and
// its WAL) alive until its statements are garbage-collected, and such a connection, closing
// late, would fold its old WAL into a file of the same name or delete the new one's.
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeEach } from "vitest";
import { BASE_DB, TEST_APP_SECRET, TEST_DB_DIR, TEST_ENCRYPTION_KEY } from "./test-database";

const worker = process.env.VITEST_POOL_ID ?? "0";
let copies = 0;
let current: string | null = null;
process.env.DATABASE_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
process.env.APP_SECRET = TEST_APP_SECRET;

type WithDb = { aftercareDb?: { $disconnect(): Promise<void> } };

async function closeDb() {
  const global = globalThis as WithDb;
  await global.aftercareDb?.$disconnect();
  global.aftercareDb = undefined;
  if (current) for (const suffix of ["", "-wal", "-shm"]) rmSync(current + suffix, { force: true });
}

beforeEach(async () => {
  await closeDb();
  current = join(TEST_DB_DIR, `data.${worker}.${process.pid}.${++copies}.db`);
  copyFileSync(BASE_DB, current);
  process.env.DATABASE_URL = `file:${current}`;
});

afterAll(closeDb);
