// Is the database really usable? Opens with the key, has every committed migration applied,
// and accepts a write. The server checks the first two before it starts; /healthz checks all
// three, so that a monitor sees a wrong file, a missing migration or a read-only disk.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import type { DatabaseProvider } from "../config/env.server";
import { databaseConnection, databaseFilePath, explainDatabaseError, type DatabaseConnection } from "./connection";
import { databaseProvider, db, type Db } from "./client.server";
import { SqliteClient } from "./sqlite-driver";

export type Health = { ok: true } | { ok: false; reason: string };

/** Each database's own migrations (docs/decisions/018). */
const MIGRATIONS_DIRS: Record<DatabaseProvider, string> = {
  sqlite: join(process.cwd(), "prisma", "migrations"),
  postgresql: join(process.cwd(), "prisma", "postgresql", "migrations"),
};
const committed = new Map<string, string[]>();

/** The migrations in the release, read once: the folder names under the provider's migrations folder. */
export function committedMigrations(provider: DatabaseProvider = "sqlite"): string[] {
  const dir = MIGRATIONS_DIRS[provider];
  if (!committed.has(dir)) committed.set(dir, readMigrationNames(dir));
  return committed.get(dir)!;
}

function readMigrationNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

const APPLIED = "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";
const IS_DEMO = `SELECT 1 FROM "Setting" WHERE "key" = 'demo_data' AND "value" = '1'`;
const HAS_MIGRATIONS_TABLE = "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'";
const HAS_MIGRATIONS_TABLE_POSTGRES = "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'";

function notApplied(applied: string[], provider: DatabaseProvider = "sqlite"): string[] {
  const done = new Set(applied);
  return committedMigrations(provider).filter((name) => !done.has(name));
}

/** Committed migrations that the database has not applied (all of them on an empty database). */
export async function pendingMigrations(client: Db = db()): Promise<string[]> {
  const provider = databaseProvider(client);
  const [table] =
    provider === "postgresql"
      ? await client.$queryRaw<{ n: number }[]>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'`
      : await client.$queryRaw<{ n: number }[]>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`;
  if (!table || Number(table.n) === 0) return committedMigrations(provider);
  const applied = await client.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return notApplied(
    applied.map((row) => row.migration_name),
    provider,
  );
}

/** Text sorted by code point, as on the embedded file: name search reads ranges of words by it. */
const BYTE_ORDER = new Set(["C", "POSIX", "C.UTF-8", "C.utf8"]);

/** What a PostgreSQL database says about itself, on one connection of its own. */
async function inspectPostgres(url: string): Promise<{ pending: string[]; demo: boolean; collation: string }> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const [{ collation } = { collation: "" }] = (await client.query<{ collation: string }>("SELECT datcollate AS collation FROM pg_database WHERE datname = current_database()")).rows;
    const [table] = (await client.query<{ n: number }>(HAS_MIGRATIONS_TABLE_POSTGRES)).rows;
    const applied = table?.n ? (await client.query<{ migration_name: string }>(APPLIED)).rows.map((row) => row.migration_name) : null;
    const pending = applied ? notApplied(applied, "postgresql") : committedMigrations("postgresql");
    const demo = pending.length === 0 && (await client.query(IS_DEMO)).rows.length > 0;
    return { pending, demo, collation };
  } catch (error) {
    throw new Error(`The PostgreSQL database could not be read: ${error instanceof Error ? error.message : String(error)}. Check DATABASE_URL and that the server runs.`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** What the database says about itself, read through the driver alone (no Prisma: quick to load). */
export async function inspectDatabase(connection: DatabaseConnection): Promise<{ pending: string[]; demo: boolean }> {
  if (connection.provider === "postgresql") {
    const { pending, demo, collation } = await inspectPostgres(connection.url);
    if (!BYTE_ORDER.has(collation)) {
      throw new Error(
        `The PostgreSQL database sorts text by the rules of ${collation}; Aftercare needs code-point order, as on the embedded file (name search reads ranges of words). ` +
          "Create it with: CREATE DATABASE aftercare LOCALE 'C.UTF-8' TEMPLATE template0",
      );
    }
    return { pending, demo };
  }
  const path = databaseFilePath(connection.url);
  if (!path) throw new Error("DATABASE_URL must be a file: URL (the embedded libSQL database).");
  const client = new SqliteClient({ path, encryptionKey: connection.encryptionKey, mustExist: true });
  try {
    const [[tables] = []] = (await client.execute(HAS_MIGRATIONS_TABLE)).rows as unknown as number[][];
    const pending = tables ? notApplied(((await client.execute(APPLIED)).rows as unknown as string[][]).map(([name]) => name!)) : committedMigrations();
    const demo = pending.length === 0 && (await client.execute(IS_DEMO)).rows.length > 0;
    return { pending, demo };
  } catch (error) {
    throw explainDatabaseError(error);
  } finally {
    client.close();
  }
}

/**
 * Before the server starts: the file exists (no silent new empty one), opens with the key, has
 * every migration of this version, and, in production, holds no demo data unless that is
 * allowed. Throws in words that say what to do.
 */
export async function assertDatabaseReady(
  connection: DatabaseConnection = databaseConnection(),
  { refuseDemoData = false }: { refuseDemoData?: boolean } = {},
): Promise<void> {
  const { pending, demo } = await inspectDatabase(connection);
  if (pending.length > 0) {
    throw new Error(
      `The database is missing ${pending.length} migration(s) of this version (first: ${pending[0]}). ` +
        "Back it up, then run `npm run db:migrate`, and start again.",
    );
  }
  if (demo && refuseDemoData) {
    throw new Error(
      "This database holds the demo data, whose accounts share a published password: set ALLOW_DEMO_DATA=1 to serve it anyway, never with real people's data.",
    );
  }
}

export async function checkHealth(client?: Db): Promise<Health> {
  try {
    const file = databaseFilePath(databaseConnection().url);
    if (file && !existsSync(file)) return { ok: false, reason: `the database file ${file} is gone` };
    client ??= db();
    const pending = await pendingMigrations(client);
    if (pending.length > 0) return { ok: false, reason: `${pending.length} migration(s) not applied, first ${pending[0]}` };
    const checkedAt = new Date();
    await client.healthProbe.upsert({ where: { id: 1 }, create: { id: 1, checkedAt }, update: { checkedAt } });
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1)! : "unknown error" };
  }
}
