// Backup and key rotation of the encrypted database file. Run with the app stopped for a key
// rotation; a backup may run while the app serves (it holds off writers while it copies).
// Never use `VACUUM INTO` for backups: libSQL writes that copy unencrypted.
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { createClient } from "@libsql/client";
import { databaseFilePath, explainDatabaseError, type DatabaseConnection } from "./connection";

const SQLITE_HEADER = "SQLite format 3\0";
// The key is written into the PRAGMA text (PRAGMA takes no bound parameters), so it may hold
// only characters that cannot end the string.
const SAFE_KEY = /^[A-Za-z0-9+/=_.:-]{32,}$/;

export function isPlainSqlite(file: string): boolean {
  return readFileSync(file).subarray(0, 16).toString("latin1") === SQLITE_HEADER;
}

function fileOf(connection: DatabaseConnection): string {
  const file = databaseFilePath(connection.url);
  if (!file || !existsSync(file)) throw new Error(`No database file at ${connection.url}`);
  return file;
}

/** Opens the file with the key and runs SQLite's quick check; throws in words when it cannot. */
export async function verifyDatabaseFile(file: string, encryptionKey: string): Promise<void> {
  const client = createClient({ url: `file:${file}`, encryptionKey });
  try {
    const result = await client.execute("PRAGMA quick_check");
    if (result.rows[0]?.[0] !== "ok") throw new Error(`The database file ${file} is damaged: ${String(result.rows[0]?.[0])}`);
  } catch (error) {
    throw explainDatabaseError(error);
  } finally {
    client.close();
  }
}

/**
 * Copies the encrypted file while holding off writers (BEGIN IMMEDIATE: in rollback-journal
 * mode nothing is written into the file until a writer commits), then checks that the copy
 * is encrypted and opens with the same key.
 */
export async function backupDatabase(connection: DatabaseConnection, target: string): Promise<void> {
  const source = fileOf(connection);
  if (existsSync(target)) throw new Error(`Refusing to overwrite ${target}`);
  const client = createClient(connection);
  try {
    await client.execute("BEGIN IMMEDIATE");
    copyFileSync(source, target);
    await client.execute("ROLLBACK");
  } catch (error) {
    throw explainDatabaseError(error);
  } finally {
    client.close();
  }
  if (isPlainSqlite(target)) throw new Error(`The backup ${target} is not encrypted: delete it, and check DATABASE_ENCRYPTION_KEY.`);
  await verifyDatabaseFile(target, connection.encryptionKey);
}

/** Re-encrypts the file with a new key. Stop the app first; then start it with the new key. */
export async function rotateDatabaseKey(connection: DatabaseConnection, newKey: string): Promise<void> {
  const file = fileOf(connection);
  if (!SAFE_KEY.test(newKey)) {
    throw new Error("The new key must be at least 32 characters of A-Z, a-z, 0-9 and + / = _ . : - (for example: openssl rand -hex 32).");
  }
  await verifyDatabaseFile(file, connection.encryptionKey);
  const client = createClient(connection);
  try {
    await client.execute(`PRAGMA rekey = '${newKey}'`);
  } finally {
    client.close();
  }
  await verifyDatabaseFile(file, newKey);
}
