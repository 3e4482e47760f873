// Each test gets its own copy of the migrated base database (setup/fresh-database.ts), so tests
// never see each other's rows. Nothing mocks Prisma.
import { afterAll, beforeEach } from "vitest";
import { closeDatabase, freshDatabase } from "./fresh-database";
import { TEST_APP_SECRET, TEST_ENCRYPTION_KEY } from "./test-database";

process.env.DATABASE_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
process.env.APP_SECRET = TEST_APP_SECRET;

beforeEach(freshDatabase);
afterAll(closeDatabase);
