// Issue 19 moved payment activities into assistance records: the migration that does it, run on
// a database as the migrations before it left it, with payments in it and without.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "libsql";
import { describe, expect, it } from "vitest";
import { TEST_DB_DIR } from "../../setup/test-database";

const MIGRATIONS = "prisma/migrations";
const MOVING = "20261203144600_assistance_receipts_and_payments";
const script = (folder: string) => readFileSync(join(MIGRATIONS, folder, "migration.sql"), "utf8");

/** A database file with every migration before the one that moves the payments. */
function databaseBeforeTheMove(name: string) {
  mkdirSync(TEST_DB_DIR, { recursive: true });
  const file = join(TEST_DB_DIR, `${name}.db`);
  rmSync(file, { force: true });
  const database = new Database(file);
  for (const folder of readdirSync(MIGRATIONS).filter((entry) => /^\d{14}_/.test(entry) && entry < MOVING).sort()) database.exec(script(folder));
  // The activities' case and author need not exist for this: only the move is under test.
  database.exec("PRAGMA foreign_keys = OFF");
  return database;
}

const activity = (id: string, kind: string, amountMinor: number | null, currency: string | null) =>
  `INSERT INTO "Activity" ("id", "caseId", "kind", "occurredAt", "note", "amountMinor", "currency", "recordedById", "createdAt", "updatedAt")
   VALUES ('${id}', 'case-1', '${kind}', '2026-10-05T09:00:00.000+00:00', 'bus ticket', ${amountMinor ?? "NULL"}, ${currency ? `'${currency}'` : "NULL"}, 'account-1',
     '2026-10-05T09:00:00.000+00:00', '2026-10-05T09:00:00.000+00:00')`;

describe("the move of payment activities into practical support", () => {
  it("makes each payment activity a paid assistance record, keeps the other activities, and drops the amount columns", () => {
    const database = databaseBeforeTheMove("payments-moved");
    database.exec([activity("a1", "payment", 4_500, "EUR"), activity("a2", "payment", null, null), activity("a3", "call", null, null)].join(";"));
    database.exec(script(MOVING));
    expect(database.prepare(`SELECT "id", "kind" FROM "Activity"`).all()).toEqual([{ id: "a3", kind: "call" }]);
    expect(database.prepare(`SELECT "id", "caseId", "kind", "amountMinor", "currency", "sourceAmountMinor", "status", "paidOn", "note", "requestedById" FROM "Assistance" ORDER BY "id"`).all()).toEqual([
      { id: "activity-a1", caseId: "case-1", kind: "other", amountMinor: 4_500, currency: "EUR", sourceAmountMinor: 4_500, status: "paid", paidOn: "2026-10-05T09:00:00.000+00:00", note: "bus ticket", requestedById: "account-1" },
      { id: "activity-a2", caseId: "case-1", kind: "other", amountMinor: 0, currency: "EUR", sourceAmountMinor: 0, status: "paid", paidOn: "2026-10-05T09:00:00.000+00:00", note: "bus ticket", requestedById: "account-1" },
    ]);
    expect(database.prepare(`SELECT "assistanceId", "toStatus" FROM "AssistanceEvent" ORDER BY "assistanceId"`).all()).toEqual([
      { assistanceId: "activity-a1", toStatus: "paid" },
      { assistanceId: "activity-a2", toStatus: "paid" },
    ]);
    // Their source says where they came from, holds what they cost, and takes no new request.
    expect(database.prepare(`SELECT "name", "currency", "budgetMinor", "active" FROM "FundingSource"`).all()).toEqual([{ name: "Payments recorded as activities", currency: "EUR", budgetMinor: 4_500, active: 0 }]);
    const columns = (database.prepare(`PRAGMA table_info("Activity")`).all() as { name: string }[]).map((column) => column.name);
    expect(columns).not.toContain("amountMinor");
    database.close();
  });

  it("adds no funding source where there was no payment", () => {
    const database = databaseBeforeTheMove("no-payments");
    database.exec(activity("a3", "call", null, null));
    database.exec(script(MOVING));
    expect(database.prepare(`SELECT count(*) AS "n" FROM "FundingSource"`).get()).toEqual({ n: 0 });
    expect(database.prepare(`SELECT count(*) AS "n" FROM "Activity"`).get()).toEqual({ n: 1 });
    database.close();
  });
});
