// Help requests that never became a case are deleted after the configured days (fixed clock).
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { deleteStaleRequests } from "~/requests/retention.server";
import { makeWorld } from "../fixtures/world";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-11-25T12:00:00Z");

describe("request retention", () => {
  it("deletes old requests without a case, keeps recent ones and those that became a case", async () => {
    const world = await makeWorld();
    const at = (days: number) => new Date(NOW.getTime() - days * DAY);
    const make = (code: string, status: "declined" | "withdrawn" | "new" | "accepted", days: number, caseId: string | null = null) =>
      db().helpRequest.create({ data: { code, source: "public_form", language: "ru", preferredName: "X", contactKind: "email", contactValue: "x@example.org", status, createdAt: at(days), caseId } });
    await make("R-OLD-DECL", "declined", 91);
    await make("R-OLD-WITH", "withdrawn", 120);
    await make("R-OLD-NEW1", "new", 95);
    await make("R-NEW-DECL", "declined", 89);
    await make("R-OLD-CASE", "accepted", 400, world.caseOne.id);

    expect(await deleteStaleRequests({ now: NOW, days: 90 })).toBe(3);
    const left = (await db().helpRequest.findMany({ select: { code: true } })).map((r) => r.code).sort();
    expect(left).toEqual(["R-NEW-DECL", "R-OLD-CASE", "R-ONE111", "R-TWO222"].sort());
    expect(await db().auditEvent.count({ where: { action: "retention.purge" } })).toBe(1);
    expect(await deleteStaleRequests({ now: NOW, days: 90 })).toBe(0);
  });
});
