// Practical support (issue 19), its first part: requests, four-eyes approval, payment, stale
// edits, budgets in the source's currency at the rates entered, and amounts shown with each
// currency's own digits in be/ru/en.
import { beforeEach, describe, expect, it } from "vitest";
import { budgetOf, cancelAssistance, decideAssistance, payAssistance, requestAssistance, type AssistanceRequest } from "~/assistance/assistance.server";
import { convert, digitsOf, moneyText, parseAmount } from "~/assistance/money";
import { db } from "~/db/client.server";
import { confirmErasure } from "~/persons/erasure.server";
import { viewerOf } from "../fixtures/accounts";
import { makeWorld, type World } from "../fixtures/world";

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
});
