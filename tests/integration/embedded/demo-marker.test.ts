// The migration that marks databases seeded with the demo data before the marker existed: a
// migration of the embedded file alone (PostgreSQL's first migration came after it).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import Database from "libsql";
import { db } from "~/db/client.server";
import { databaseConnection, databaseFilePath } from "~/db/connection";

describe("the demo data marker", () => {
  it("marks a database seeded before the marker existed, by its migration", async () => {
    await db().account.create({ data: { email: "caseworker@demo.local", role: "caseworker", displayName: "Demo" } });
    await db().account.create({ data: { email: "someone@example.org", role: "admin", displayName: "Real" } });
    runMarkingMigration();
    expect(await db().setting.findUnique({ where: { key: "demo_data" }, select: { value: true } })).toEqual({ value: "1" });
  });

  it("leaves a real database unmarked", async () => {
    await db().account.create({ data: { email: "someone@example.org", role: "admin", displayName: "Real" } });
    runMarkingMigration();
    expect(await db().setting.count()).toBe(0);
  });
});

/** The migration's SQL as `migrate deploy` runs it, on this test's database file. */
function runMarkingMigration() {
  const migration = readdirSync("prisma/migrations").find((name) => name.endsWith("_mark_demo_databases"))!;
  const { url, encryptionKey } = databaseConnection();
  const connection = new Database(databaseFilePath(url)!, { encryptionKey } as Database.Options);
  connection.exec(readFileSync(join("prisma/migrations", migration, "migration.sql"), "utf8"));
  connection.close();
}
