// What is kept only for a while (fixed clock): help requests that never became a case, and
// messages once read.
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { viewCase } from "~/cases/cases.server";
import { deleteReadMessages, myMessages } from "~/messages/messages.server";
import { myData } from "~/persons/my-data.server";
import { deleteStaleRequests } from "~/requests/retention.server";
import { loader as myMessagesLoader } from "~/routes/me.messages";
import { loader as caseLoader } from "~/routes/staff.cases.$caseId";
import { signedIn, viewerOf } from "../fixtures/accounts";
import { get, routeArgs, settle } from "../fixtures/requests";
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

describe("message retention", () => {
  it("deletes messages read longer ago than the setting, from both sides and from the export; unread ones stay", async () => {
    const world = await makeWorld();
    const at = (days: number) => new Date(NOW.getTime() - days * DAY);
    const message = (body: string, authorId: string, readDaysAgo: number | null) =>
      db().caseMessage.create({ data: { caseId: world.caseOne.id, authorId, body, createdAt: at(60), readAt: readDaysAgo === null ? null : at(readDaysAgo) } });
    await message("read long ago, from the person", world.accounts.client.id, 31);
    await message("read long ago, from the caseworker", world.accounts.caseworker.id, 45);
    await message("read lately", world.accounts.caseworker.id, 29);
    await message("never read", world.accounts.caseworker.id, null);

    expect(await deleteReadMessages({ now: NOW, days: 30 })).toBe(2);
    const left = ["read lately", "never read"];
    // The person's side, their export, and the caseworker's side hold the same two.
    const person = viewerOf(world.accounts.client);
    expect((await myMessages(person)).messages.map((m) => m.body).sort()).toEqual([...left].sort());
    expect(JSON.stringify(await myData(person))).not.toContain("read long ago");
    const shown = await viewCase(viewerOf(world.accounts.caseworker), world.caseOne.id);
    expect(shown!.messages.map((m) => m.body).sort()).toEqual([...left].sort());
    expect(await db().auditEvent.count({ where: { action: "retention.purge", entityType: "case_message" } })).toBe(1);
    // Off by default: nothing goes.
    expect(await deleteReadMessages({ now: new Date(NOW.getTime() + 400 * DAY), days: 0 })).toBe(0);
  });

  it("tells the person in their space, and the caseworker on the case, when messages are deleted", async () => {
    const world = await makeWorld();
    const [person, caseworker] = [await signedIn(world.accounts.client), await signedIn(world.accounts.caseworker)];
    process.env.MESSAGE_RETENTION_DAYS = "30";
    try {
      const mine = await (await settle(() => myMessagesLoader(routeArgs(get("/me/messages", person))))).json();
      expect(mine.retentionDays).toBe(30);
      const onCase = await (await settle(() => caseLoader(routeArgs(get(`/staff/cases/${world.caseOne.id}`, caseworker), { caseId: world.caseOne.id })))).json();
      expect(onCase.retentionDays).toBe(30);
    } finally {
      delete process.env.MESSAGE_RETENTION_DAYS;
    }
  });
});
