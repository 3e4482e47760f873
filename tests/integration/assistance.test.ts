// Practical support (issue 19), its first part: requests, four-eyes approval, payment, stale
// edits, budgets in the source's currency at the rates entered, and amounts shown with each
// currency's own digits in be/ru/en.
import { beforeEach, describe, expect, it } from "vitest";
import { supportLedger, supportSections } from "~/assistance/assistance-report.server";
import { answerSupportForm, assistanceQueue, budgetOf, cancelAssistance, decideAssistance, payAssistance, requestAssistance, supportForPerson, type AssistanceRequest } from "~/assistance/assistance.server";
import { convert, digitsOf, moneyText, parseAmount } from "~/assistance/money";
import { db } from "~/db/client.server";
import { translator } from "~/i18n/catalogue";
import { periodFrom } from "~/reports/period";
import { confirmErasure } from "~/persons/erasure.server";
import { viewCase } from "~/cases/cases.server";
import { viewerOf } from "../fixtures/accounts";
import { makeWorld, type World } from "../fixtures/world";
import { generateDemoData } from "../../prisma/demo-data/generate";
import { writeDemoData } from "../../prisma/demo-data/write";

let world: World;
let sourceId: string;
beforeEach(async () => {
  world = await makeWorld();
  // A grant of 5,000.00 EUR; above 200.00 EUR a coordinator decides.
  const source = await db().fundingSource.create({
    data: { name: "Relocation grant 2026", currency: "EUR", startsOn: new Date("2026-01-01"), endsOn: new Date("2026-12-31"), budgetMinor: 500_000, approvalThresholdMinor: 20_000 },
  });
  sourceId = source.id;
});

const travel = (amountMinor: number, more: Partial<AssistanceRequest> = {}): AssistanceRequest => ({
  kind: "travel",
  amountMinor,
  currency: "EUR",
  fundingSourceId: sourceId,
  payeeKind: "carrier",
  payeeReference: "bus ticket",
  note: "Vilnius to Warsaw",
  ...more,
});

/** The cells of a CSV whose every cell is quoted (app/http/csv.ts), line by line. */
function csvRows(text: string): string[][] {
  return text
    .trimEnd()
    .split("\r\n")
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1]!.replace(/""/g, '"')));
}

const YEAR_2026 = periodFrom(new URLSearchParams({ period: "range", from: "2026-01-01", to: "2026-12-31" }), "2026-12-03").period;

describe("practical support", () => {
  it("stands approved up to the threshold; above it needs a coordinator who did not ask for it, and is paid only once approved", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const coordinator = viewerOf(world.accounts.coordinator);
    const admin = viewerOf(world.accounts.admin);
    expect(await requestAssistance(caseworker, world.caseOne.id, travel(8_000))).toMatchObject({ ok: true, status: "approved" });

    const lodging = await requestAssistance(caseworker, world.caseOne.id, travel(45_000, { kind: "lodging", payeeKind: "landlord", payeeReference: "two weeks" }));
    if (!lodging.ok) throw new Error("requested");
    expect(lodging.status).toBe("requested");
    // Not payable before it is approved; a caseworker may not decide at all.
    expect(await payAssistance(coordinator, lodging.id, { version: 1, paidOn: new Date(), method: "transfer", receiptReference: "", note: "" })).toMatchObject({ ok: false, problem: "assistance.notApproved" });
    await expect(decideAssistance(caseworker, lodging.id, { approve: true, version: 1, note: "" })).rejects.toMatchObject({ status: 404 });

    // The coordinator's own request: another coordinator (here the admin) decides it, never they.
    const own = await requestAssistance(coordinator, world.caseOne.id, travel(30_000));
    if (!own.ok) throw new Error("requested");
    expect(await decideAssistance(coordinator, own.id, { approve: true, version: 1, note: "" })).toEqual({ ok: false, field: "form", problem: "assistance.ownRequest", status: 400 });
    expect(await decideAssistance(admin, own.id, { approve: true, version: 1, note: "" })).toMatchObject({ ok: true, status: "approved" });

    // A rejection needs its reason.
    expect(await decideAssistance(coordinator, lodging.id, { approve: false, version: 1, note: "" })).toMatchObject({ ok: false, field: "note", problem: "assistance.reasonRequired" });
    expect(await decideAssistance(coordinator, lodging.id, { approve: true, version: 1, note: "Agreed on the phone" })).toMatchObject({ ok: true, status: "approved" });
    expect(await payAssistance(coordinator, lodging.id, { version: 2, paidOn: new Date("2026-12-03"), method: "transfer", receiptReference: "INV-77", note: "" })).toMatchObject({ ok: true, status: "paid" });

    const events = await db().assistanceEvent.findMany({ where: { assistanceId: lodging.id }, orderBy: { at: "asc" } });
    expect(events.map((event) => [event.toStatus, event.actorId])).toEqual([
      ["requested", world.accounts.caseworker.id],
      ["approved", world.accounts.coordinator.id],
      ["paid", world.accounts.coordinator.id],
    ]);
    expect(await db().auditEvent.count({ where: { entityType: "assistance", entityId: lodging.id } })).toBe(3);
  });

  it("shows a case's support on its page with the source, the receipt and each step by whom, oldest first, on either database", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const coordinator = viewerOf(world.accounts.coordinator);
    const small = await requestAssistance(caseworker, world.caseOne.id, travel(8_000));
    const lodging = await requestAssistance(caseworker, world.caseOne.id, travel(45_000, { kind: "lodging", payeeKind: "landlord", payeeReference: "two weeks" }));
    if (!small.ok || !lodging.ok) throw new Error("requested");
    expect(await decideAssistance(coordinator, lodging.id, { approve: true, version: 1, note: "Agreed on the phone" })).toMatchObject({ ok: true });
    expect(await payAssistance(coordinator, lodging.id, { version: 2, paidOn: new Date("2026-12-03"), method: "transfer", receiptReference: "INV-77", note: "" })).toMatchObject({ ok: true });
    const receipt = await db().document.create({
      data: { caseId: world.caseOne.id, personId: world.personOne.id, kind: "other", title: "Landlord's receipt", mediaType: "application/pdf", size: 10, storageName: "receipt-test", wrappedKey: "-" },
    });
    await db().assistance.update({ where: { id: lodging.id }, data: { receiptDocumentId: receipt.id } });

    const found = await viewCase(caseworker, world.caseOne.id);
    expect(found.support.map((record) => [record.id, record.kind, record.status, record.amountMinor, record.currency, record.sourceAmountMinor, record.overBudget])).toEqual([
      [small.id, "travel", "approved", 8_000, "EUR", 8_000, false],
      [lodging.id, "lodging", "paid", 45_000, "EUR", 45_000, false],
    ]);
    const paid = found.support[1]!;
    expect(paid).toMatchObject({ fundingSource: { name: "Relocation grant 2026", currency: "EUR" }, receiptDocument: { id: receipt.id, title: "Landlord's receipt" }, paidOn: "2026-12-03", version: 3 });
    expect(found.support[0]!.receiptDocument).toBeNull();
    expect(paid.events.map((event) => [event.toStatus, event.author, event.note])).toEqual([
      ["requested", world.accounts.caseworker.displayName, "Vilnius to Warsaw"],
      ["approved", world.accounts.coordinator.displayName, "Agreed on the phone"],
      ["paid", world.accounts.coordinator.displayName, ""],
    ]);
    expect(paid.events.every((event) => !Number.isNaN(Date.parse(event.at)))).toBe(true);
  });

  it("shows the person the support approved or paid for them, newest first, and nothing asked, refused or another person's", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const coordinator = viewerOf(world.accounts.coordinator);
    const ticket = await requestAssistance(caseworker, world.caseOne.id, travel(8_000));
    const lodging = await requestAssistance(caseworker, world.caseOne.id, travel(45_000, { kind: "lodging", payeeKind: "landlord", payeeReference: "two weeks" }));
    const refused = await requestAssistance(caseworker, world.caseOne.id, travel(30_000));
    const waiting = await requestAssistance(caseworker, world.caseOne.id, travel(25_000));
    const theirs = await requestAssistance(coordinator, world.caseTwo.id, travel(5_000));
    if (!ticket.ok || !lodging.ok || !refused.ok || !waiting.ok || !theirs.ok) throw new Error("requested");
    expect(await decideAssistance(coordinator, lodging.id, { approve: true, version: 1, note: "" })).toMatchObject({ ok: true });
    expect(await payAssistance(coordinator, lodging.id, { version: 2, paidOn: new Date("2026-12-03"), method: "transfer", receiptReference: "", note: "" })).toMatchObject({ ok: true });
    expect(await decideAssistance(coordinator, refused.id, { approve: false, version: 1, note: "Not this time" })).toMatchObject({ ok: true });
    // Made a moment apart, so that "newest first" has an order to keep.
    await db().assistance.update({ where: { id: ticket.id }, data: { createdAt: new Date("2026-11-01T10:00:00Z") } });
    await db().assistance.update({ where: { id: lodging.id }, data: { createdAt: new Date("2026-11-02T10:00:00Z") } });

    const shown = await supportForPerson(world.personOne.id);
    expect(shown.map((record) => [record.id, record.kind, record.status, record.amountMinor, record.paidOn])).toEqual([
      [lodging.id, "lodging", "paid", 45_000, "2026-12-03"],
      [ticket.id, "travel", "approved", 8_000, null],
    ]);
    expect(shown.every((record) => /^\d{4}-\d{2}-\d{2}$/.test(record.approvedOn))).toBe(true);
  });

  it("queues the requests to decide before the approved support to pay, each oldest first, on either database", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const approvedFirst = await requestAssistance(caseworker, world.caseOne.id, travel(5_000));
    const requestedFirst = await requestAssistance(caseworker, world.caseOne.id, travel(50_000));
    const approvedLater = await requestAssistance(caseworker, world.caseOne.id, travel(6_000));
    const requestedLater = await requestAssistance(caseworker, world.caseOne.id, travel(60_000));
    // Days apart, so that the order cannot rest on which came first within a millisecond.
    for (const [day, made] of [approvedFirst, requestedFirst, approvedLater, requestedLater].entries()) {
      if (made.ok) await db().assistance.update({ where: { id: made.id }, data: { createdAt: new Date(Date.UTC(2026, 10, 1 + day)) } });
    }
    const ids = [requestedFirst, requestedLater, approvedFirst, approvedLater].map((made) => (made.ok ? made.id : "refused"));
    const queue = await assistanceQueue(viewerOf(world.accounts.coordinator));
    expect(queue.records.map((one) => one.id)).toEqual(ids);
    expect(queue.records.map((one) => one.status)).toEqual(["requested", "requested", "approved", "approved"]);
    // Cut at the limit, the requests come first.
    expect((await assistanceQueue(viewerOf(world.accounts.coordinator), 3)).records.map((one) => one.id)).toEqual(ids.slice(0, 3));
  });

  it("refuses a change made from a page that is out of date", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const coordinator = viewerOf(world.accounts.coordinator);
    const made = await requestAssistance(caseworker, world.caseOne.id, travel(50_000));
    if (!made.ok) throw new Error("requested");
    expect(await decideAssistance(coordinator, made.id, { approve: true, version: 1, note: "" })).toMatchObject({ ok: true });
    // The same form sent again, or a second coordinator's page from before: version 1 is gone.
    expect(await decideAssistance(coordinator, made.id, { approve: false, version: 1, note: "No" })).toEqual({ ok: false, field: "form", problem: "form.stale", status: 409 });
    expect(await cancelAssistance(caseworker, made.id, { version: 1, note: "" })).toMatchObject({ ok: false, problem: "form.stale" });
    expect(await cancelAssistance(caseworker, made.id, { version: 2, note: "Not needed" })).toMatchObject({ ok: true, status: "cancelled" });
    // Another caseworker's case is not found at all.
    await expect(requestAssistance(viewerOf(world.accounts.otherCaseworker), world.caseOne.id, travel(100))).rejects.toMatchObject({ status: 404 });
  });

  it("counts approved and paid amounts against the budget in the source's currency, at the rates entered", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const coordinator = viewerOf(world.accounts.coordinator);
    // 430.00 PLN at 0.2325 EUR a złoty = 99.98 EUR (rounded half up from 99.975): within the threshold.
    const inZloty = await requestAssistance(caseworker, world.caseOne.id, travel(43_000, { currency: "PLN", rate: "0.2325" }));
    expect(inZloty).toMatchObject({ ok: true, status: "approved" });
    // A foreign amount without a rate is refused by the rate field.
    expect(await requestAssistance(caseworker, world.caseOne.id, travel(43_000, { currency: "PLN" }))).toMatchObject({ ok: false, field: "rate", problem: "assistance.rateRequired" });
    // 60,000 yen at 0.0061 EUR a yen = 366.00 EUR: a coordinator approves; paid at 0.0062 = 372.00 EUR.
    const inYen = await requestAssistance(caseworker, world.caseOne.id, travel(60_000, { currency: "JPY", rate: "0.0061", kind: "medical", payeeKind: "clinic" }));
    if (!inYen.ok) throw new Error("requested");
    expect(await budgetOf(sourceId)).toEqual({ budgetMinor: 500_000, committedMinor: 9_998, remainderMinor: 490_002, currency: "EUR" });
    await decideAssistance(coordinator, inYen.id, { approve: true, version: 1, note: "" });
    expect((await budgetOf(sourceId)).remainderMinor).toBe(500_000 - 9_998 - 36_600);
    await payAssistance(coordinator, inYen.id, { version: 2, paidOn: new Date(), method: "card", receiptReference: "", rate: "0.0062", note: "" });
    const paid = await db().assistance.findUniqueOrThrow({ where: { id: inYen.id } });
    // Both amounts kept: what was paid, in yen, and what it took of the grant, in euros.
    expect([paid.amountMinor, paid.currency, paid.sourceAmountMinor, paid.rate]).toEqual([60_000, "JPY", 37_200, "0.0062"]);
    // Rejected and cancelled records take nothing; the remainder is the budget minus the SQL sum.
    const rejected = await requestAssistance(caseworker, world.caseOne.id, travel(90_000));
    if (!rejected.ok) throw new Error("requested");
    await decideAssistance(coordinator, rejected.id, { approve: false, version: 1, note: "Another fund pays this" });
    const [summed] = await db().$queryRaw<{ sum: bigint }[]>`SELECT sum("sourceAmountMinor") AS "sum" FROM "Assistance" WHERE "fundingSourceId" = ${sourceId} AND "status" IN ('approved', 'paid')`;
    expect((await budgetOf(sourceId)).remainderMinor).toBe(500_000 - Number(summed!.sum));
    expect((await budgetOf(sourceId)).remainderMinor).toBe(500_000 - 9_998 - 37_200);
    // A request beyond what is left is marked for the coordinator.
    const tooMuch = await requestAssistance(caseworker, world.caseOne.id, travel(600_000));
    if (!tooMuch.ok) throw new Error("requested");
    expect((await db().assistance.findUniqueOrThrow({ where: { id: tooMuch.id } })).overBudget).toBe(true);
  });

  it("keeps each source's totals equal to the SQL sums through every step, a case's deletion and the demo generator's writes", async () => {
    /** Each source's kept totals beside the same three figures summed in SQL from the records. */
    const keptAndSummed = async () => {
      const kept = await db().fundingSource.findMany({ orderBy: { id: "asc" }, select: { id: true, committedMinor: true, committedCount: true, paidMinor: true } });
      const summed = await db().$queryRaw<{ id: string; committed: bigint | null; count: bigint; paid: bigint | null }[]>`SELECT "FundingSource"."id",
          (SELECT sum("sourceAmountMinor") FROM "Assistance" WHERE "fundingSourceId" = "FundingSource"."id" AND "status" IN ('approved', 'paid')) AS "committed",
          (SELECT count(*) FROM "Assistance" WHERE "fundingSourceId" = "FundingSource"."id" AND "status" IN ('approved', 'paid')) AS "count",
          (SELECT sum("sourceAmountMinor") FROM "Assistance" WHERE "fundingSourceId" = "FundingSource"."id" AND "status" = 'paid') AS "paid"
        FROM "FundingSource" ORDER BY "FundingSource"."id"`;
      return [kept, summed.map((row) => ({ id: row.id, committedMinor: Number(row.committed ?? 0), committedCount: Number(row.count), paidMinor: Number(row.paid ?? 0) }))] as const;
    };
    const caseworker = viewerOf(world.accounts.caseworker);
    const coordinator = viewerOf(world.accounts.coordinator);
    const small = await requestAssistance(caseworker, world.caseOne.id, travel(8_000));
    const large = await requestAssistance(viewerOf(world.accounts.otherCaseworker), world.caseTwo.id, travel(45_000, { currency: "PLN", rate: "0.25" }));
    const refused = await requestAssistance(caseworker, world.caseOne.id, travel(30_000));
    if (!small.ok || !large.ok || !refused.ok) throw new Error("requested");
    expect([small.status, large.status, refused.status]).toEqual(["approved", "approved", "requested"]);
    expect(await decideAssistance(coordinator, refused.id, { approve: false, version: 1, note: "Another fund pays this" })).toMatchObject({ ok: true });
    // Paid at another rate than asked: the source's share changes with it.
    expect(await payAssistance(coordinator, large.id, { version: 1, paidOn: new Date(), method: "transfer", receiptReference: "", rate: "0.26", note: "" })).toMatchObject({ ok: true });
    expect(await cancelAssistance(caseworker, small.id, { version: 1, note: "Not needed" })).toMatchObject({ ok: true });
    const [kept, summed] = await keptAndSummed();
    expect(kept).toEqual(summed);
    expect(kept.find((source) => source.id === sourceId)).toEqual({ id: sourceId, committedMinor: 11_700, committedCount: 1, paidMinor: 11_700 });
    // A case deleted (its records go with it) takes its amounts with it.
    await db().case.delete({ where: { id: world.caseTwo.id } });
    const [afterDelete, summedAfterDelete] = await keptAndSummed();
    expect(afterDelete).toEqual(summedAfterDelete);
    expect(afterDelete.find((source) => source.id === sourceId)?.committedMinor).toBe(0);
    // The demo generator writes its records straight into the tables: the triggers count them too
    // (beside this world, whose one track would take the demo's "medical" key).
    await db().supportTrack.update({ where: { id: world.track.id }, data: { key: "world-medical" } });
    await writeDemoData(db(), generateDemoData({ persons: 60, seed: 5, passwordHash: "not-a-real-hash", totpSecret: "JBSWY3DPEHPK3PXP", today: new Date("2026-12-01T12:00:00Z") }));
    const [withDemo, summedWithDemo] = await keptAndSummed();
    expect(withDemo).toEqual(summedWithDemo);
    expect(withDemo.some((source) => source.paidMinor > 0 && source.id !== sourceId)).toBe(true);
  }, 60_000);

  it("keeps the amounts through the person's erasure, without the words", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const made = await requestAssistance(caseworker, world.caseOne.id, travel(8_000, { note: "For Hanna's mother, Vilnius", payeeReference: "Hanna S." }));
    if (!made.ok) throw new Error("requested");
    const before = await budgetOf(sourceId);
    const request = await db().erasureRequest.create({ data: { personId: world.personOne.id } });
    expect(await confirmErasure(viewerOf(world.accounts.coordinator), request.id, "AC-ONE1-ONE1")).toEqual({ ok: true });
    expect(await budgetOf(sourceId)).toEqual(before);
    const kept = await db().assistance.findUniqueOrThrow({ where: { id: made.id }, include: { events: true } });
    expect([kept.amountMinor, kept.status, kept.note, kept.payeeReference]).toEqual([8_000, "approved", "", ""]);
    expect(kept.events.map((event) => event.note)).toEqual(["", ""]);
  });

  it("writes amounts with each currency's own digits, in be, ru and en", () => {
    expect([digitsOf("EUR"), digitsOf("PLN"), digitsOf("JPY")]).toEqual([2, 2, 0]);
    const text = (amount: number, currency: string, locale: string) => moneyText(amount, currency, locale).replace(/[\u00a0\u202f]/g, " ");
    expect(text(123_456, "EUR", "en")).toBe("€1,234.56");
    expect(text(123_456, "PLN", "en")).toBe("PLN 1,234.56");
    expect(text(123_456, "JPY", "en")).toBe("¥123,456");
    expect(text(123_456, "EUR", "ru")).toBe("1 234,56 €");
    expect(text(123_456, "JPY", "ru")).toBe("123 456 ¥");
    // Belarusian groups thousands only from five digits on (CLDR), as a Belarusian reader writes them.
    expect(text(123_456, "PLN", "be")).toBe("1234,56 PLN");
    expect(text(12_345_678, "PLN", "be")).toBe("123 456,78 PLN");
    expect(text(123_456, "JPY", "be")).toMatch(/^123 456 (JPY|¥)$/);
    // Typed amounts: as many digits after the point as the currency has, no more.
    expect([parseAmount("12,5", "EUR"), parseAmount("1 234.56", "PLN"), parseAmount("1000", "JPY"), parseAmount("10.5", "JPY"), parseAmount("1.234", "EUR")]).toEqual([1_250, 123_456, 1_000, null, null]);
    // 10.00 EUR at 162.5 yen a euro: 1,625 yen (no minor unit).
    expect(convert(1_000, "EUR", "JPY", "162.5")).toBe(1_625);
  });

  it("gives the accountant a ledger by case code, never a name, guarded against formulas, whose sums are the database's, before and after an erasure", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const coordinator = viewerOf(world.accounts.coordinator);
    // A source whose name a spreadsheet would run as a formula.
    const formula = await db().fundingSource.create({
      data: { name: '=HYPERLINK("http://x")', currency: "PLN", startsOn: new Date("2026-01-01"), endsOn: new Date("2026-12-31"), budgetMinor: 1_000_000, approvalThresholdMinor: 100_000 },
    });
    const paidOn = new Date("2026-12-02T12:00:00Z");
    const made = [
      await requestAssistance(caseworker, world.caseOne.id, travel(8_000, { note: "For Hanna's mother", payeeReference: "Hanna S." })),
      await requestAssistance(caseworker, world.caseOne.id, travel(12_050, { kind: "lodging", payeeKind: "landlord" })),
      await requestAssistance(caseworker, world.caseOne.id, travel(43_000, { currency: "PLN", fundingSourceId: formula.id, kind: "medical", payeeKind: "clinic" })),
    ];
    for (const one of made) {
      if (!one.ok) throw new Error("requested");
      expect(await payAssistance(coordinator, one.id, { version: 1, paidOn, method: "cash", receiptReference: "+48 R-1", note: "" })).toMatchObject({ ok: true });
    }
    const person = await db().person.findUniqueOrThrow({ where: { id: world.personOne.id } });
    const ledger = async () => csvRows((await supportLedger(coordinator, YEAR_2026))!);
    const sqlSums = async () =>
      Object.fromEntries(
        (await db().$queryRaw<{ source: string; sum: bigint }[]>`SELECT "FundingSource"."name" AS "source", sum("sourceAmountMinor") AS "sum" FROM "Assistance"
          JOIN "FundingSource" ON "FundingSource"."id" = "Assistance"."fundingSourceId" WHERE "status" = 'paid' GROUP BY "FundingSource"."name"`).map((row) => [row.source, Number(row.sum)]),
      );
    /** The ledger's paid amounts per source, in minor units, from its own columns. */
    const ledgerSums = (rows: string[][]) => {
      const [head, ...lines] = rows;
      const column = (name: string) => head!.indexOf(name);
      const sums: Record<string, number> = {};
      for (const line of lines.filter((cells) => cells[column("status")] === "paid")) {
        const source = line[column("funding_source")]!.replace(/^'/, "");
        sums[source] = (sums[source] ?? 0) + Math.round(Number(line[column("source_amount")]) * 100);
      }
      return sums;
    };

    const before = await ledger();
    const text = before.flat().join("\n");
    expect(before[0]).toContain("case_code");
    expect(before.slice(1).map((line) => line[1])).toEqual([person.caseCode, person.caseCode, person.caseCode]);
    for (const word of [person.preferredName, person.fullName!, "Hanna", "mother"]) expect(text).not.toContain(word);
    // The formula guard: a leading = or + is written after a ', so a spreadsheet shows it as text.
    expect(before.slice(1).map((line) => line[5])).toContain(`'=HYPERLINK("http://x")`);
    expect(before.slice(1).every((line) => line[16] === "'+48 R-1")).toBe(true);
    expect(ledgerSums(before)).toEqual(await sqlSums());
    expect(await db().auditEvent.count({ where: { action: "assistance.export", actorId: world.accounts.coordinator.id } })).toBe(1);
    // A caseworker reads no ledger of the organisation.
    expect(await supportLedger(caseworker, YEAR_2026)).toBeNull();

    const request = await db().erasureRequest.create({ data: { personId: world.personOne.id } });
    expect(await confirmErasure(coordinator, request.id, "AC-ONE1-ONE1")).toEqual({ ok: true });
    const after = await ledger();
    expect(after.flat().join("\n")).not.toContain(person.caseCode);
    expect(after.slice(1).map((line) => line[1])).toEqual(["", "", ""]);
    expect(ledgerSums(after)).toEqual(ledgerSums(before));
    expect(await sqlSums()).toEqual(ledgerSums(before));
  });

  it("withholds a report's sums over fewer payments than the threshold", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const coordinator = viewerOf(world.accounts.coordinator);
    const paidOn = new Date("2026-12-02T12:00:00Z");
    for (let i = 0; i < 6; i++) {
      const one = await requestAssistance(caseworker, world.caseOne.id, travel(1_000 + i, { kind: i < 5 ? "travel" : "goods", payeeKind: "carrier" }));
      if (!one.ok) throw new Error("requested");
      await payAssistance(coordinator, one.id, { version: 1, paidOn, method: "cash", receiptReference: "", note: "" });
    }
    const sections = await supportSections(coordinator, YEAR_2026, "en", translator("en"));
    const kinds = sections.find((section) => section.id === "support-kinds")!;
    // Five travel payments: shown, with their sum; one in kind: "fewer" and its sum withheld.
    expect(kinds.rows).toEqual([
      { label: "Things in kind (EUR)", cells: ["fewer", "withheld"] },
      { label: "Travel (EUR)", cells: [5, "€50.10"] },
    ]);
    const sources = sections.find((section) => section.id === "support-sources")!;
    expect(sources.rows[0]).toEqual({ label: "Relocation grant 2026", cells: ["€5,000.00", "€60.15", "€4,939.85", 6, "€60.15"] });
    // A caseworker's report holds their own caseload's payments, and no budget of the organisation's.
    expect((await supportSections(caseworker, YEAR_2026, "en", translator("en"))).map((section) => section.id)).toEqual(["support-kinds", "support-tracks"]);
  });

  it("reads the case page's forms: amounts typed in the currency's own way, refusals by field, decisions a coordinator's", async () => {
    const caseworker = viewerOf(world.accounts.caseworker);
    const coordinator = viewerOf(world.accounts.coordinator);
    const form = { kind: "lodging", currency: "PLN", fundingSourceId: sourceId, payeeKind: "landlord", payeeReference: "", note: "", trackId: "", goalId: "", rate: "0,2325" };
    expect(await answerSupportForm(caseworker, world.caseOne.id, "request-support", { ...form, amount: "12,345" })).toEqual({ ok: false, errors: { amount: "assistance.amountInvalid" }, status: 400 });
    expect(await answerSupportForm(caseworker, world.caseOne.id, "request-support", { ...form, amount: "100", currency: "EURO" })).toMatchObject({ ok: false, errors: { currency: "assistance.currencyInvalid" } });
    const made = await answerSupportForm(caseworker, world.caseOne.id, "request-support", { ...form, amount: "1 234,50" });
    if (!made.ok) throw new Error("requested");
    const record = await db().assistance.findUniqueOrThrow({ where: { id: made.id } });
    // 1,234.50 PLN at 0.2325 EUR a złoty = 287.02 EUR (287.02125 rounded): above the threshold.
    expect([record.amountMinor, record.currency, record.sourceAmountMinor, record.status]).toEqual([123_450, "PLN", 28_702, "requested"]);
    // The caseworker may not decide; their case's record is not there for them to decide.
    await expect(answerSupportForm(caseworker, world.caseOne.id, "decide-support", { assistanceId: made.id, version: "1", decision: "approve", note: "" })).rejects.toMatchObject({ status: 404 });
    // A record asked for on another case than the page's is not found.
    await expect(answerSupportForm(coordinator, world.caseTwo.id, "decide-support", { assistanceId: made.id, version: "1", decision: "approve", note: "" })).rejects.toMatchObject({ status: 404 });
    expect(await answerSupportForm(coordinator, world.caseOne.id, "decide-support", { assistanceId: made.id, version: "1", decision: "reject", note: "" })).toEqual({
      ok: false,
      errors: { note: "assistance.reasonRequired" },
      status: 400,
    });
    // The queue: the coordinator sees it, the case's caseworker too, another caseworker not.
    expect((await assistanceQueue(coordinator)).records.map((one) => one.id)).toEqual([made.id]);
    expect((await assistanceQueue(caseworker)).records.map((one) => one.id)).toEqual([made.id]);
    expect((await assistanceQueue(viewerOf(world.accounts.otherCaseworker))).total).toBe(0);
  });
});
