// The retention schedule for closed cases (issue 16), with a fixed clock: a person whose last case
// closed longer ago than the schedule is erased as a confirmed erasure erases (the reports count
// the same); a held case keeps the person; the coordinator's list shows what is due.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eraseExpiredCases, retentionDue, setRetentionHold } from "~/cases/case-retention.server";
import { db } from "~/db/client.server";
import { referralFigures } from "~/reports/referral-metrics.server";
import { viewerOf } from "../fixtures/accounts";
import { figuresKeptByErasure } from "../fixtures/report-figures";
import { makeWorld, type World } from "../fixtures/world";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-11-25T12:00:00Z");
const monthsAgo = (months: number, days = 0) => {
  const at = new Date(NOW);
  at.setUTCMonth(at.getUTCMonth() - months);
  return new Date(at.getTime() + days * DAY);
};

let world: World;
beforeEach(async () => {
  world = await makeWorld();
  process.env.CLOSED_CASE_RETENTION_MONTHS = "24";
});
afterEach(() => {
  delete process.env.CLOSED_CASE_RETENTION_MONTHS;
});

const close = (caseId: string, closedAt: Date) => db().case.update({ where: { id: caseId }, data: { status: "closed", closeReason: "goals_met", closedAt } });
async function personWithCase(caseCode: string, closedAt: Date | null) {
  const person = await db().person.create({ data: { caseCode, preferredName: `P ${caseCode}`, languages: "be" } });
  const opened = await db().case.create({ data: { personId: person.id, status: "active", openedAt: monthsAgo(40) } });
  if (closedAt) await close(opened.id, closedAt);
  return { person, opened };
}

describe("the retention schedule", () => {
  it("erases persons past it, keeps the held and the recent, and counts the same", async () => {
    await close(world.caseOne.id, monthsAgo(25)); // past the schedule
    await close(world.caseTwo.id, monthsAgo(26)); // past it, but held below
    const soon = await personWithCase("AC-SOON-SOON", monthsAgo(24, 10)); // due in ten days
    const later = await personWithCase("AC-LATE-LATE", monthsAgo(12));
    const stillOpen = await personWithCase("AC-OPEN-OPEN", monthsAgo(30));
    await db().case.create({ data: { personId: stillOpen.person.id, status: "active" } }); // a second, open case

    const coordinator = viewerOf(world.accounts.coordinator);
    const caseTwo = await db().case.findUniqueOrThrow({ where: { id: world.caseTwo.id } });
    expect(await setRetentionHold(coordinator, caseTwo.id, caseTwo.version, "court proceedings still open")).toEqual({ ok: true });
    expect(await setRetentionHold(coordinator, caseTwo.id, caseTwo.version, "again")).toEqual({ ok: false, problem: "form.stale" });

    // The list: the due ones oldest first, the held one marked, nothing not yet due.
    const listed = await retentionDue(coordinator, NOW);
    expect(listed.months).toBe(24);
    expect(listed.due.map((d) => [d.caseCode, d.held])).toEqual([
      ["AC-TWO2-TWO2", true],
      ["AC-ONE1-ONE1", false],
      ["AC-SOON-SOON", false],
    ]);
    expect(listed.due[2]!.dueAt.getTime() - NOW.getTime()).toBe(10 * DAY);

    const [countsBefore, figuresBefore] = await Promise.all([figuresKeptByErasure(), referralFigures()]);
    expect(await eraseExpiredCases({ now: NOW, months: 24 })).toBe(1);
    const erased = async (id: string) => (await db().person.findUniqueOrThrow({ where: { id } })).erasedAt !== null;
    expect([await erased(world.personOne.id), await erased(world.personTwo.id), await erased(soon.person.id), await erased(later.person.id), await erased(stillOpen.person.id)]).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(await figuresKeptByErasure()).toEqual(countsBefore);
    expect(await referralFigures()).toEqual(figuresBefore);
    expect(await db().auditEvent.count({ where: { action: "retention.purge", entityType: "person", personId: world.personOne.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "case.retention_hold", personId: world.personTwo.id } })).toBe(1);

    // Lifted, the held person goes at the next run.
    const held = await db().case.findUniqueOrThrow({ where: { id: world.caseTwo.id } });
    expect(await setRetentionHold(coordinator, held.id, held.version, null)).toEqual({ ok: true });
    expect(await eraseExpiredCases({ now: NOW, months: 24 })).toBe(1);
    expect(await erased(world.personTwo.id)).toBe(true);
  });

  it("does nothing while it is off, and is the coordinators' only", async () => {
    await close(world.caseOne.id, monthsAgo(100));
    expect(await eraseExpiredCases({ now: NOW, months: 0 })).toBe(0);
    await expect(retentionDue(viewerOf(world.accounts.caseworker), NOW)).rejects.toMatchObject({ status: 404 });
    await expect(setRetentionHold(viewerOf(world.accounts.caseworker), world.caseOne.id, 1, "x")).rejects.toMatchObject({ status: 404 });
  });
});
