// Each test gets its own copy of the migrated base database (setup/fresh-database.ts), so tests
// never see each other's rows. Nothing mocks Prisma.
import { rmSync } from "node:fs";
import { afterAll, beforeEach } from "vitest";
import { closeDatabase, freshDatabase } from "./fresh-database";
import { TEST_APP_SECRET, TEST_DB_DIR, TEST_DOCUMENT_KEY, TEST_ENCRYPTION_KEY } from "./test-database";

process.env.DATABASE_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
process.env.APP_SECRET = TEST_APP_SECRET;
process.env.DOCUMENT_MASTER_KEY = TEST_DOCUMENT_KEY;
// Each worker its own folder of documents, as its own database file.
process.env.DOCUMENTS_DIR = `${TEST_DB_DIR}/documents-${process.env.VITEST_POOL_ID ?? "0"}`;

// A fresh database, and no document files left from the test before.
beforeEach(async () => {
  rmSync(process.env.DOCUMENTS_DIR!, { recursive: true, force: true });
  await freshDatabase();
});
afterAll(closeDatabase);
