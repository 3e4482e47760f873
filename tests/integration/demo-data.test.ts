// The demo data is deterministic and covers every state the product knows.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import Database from "libsql";
import { db } from "~/db/client.server";
import { databaseConnection, databaseFilePath } from "~/db/connection";
import { isDemoDatabase } from "~/install/installation.server";
import { generateDemoData } from "../../prisma/demo-data/generate";
import { TRACK_KEYS } from "../../prisma/demo-data/directory";
import { writeDemoData } from "../../prisma/demo-data/write";

const options = { persons: 200, seed: 1450, passwordHash: "not-a-real-hash", totpSecret: "JBSWY3DPEHPK3PXP", today: new Date("2026-11-25T12:00:00Z") };

describe("the demo data", () => {
  const data = generateDemoData(options);

  it("is the same on every run with the same seed and day", () => {
    expect(generateDemoData(options)).toEqual(data);
    expect(generateDemoData({ ...options, seed: 7 }).persons[0]?.caseCode).not.toBe(data.persons[0]?.caseCode);
  });

  it("has 200 persons, each with a Cyrillic and a Latin name and a unique case code", () => {
    expect(data.persons).toHaveLength(200);
    for (const person of data.persons) {
      expect(person.fullName).toMatch(/^[\p{Script=Cyrillic}' ]+$/u);
      expect(person.fullNameLatin).toMatch(/^[A-Za-z' ]+$/);
    }
    expect(new Set(data.persons.map((p) => p.caseCode)).size).toBe(200);
  });

  it("has cases in every state, and referrals in every state for every partner", () => {
    expect(new Set(data.cases.map((c) => c.status))).toEqual(new Set(["open", "active", "on_hold", "closed"]));
    const partners = data.organizations.filter((o) => o.kind === "partner");
    expect(partners).toHaveLength(5);
    for (const partner of partners) {
      const states = new Set(data.referrals.filter((r) => r.organizationId === partner.id).map((r) => r.status));
      expect(states.size, partner.name).toBe(9);
    }
  });

  it("offers an active service in every track", () => {
    const activeTracks = new Set(data.services.filter((s) => s.status === "active").map((s) => s.trackId));
    expect(activeTracks.size).toBe(TRACK_KEYS.length);
  });

  it("has each of the five demo accounts", () => {
    const emails = data.accounts.map((a) => a.email);
    for (const email of ["admin", "coordinator", "caseworker", "partner", "client"].map((r) => `${r}@demo.local`)) {
      expect(emails).toContain(email);
    }
  });

  it("writes into a real database with every relation intact", async () => {
    await writeDemoData(db(), data);
    expect(await db().person.count()).toBe(200);
    expect(await db().referral.count()).toBe(data.referrals.length);
    const client = await db().account.findUnique({ where: { email: "client@demo.local" }, select: { person: { select: { cases: true } } } });
    expect(client?.person?.cases.length).toBeGreaterThan(0);
    // Marked as demo data, so that a production server refuses it.
    expect(await isDemoDatabase()).toBe(true);
    // Writing 200 persons takes 2-3 s here; a busy CI machine gets room, not a flaky failure.
  }, 30_000);

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
