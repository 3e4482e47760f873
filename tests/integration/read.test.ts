// Reads in SQL (app/db/read.server.ts): values are bound, lists expand, dates are compared in
// the form Prisma stores them, and the reading connection sees what is committed, never waits
// for a transaction that is open on the other, and cannot write.
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { read, sql } from "~/db/read.server";
import { storedDate } from "~/db/stored-date";

describe("a read in SQL", () => {
  it("binds values, expands lists (an empty one matches nothing) and gives dates in Prisma's stored form", async () => {
    const at = new Date("2026-03-04T05:06:07.089Z");
    const made = await db().organization.create({ data: { kind: "partner", name: "Robert'); DROP TABLE \"Organization\";--", createdAt: at } });
    const rows = await read<{ name: string; createdAt: string }>`SELECT "name", "createdAt" FROM "Organization" WHERE "id" IN (${[made.id, "other"]}) AND "createdAt" = ${at}`;
    expect(rows).toEqual([{ name: made.name, createdAt: storedDate(at) }]);
    expect(await read`SELECT "id" FROM "Organization" WHERE "id" IN (${[]})`).toEqual([]);
  });

  it("binds a lone null, in a read and in a write (libSQL took a lone spread null for the whole set of parameters)", async () => {
    expect(await read<{ v: null }>`SELECT ${null} AS "v"`).toEqual([{ v: null }]);
    // What Prisma sends to erase the notes of a person without referrals: one parameter, null.
    expect(await db().referralStatusChange.updateMany({ where: { referralId: { in: [] } }, data: { note: null } })).toEqual({ count: 0 });
    await db().$transaction((tx) => tx.referralStatusChange.updateMany({ where: { referralId: { in: [] } }, data: { note: null } }));
  });

  it("takes SQL text only from template literals: a look-alike fragment or a plain string is refused", async () => {
    const forged = { parts: ['"name" FROM "Organization" --'], values: [] } as unknown as ReturnType<typeof sql>;
    await expect(read`SELECT ${forged}`).rejects.toThrow(/Only sql/);
    const asText = ['SELECT 1'] as unknown as TemplateStringsArray;
    await expect(read(asText)).rejects.toThrow(/template literals/);
    expect(await read<{ one: number }>`SELECT ${sql`1`} AS "one"`).toEqual([{ one: 1 }]);
  });

  it("sees what is committed, not what a transaction still holds, and does not wait for it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const writing = db().$transaction(async (tx) => {
      await tx.organization.create({ data: { kind: "partner", name: "Pending" } });
      inside();
      await held;
    });
    await started;
    expect(await read`SELECT "id" FROM "Organization" WHERE "name" = ${"Pending"}`).toEqual([]);
    release();
    await writing;
    expect(await read`SELECT "id" FROM "Organization" WHERE "name" = ${"Pending"}`).toHaveLength(1);
  });

  it("cannot write", async () => {
    await expect(read`INSERT INTO "Organization" ("id", "kind", "name", "updatedAt") VALUES ('x', 'partner', 'x', ${new Date()})`).rejects.toThrow(/readonly|read-only|query_only|attempt to write/i);
    expect(await db().organization.count({ where: { id: "x" } })).toBe(0);
  });
});
