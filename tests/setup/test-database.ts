// Where the test databases live and the key they share. The key is for tests only.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { foldIntoSingleFile } from "../../app/db/maintenance";

// Scripts that run beside the tests (the long fuzz run) give their own folder: vitest deletes this one.
export const TEST_DB_DIR = resolve(process.env.TEST_DB_DIR ?? "tests/.tmp");
export const BASE_DB = join(TEST_DB_DIR, "base.db");
export const TEST_ENCRYPTION_KEY = "test-only-key-0123456789abcdef0123456789abcdef";
export const TEST_APP_SECRET = "test-only-app-secret-0123456789abcdef0123456789";
export const TEST_DOCUMENT_KEY = "test-only-document-master-key-0123456789abcdef";

/** Applies the committed migrations to a new database file with the real Prisma CLI; the file alone holds the result (no -wal beside it), so that copies of it are whole. */
export function migrateTestDatabase(file: string, encryptionKey = TEST_ENCRYPTION_KEY): void {
  mkdirSync(TEST_DB_DIR, { recursive: true });
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${file}`, DATABASE_ENCRYPTION_KEY: encryptionKey },
    stdio: ["ignore", "ignore", "inherit"],
  });
  foldIntoSingleFile(file, encryptionKey);
}
