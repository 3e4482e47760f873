// The database file is encrypted at rest: it opens with its key and with nothing else.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { createDb, checkDatabase } from "~/db/client.server";
import { databaseConnection } from "~/db/connection";
import { migrateTestDatabase, TEST_DB_DIR } from "../../setup/test-database";

const SQLITE_HEADER = "SQLite format 3\0";

describe("the encrypted database", () => {
  it("migrates a new file, writes and reads through Prisma, and is unreadable without the key", async () => {
    const file = join(TEST_DB_DIR, `encryption-${process.pid}-${Date.now()}.db`);
    const key = "another-test-key-" + "x".repeat(40);
    migrateTestDatabase(file, key);

    const db = createDb({ url: `file:${file}`, encryptionKey: key });
    const track = await db.supportTrack.create({ data: { key: "medical", nameBe: "Медычная", nameRu: "Медицинская", nameEn: "Medical" } });
    const read = await db.supportTrack.findUnique({ where: { id: track.id } });
    await db.$disconnect();
    expect(read?.nameBe).toBe("Медычная");

    // On disk: not the plain SQLite header, and the text we wrote is nowhere in the bytes.
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 16).toString("latin1")).not.toBe(SQLITE_HEADER);
    expect(bytes.includes(Buffer.from("Медычная"))).toBe(false);
    expect(bytes.includes(Buffer.from("_prisma_migrations"))).toBe(false);

    // Without the key, and with a wrong key, the file does not open.
    const plain = createClient({ url: `file:${file}` });
    await expect(plain.execute("SELECT count(*) FROM SupportTrack")).rejects.toThrow(/NOTADB|not a database/i);
    plain.close();
    const wrongKey = createDb({ url: `file:${file}`, encryptionKey: "wrong-key-" + "y".repeat(40) });
    await expect(checkDatabase(wrongKey)).rejects.toThrow(/encryption key is wrong or missing/);
    await wrongKey.$disconnect();
  });

  it("refuses to start without a key, in words", () => {
    expect(() => databaseConnection({ DATABASE_URL: "file:./x.db" })).toThrow(/DATABASE_ENCRYPTION_KEY \(or DATABASE_ENCRYPTION_KEY_FILE\) is missing/);
  });

  it("says when the folder of the database file is missing", () => {
    expect(() =>
      databaseConnection({ DATABASE_URL: "file:./no/such/folder/x.db", DATABASE_ENCRYPTION_KEY: "k".repeat(40) }),
    ).toThrow(/folder of the database file does not exist/);
  });
});
