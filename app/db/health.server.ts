// Is the database really usable? Opens with the key, has every committed migration applied,
// and accepts a write. The server checks the first two before it starts; /healthz checks all
// three, so that a monitor sees a wrong file, a missing migration or a read-only disk.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { databaseConnection, databaseFilePath } from "./connection";
import { db, type Db } from "./client.server";

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

/** Committed migrations that the database has not applied (all of them on an empty file). */
export async function pendingMigrations(client: Db = db()): Promise<string[]> {
  const [table] = await client.$queryRaw<{ n: number }[]>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`;
  if (!table || Number(table.n) === 0) return committedMigrations();
  const applied = await client.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const done = new Set(applied.map((row) => row.migration_name));
  return committedMigrations().filter((name) => !done.has(name));
}

/** Throws, in words that say what to run, when the server must not start on this database. */
export async function assertDatabaseReady(client: Db = db()): Promise<void> {
  const pending = await pendingMigrations(client);
  if (pending.length > 0) {
    throw new Error(
      `The database is missing ${pending.length} migration(s) of this version (first: ${pending[0]}). ` +
        "Back it up, then run `npm run db:migrate`, and start again.",
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
