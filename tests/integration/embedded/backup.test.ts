// A backup is encrypted and opens only with its key; a key rotation re-encrypts the file.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { databaseConnection } from "~/db/connection";
import { backupDatabase, isPlainSqlite, rotateDatabaseKey, verifyDatabaseFile } from "~/db/maintenance";
import { checkDocumentSample, copyDocuments, documentsBeside } from "~/documents/document-backup.server";
import { documentVault } from "~/documents/documents.server";
import { sharedDocument } from "../../fixtures/documents";
import { makeWorld } from "../../fixtures/world";
import { BASE_DB, TEST_DB_DIR, TEST_ENCRYPTION_KEY } from "../../setup/test-database";

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

  it("copies the documents beside the database copy, and the restore drill opens a sample of them", async () => {
    await sharedDocument(await makeWorld());
    const target = unique();
    await backupDatabase(databaseConnection(), target);
    expect(copyDocuments(documentVault().directory, documentsBeside(target))).toBe(1);
    expect(checkDocumentSample(target, TEST_ENCRYPTION_KEY, process.env.DOCUMENT_MASTER_KEY!)).toEqual({ checked: 1, total: 1 });
    // A damaged copy is named.
    const [one] = readdirSync(documentsBeside(target));
    const bytes = readFileSync(join(documentsBeside(target), one!));
    bytes[20] = bytes[20]! ^ 0xff;
    writeFileSync(join(documentsBeside(target), one!), bytes);
    expect(() => checkDocumentSample(target, TEST_ENCRYPTION_KEY, process.env.DOCUMENT_MASTER_KEY!)).toThrow(/is missing from .* or does not open with DOCUMENT_MASTER_KEY/);
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

  it("the timer's command keeps the newest N backups in its folder and deletes older ones", { timeout: 60_000 }, async () => {
    const folder = unique().replace(/\.db$/, "");
    mkdirSync(folder);
    const older = ["aftercare-20261101T030000Z.db", "aftercare-20261102T030000Z.db", "aftercare-20261103T030000Z.db"];
    for (const name of older) copyFileSync(BASE_DB, join(folder, name));
    // The oldest with its documents' folder beside it: deleted with it.
    mkdirSync(join(folder, `${older[0]}.documents`));
    writeFileSync(join(folder, "notes.txt"), "not a backup: left alone");
    const { stdout } = await command("prisma/backup.ts", "--dir", folder, "--keep", "2");
    expect(stdout).toMatch(/2 older backup\(s\) deleted/);
    const left = readdirSync(folder).sort();
    expect(left).toHaveLength(4);
    expect(left).toContain("aftercare-20261103T030000Z.db");
    expect(left).toContain("notes.txt");
    const added = left.filter((name) => /^aftercare-\d{8}T\d{6}Z\.db$/.test(name) && !older.includes(name));
    expect(added).toHaveLength(1); // the new one, and its documents beside it
    expect(left).toContain(`${added[0]}.documents`);
  });

  it("the verify command passes a good backup and names what is wrong with a truncated one and one made with another key", { timeout: 60_000 }, async () => {
    const good = unique();
    await backupDatabase(databaseConnection(), good);
    expect((await command("prisma/verify-backup.ts", good)).stdout).toMatch(/is good: it opens with the key, its integrity check passes, and it has all \d+ migrations of this version/);

    const truncated = unique();
    writeFileSync(truncated, readFileSync(good).subarray(0, 8192));
    expect(await failure("prisma/verify-backup.ts", truncated)).toBe(`The backup ${truncated} is damaged: database disk image is malformed.`);

    const otherKey = unique();
    copyFileSync(BASE_DB, otherKey);
    await rotateDatabaseKey({ url: `file:${otherKey}`, encryptionKey: TEST_ENCRYPTION_KEY }, "c".repeat(64));
    expect(await failure("prisma/verify-backup.ts", otherKey)).toBe(`The backup ${otherKey} does not open with this key: it was made with another key, or it is damaged.`);
  });
});

const run = promisify(execFile);
/** One of the operator's commands, as npm runs it, on the test's database and key. */
const command = (script: string, ...args: string[]) => run("node_modules/.bin/tsx", [script, ...args], { env: process.env });
const failure = (script: string, ...args: string[]) =>
  command(script, ...args).then(
    () => "it passed",
    (error: { code: number; stderr: string }) => (error.code === 1 ? error.stderr.trim() : `exit ${error.code}: ${error.stderr}`),
  );

