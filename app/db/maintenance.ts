// Backup and key rotation of the encrypted database file. A backup may run while the app
// serves; stop the app for a key rotation.
// Never use `VACUUM INTO` or `sqlite3 .backup` for backups: libSQL writes those copies unencrypted.
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import Database from "libsql";
import { databaseFilePath, explainDatabaseError, type DatabaseConnection } from "./connection";
import { isBusy, pragma, retryWhileBusy, run } from "./sqlite-driver";

const SQLITE_HEADER = "SQLite format 3\0";
// The key is written into the PRAGMA text (PRAGMA takes no bound parameters), so it may hold
// only characters that cannot end the string.
const SAFE_KEY = /^[A-Za-z0-9+/=_.:-]{32,}$/;
/** How long a backup waits for its turn at the write lock while the app is busy. */
const BACKUP_WAIT_MS = 60_000;

export function isPlainSqlite(file: string): boolean {
  return readFileSync(file).subarray(0, 16).toString("latin1") === SQLITE_HEADER;
}

function fileOf(connection: DatabaseConnection): string {
  const file = databaseFilePath(connection.url);
  if (!file || !existsSync(file)) throw new Error(`No database file at ${connection.url}`);
  return file;
}

function open(file: string, encryptionKey: string): Database.Database {
  try {
    return new Database(file, { encryptionKey } as Database.Options);
  } catch (error) {
    throw explainDatabaseError(error);
  }
}

const SIDE_FILES = ["-wal", "-shm"];

/**
 * Folds a file's write-ahead log into it and leaves it in rollback-journal mode, so that the
 * file alone holds everything (a backup, the tests' base copy). The app turns WAL on again
 * when it opens the file.
 */
export function foldIntoSingleFile(file: string, encryptionKey: string): void {
  const connection = open(file, encryptionKey);
  try {
    pragma(connection, "wal_checkpoint(TRUNCATE)");
    const [mode] = pragma(connection, "journal_mode = DELETE") as unknown[][];
    if (mode?.[0] !== "delete") throw new Error(`${file} is still in use by another connection: its log could not be folded in.`);
  } catch (error) {
    throw explainDatabaseError(error);
  } finally {
    connection.close();
  }
}

/** Opens the file with the key and runs SQLite's quick check; throws in words when it cannot. */
export async function verifyDatabaseFile(file: string, encryptionKey: string): Promise<void> {
  const connection = open(file, encryptionKey);
  try {
    const result = run(connection, "PRAGMA quick_check");
    if (result.rows[0]?.[0] !== "ok") throw new Error(`The database file ${file} is damaged: ${String(result.rows[0]?.[0])}`);
  } catch (error) {
    throw explainDatabaseError(error);
  } finally {
    connection.close();
  }
}

/**
 * A consistent, encrypted copy while the app writes. Holding the write lock (BEGIN IMMEDIATE,
 * waiting its turn) stops every commit, so the file and its write-ahead log do not change
 * while both are copied; a checkpoint that runs meanwhile only writes pages the log holds as
 * well. The copy's log is then folded into it, so the backup is one file; it is checked to be
 * encrypted and to open with the key before it gets its name.
 */
export async function backupDatabase(connection: DatabaseConnection, target: string): Promise<void> {
  const source = fileOf(connection);
  if (existsSync(target)) throw new Error(`Refusing to overwrite ${target}`);
  if (!existsSync(dirname(target))) throw new Error(`The folder for the backup does not exist: ${dirname(target)}`);
  const partial = join(dirname(target), `.partial-${randomBytes(6).toString("hex")}.db`);
  const live = open(source, connection.encryptionKey);
  try {
    pragma(live, "busy_timeout = 0");
    await retryWhileBusy(() => run(live, "BEGIN IMMEDIATE"), BACKUP_WAIT_MS);
    try {
      copyFileSync(source, partial);
      if (existsSync(source + "-wal")) copyFileSync(source + "-wal", partial + "-wal");
    } finally {
      run(live, "ROLLBACK");
    }
  } catch (error) {
    removeWithSideFiles(partial);
    if (isBusy(error)) throw new Error(`The database stayed busy for ${BACKUP_WAIT_MS / 1000} s; no backup was written. Try again.`, { cause: error });
    throw explainDatabaseError(error);
  } finally {
    live.close();
  }
  try {
    foldIntoSingleFile(partial, connection.encryptionKey);
    if (isPlainSqlite(partial)) throw new Error(`The backup is not encrypted; check DATABASE_ENCRYPTION_KEY.`);
    await verifyDatabaseFile(partial, connection.encryptionKey);
    renameSync(partial, target);
  } finally {
    removeWithSideFiles(partial);
  }
}

const BACKUP_NAME = /^aftercare-\d{8}T\d{6}Z\.db$/;

/**
 * A backup into a folder, named by its time (aftercare-20261202T030000Z.db), then only the
 * newest `keep` backups there are kept: an erased person's data stays in older copies, so they
 * must not pile up.
 */
export async function backupIntoFolder(connection: DatabaseConnection, folder: string, keep: number, now = new Date()): Promise<{ written: string; deleted: string[] }> {
  if (!Number.isInteger(keep) || keep < 1) throw new Error("Keep at least one backup (--keep 1 or more).");
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const written = join(folder, `aftercare-${stamp}.db`);
  await backupDatabase(connection, written);
  const backups = readdirSync(folder).filter((name) => BACKUP_NAME.test(name)).sort().reverse();
  const deleted = backups.slice(keep).map((name) => join(folder, name));
  for (const file of deleted) rmSync(file);
  return { written, deleted };
}

export type BackupCheck = { file: string; migrations: { applied: number; ofThisVersion: number; unknown: string[] } };

/**
 * A restore drill without restoring: the backup opens with the key, SQLite's integrity check
 * passes, and its migrations are those of this version (or older ones, which `db:migrate`
 * brings up to date after a restore). Throws one sentence that says what is wrong.
 */
export async function verifyBackup(file: string, encryptionKey: string, ofThisVersion: string[]): Promise<BackupCheck> {
  if (!existsSync(file)) throw new Error(`There is no file at ${file}.`);
  if (statSync(file).size === 0) throw new Error(`The backup ${file} is empty.`);
  if (isPlainSqlite(file)) throw new Error(`The backup ${file} is not encrypted: it is not one of ours, or it was made the wrong way (never sqlite3 .backup or VACUUM INTO).`);
  let connection: Database.Database;
  try {
    connection = new Database(`file:${file}?mode=ro`, { encryptionKey } as Database.Options);
  } catch (error) {
    throw explainDatabaseError(error);
  }
  try {
    const [[check] = []] = run(connection, "PRAGMA integrity_check").rows as unknown as string[][];
    if (check !== "ok") throw new Error(`The backup ${file} is damaged: ${String(check)}.`);
    const applied = (run(connection, "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").rows as unknown as string[][]).map(([name]) => name!);
    const unknown = applied.filter((name) => !ofThisVersion.includes(name));
    if (unknown.length > 0) throw new Error(`The backup ${file} was made by a newer version (its migration ${unknown[0]} is unknown here): restore it with that version.`);
    return { file, migrations: { applied: applied.length, ofThisVersion: ofThisVersion.length, unknown } };
  } catch (error) {
    if (error instanceof Error && /not a database|NOTADB/i.test(error.message)) throw new Error(`The backup ${file} does not open with this key: it was made with another key, or it is damaged.`, { cause: error });
    if (error instanceof Error && /malformed|corrupt|SQLITE_CORRUPT/i.test(error.message)) throw new Error(`The backup ${file} is damaged: ${error.message}.`, { cause: error });
    throw explainDatabaseError(error);
  } finally {
    connection.close();
  }
}

function removeWithSideFiles(file: string): void {
  for (const suffix of ["", ...SIDE_FILES]) rmSync(file + suffix, { force: true });
}

/** Re-encrypts the file with a new key. Stop the app first; then start it with the new key. */
export async function rotateDatabaseKey(connection: DatabaseConnection, newKey: string): Promise<void> {
  const file = fileOf(connection);
  if (!SAFE_KEY.test(newKey)) {
    throw new Error("The new key must be at least 32 characters of A-Z, a-z, 0-9 and + / = _ . : - (for example: openssl rand -hex 32).");
  }
  // One connection for all of it: libSQL keeps a closed connection open while its statements
  // live, and leaving WAL mode needs the file to itself.
  const client = open(file, connection.encryptionKey);
  try {
    const [[check] = []] = pragma(client, "quick_check") as unknown[][];
    if (check !== "ok") throw new Error(`The database file ${file} is damaged: ${String(check)}`);
    // The log is folded in first: a rekey re-encrypts the main file's pages only.
    pragma(client, "wal_checkpoint(TRUNCATE)");
    const [[mode] = []] = pragma(client, "journal_mode = DELETE") as unknown[][];
    if (mode !== "delete") throw new Error("The database is in use: stop the app before rotating the key.");
    pragma(client, `rekey = '${newKey}'`);
  } catch (error) {
    throw isBusy(error) ? new Error("The database is in use: stop the app before rotating the key.", { cause: error }) : explainDatabaseError(error);
  } finally {
    client.close();
  }
  await verifyDatabaseFile(file, newKey);
}
