// The demo data is deterministic and covers every state the product knows.
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
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
});
