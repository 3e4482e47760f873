// Each vitest worker has its own database file, reset to the migrated base before every
// test, so tests never see each other's rows. Nothing mocks Prisma.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeEach } from "vitest";
import { BASE_DB, TEST_DB_DIR, TEST_ENCRYPTION_KEY } from "./test-database";

const file = join(TEST_DB_DIR, `data.${process.env.VITEST_POOL_ID ?? "0"}.db`);
process.env.DATABASE_URL = `file:${file}`;
process.env.DATABASE_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;

type WithDb = { aftercareDb?: { $disconnect(): Promise<void> } };

async function closeDb() {
  const global = globalThis as WithDb;
  await global.aftercareDb?.$disconnect();
  global.aftercareDb = undefined;
}

beforeEach(async () => {
  await closeDb();
  copyFileSync(BASE_DB, file);
});

afterAll(closeDb);
