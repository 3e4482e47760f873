// A backup is encrypted and opens only with its key; a key rotation re-encrypts the file.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { databaseConnection } from "~/db/connection";
import { backupDatabase, isPlainSqlite, rotateDatabaseKey, verifyDatabaseFile } from "~/db/maintenance";
import { BASE_DB, TEST_DB_DIR, TEST_ENCRYPTION_KEY } from "../setup/test-database";

const unique = () => join(TEST_DB_DIR, `ops-${process.pid}-${Math.random().toString(36).slice(2)}.db`);

describe("database operations", () => {
  it("makes a backup that holds the data and does not open without the key", async () => {
    await db().organization.create({ data: { kind: "host", name: "Backup check" } });
    const target = unique();
    await backupDatabase(databaseConnection(), target);

    expect(isPlainSqlite(target)).toBe(false);
    const withKey = createClient({ url: `file:${target}`, encryptionKey: TEST_ENCRYPTION_KEY });
    expect((await withKey.execute("SELECT name FROM Organization")).rows[0]?.name).toBe("Backup check");
    withKey.close();
    await expect(verifyDatabaseFile(target, "some-other-key-".padEnd(40, "z"))).rejects.toThrow(/encryption key is wrong/);
    const withoutKey = createClient({ url: `file:${target}` });
    await expect(withoutKey.execute("SELECT name FROM Organization")).rejects.toThrow(/NOTADB/);
    withoutKey.close();
  });

  it("rotates the key: the old key stops working, the new one opens the same data", async () => {
    const file = unique();
    copyFileSync(BASE_DB, file);
    const newKey = "b".repeat(64);
    await rotateDatabaseKey({ url: `file:${file}`, encryptionKey: TEST_ENCRYPTION_KEY }, newKey);
    await verifyDatabaseFile(file, newKey);
    await expect(verifyDatabaseFile(file, TEST_ENCRYPTION_KEY)).rejects.toThrow(/encryption key is wrong/);
    expect(isPlainSqlite(file)).toBe(false);
  });

  it("refuses a new key that could break out of the PRAGMA", async () => {
    const file = unique();
    copyFileSync(BASE_DB, file);
    await expect(
      rotateDatabaseKey({ url: `file:${file}`, encryptionKey: TEST_ENCRYPTION_KEY }, "x".repeat(40) + "'; DROP TABLE Account; --"),
    ).rejects.toThrow(/at least 32 characters/);
    await verifyDatabaseFile(file, TEST_ENCRYPTION_KEY);
  });
});
