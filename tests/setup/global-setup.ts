// Builds the migrated base database once per run; every test starts from a copy of it.
import { rmSync } from "node:fs";
import { BASE_DB, migrateTestDatabase, TEST_DB_DIR } from "./test-database";

export default function setup() {
  rmSync(TEST_DB_DIR, { recursive: true, force: true });
  migrateTestDatabase(BASE_DB);
}
