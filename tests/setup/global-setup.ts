// Builds the migrated base database once per run; every test starts from a copy of it.
import { rmSync } from "node:fs";
import { BASE_DB, migratePostgresTemplate, migrateTestDatabase, ON_POSTGRES, TEST_DB_DIR } from "./test-database";

export default async function setup() {
  rmSync(TEST_DB_DIR, { recursive: true, force: true });
  // The embedded file is built on PostgreSQL's runs too: a few tests are about it alone.
  migrateTestDatabase(BASE_DB);
  if (ON_POSTGRES) await migratePostgresTemplate();
}
