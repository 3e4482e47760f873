// Where the test databases live and the key they share. The key is for tests only.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import { foldIntoSingleFile } from "../../app/db/maintenance";

// Scripts that run beside the tests (the long fuzz run) give their own folder: vitest deletes this one.
export const TEST_DB_DIR = resolve(process.env.TEST_DB_DIR ?? "tests/.tmp");
export const BASE_DB = join(TEST_DB_DIR, "base.db");
export const TEST_ENCRYPTION_KEY = "test-only-key-0123456789abcdef0123456789abcdef";
export const TEST_APP_SECRET = "test-only-app-secret-0123456789abcdef0123456789";
export const TEST_DOCUMENT_KEY = "test-only-document-master-key-0123456789abcdef";

// TEST_POSTGRES=1: the integration tests run on PostgreSQL (issue 20). TEST_POSTGRES_URL names
// a server where the tests may create and drop databases (.ci/run starts one).
export const ON_POSTGRES = process.env.TEST_POSTGRES === "1";
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://aftercare@127.0.0.1:55432/postgres";
/** The migrated database every test's own database is made from. */
export const TEMPLATE_DATABASE = "aftercare_test_template";
/** What the tests' databases on the server are called: the template's name and one per test. */
export const TEST_DATABASE_PREFIX = "aftercare_test_";

/** The URL of another database on the tests' server. */
export function postgresUrl(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Work on the tests' server, on a connection of its own (CREATE DATABASE cannot run in a transaction). */
async function withPostgresServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs statements on the tests' server, one after another. */
export function onPostgresServer(...statements: string[]): Promise<void> {
  return withPostgresServer(async (client) => {
    for (const statement of statements) await client.query(statement);
  });
}

/** A new database with every migration, from the PostgreSQL migrations, with the real Prisma CLI. */
export async function migratePostgresTemplate(): Promise<void> {
  await withPostgresServer(async (client) => {
    // Databases a stopped run left behind.
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${TEST_DATABASE_PREFIX}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  });
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_PROVIDER: "postgresql", DATABASE_URL: postgresUrl(TEMPLATE_DATABASE) },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Applies the committed migrations to a new database file with the real Prisma CLI; the file alone holds the result (no -wal beside it), so that copies of it are whole. */
export function migrateTestDatabase(file: string, encryptionKey = TEST_ENCRYPTION_KEY): void {
  mkdirSync(TEST_DB_DIR, { recursive: true });
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${file}`, DATABASE_ENCRYPTION_KEY: encryptionKey },
    stdio: ["ignore", "ignore", "inherit"],
  });
  foldIntoSingleFile(file, encryptionKey);
}
