// Is the database really usable? Opens with the key, has every committed migration applied,
// and accepts a write. The server checks the first two before it starts; /healthz checks all
// three, so that a monitor sees a wrong file, a missing migration or a read-only disk.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { databaseConnection, databaseFilePath, explainDatabaseError, type DatabaseConnection } from "./connection";
import { db, type Db } from "./client.server";
import { SqliteClient } from "./sqlite-driver";

export type Health = { ok: true } | { ok: false; reason: string };

const MIGRATIONS_DIR = join(process.cwd(), "prisma", "migrations");
let committed: string[] | null = null;

/** The migrations in the release, read once: the folder names under prisma/migrations. */
export function committedMigrations(dir = MIGRATIONS_DIR): string[] {
  if (dir !== MIGRATIONS_DIR) return readMigrationNames(dir);
  committed ??= readMigrationNames(dir);
  return committed;
}

function readMigrationNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

const APPLIED = "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";
const IS_DEMO = "SELECT 1 FROM Setting WHERE key = 'demo_data' AND value = '1'";
const HAS_MIGRATIONS_TABLE = "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'";

function notApplied(applied: string[]): string[] {
  const done = new Set(applied);
  return committedMigrations().filter((name) => !done.has(name));
}

/** Committed migrations that the database has not applied (all of them on an empty file). */
export async function pendingMigrations(client: Db = db()): Promise<string[]> {
  const [table] = await client.$queryRaw<{ n: number }[]>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`;
  if (!table || Number(table.n) === 0) return committedMigrations();
  const applied = await client.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return notApplied(applied.map((row) => row.migration_name));
}

/** What the file says about itself, read through the driver alone (no Prisma: quick to load). */
export async function inspectDatabase(connection: DatabaseConnection): Promise<{ pending: string[]; demo: boolean }> {
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
