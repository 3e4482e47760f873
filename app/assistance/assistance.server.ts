// Practical support on a case (issue 19): a caseworker requests money or things in kind from a
// funding source; up to the source's threshold the request stands approved, above it a coordinator
// approves or rejects it, never their own; a coordinator records the payment. Every step is an
// event with who, when and why, and an audit entry; every change carries the record's version.
// Amounts are counted against the source's budget in its own currency, at the rates people enter.
import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/policy";
import { caseScope, mayDecideAssistance } from "~/auth/policy";
import type { AssistanceKind, AssistanceStatus, PayeeKind } from "~/db/generated/enums";
import { db, type Tx } from "~/db/client.server";
import { foundOr404 } from "~/http/not-found";
import type { MessageKey } from "~/i18n/catalogue";
import { convert } from "./money";

type Viewer = Actor & { sessionRef: string };
export type AssistanceChange = { ok: true; id: string; status: AssistanceStatus } | { ok: false; field: string; problem: MessageKey; status: 400 | 409 };

export type AssistanceRequest = {
  kind: AssistanceKind;
  amountMinor: number;
  currency: string;
  fundingSourceId: string;
  payeeKind: PayeeKind;
  payeeReference: string;
  note: string;
  trackId?: string | undefined;
  goalId?: string | undefined;
  /** Units of the source's currency for one of `currency`; needed when the two differ. */
  rate?: string | undefined;
};

const refused = (field: string, problem: MessageKey, status: 400 | 409 = 400): AssistanceChange => ({ ok: false, field, problem, status });

/** What a source has: its budget, what approved and paid records take of it, and what is left (its currency). */
export async function budgetOf(sourceId: string, tx: Tx = db()): Promise<{ budgetMinor: number; committedMinor: number; remainderMinor: number; currency: string }> {
  const source = foundOr404(await tx.fundingSource.findUnique({ where: { id: sourceId }, select: { budgetMinor: true, currency: true } }));
  const { _sum } = await tx.assistance.aggregate({ where: { fundingSourceId: sourceId, status: { in: ["approved", "paid"] } }, _sum: { sourceAmountMinor: true } });
  const committedMinor = _sum.sourceAmountMinor ?? 0;
  return { budgetMinor: source.budgetMinor, committedMinor, remainderMinor: source.budgetMinor - committedMinor, currency: source.currency };
}

export async function requestAssistance(viewer: Viewer, caseId: string, input: AssistanceRequest): Promise<AssistanceChange> {
  return db().$transaction(async (tx) => {
    const found = foundOr404(await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseScope(viewer)] }, select: { id: true, personId: true, status: true } }));
    if (found.status === "closed") return refused("form", "assistance.caseClosed");
    const source = await tx.fundingSource.findFirst({ where: { id: input.fundingSourceId, active: true } });
    if (!source) return refused("fundingSourceId", "assistance.sourceRequired");
    if (input.currency !== source.currency && !input.rate) return refused("rate", "assistance.rateRequired");
    const sourceAmountMinor = convert(input.amountMinor, input.currency, source.currency, input.rate ?? "1");
    const { remainderMinor } = await budgetOf(source.id, tx);
    // Up to the threshold the caseworker's request is enough; above it, a coordinator decides.
    const status: AssistanceStatus = sourceAmountMinor <= source.approvalThresholdMinor ? "approved" : "requested";
    const now = new Date();
    const record = await tx.assistance.create({
      data: {
        caseId: found.id,
        fundingSourceId: source.id,
        kind: input.kind,
        amountMinor: input.amountMinor,
        currency: input.currency,
        sourceAmountMinor,
        rate: input.currency === source.currency ? null : input.rate!,
        trackId: input.trackId ?? source.trackId,
        goalId: input.goalId ?? null,
        payeeKind: input.payeeKind,
        payeeReference: input.payeeReference,
        note: input.note,
        status,
        overBudget: sourceAmountMinor > remainderMinor,
        requestedById: viewer.accountId,
        decidedAt: status === "approved" ? now : null,
        events: {
          create: [
            { toStatus: "requested", actorId: viewer.accountId, at: now, note: input.note },
            ...(status === "approved" ? [{ toStatus: "approved" as const, actorId: null, at: new Date(now.getTime() + 1), note: "" }] : []),
          ],
        },
      },
    });
    await recordAudit(tx, { action: "assistance.request", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "assistance", entityId: record.id, personId: found.personId });
    return { ok: true, id: record.id, status };
  });
}

/** The record for a change: in the viewer's cases, at the version the form was made from. */
async function forChange(tx: Tx, viewer: Viewer, id: string) {
  return foundOr404(
    await tx.assistance.findFirst({
      where: { AND: [{ id }, { case: caseScope(viewer) }] },
      include: { fundingSource: { select: { currency: true } }, case: { select: { personId: true } } },
    }),
  );
}

async function step(tx: Tx, viewer: Viewer, record: { id: string; version: number; case: { personId: string } }, toStatus: AssistanceStatus, note: string, data: object, action: "assistance.approve" | "assistance.reject" | "assistance.pay" | "assistance.cancel") {
  // The version in the condition: a second change made from the same page finds nothing to change.
  const { count } = await tx.assistance.updateMany({ where: { id: record.id, version: record.version }, data: { ...data, status: toStatus, version: { increment: 1 } } });
  if (count === 0) return false;
  await tx.assistanceEvent.create({ data: { assistanceId: record.id, toStatus, note, actorId: viewer.accountId } });
  await recordAudit(tx, { action, actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "assistance", entityId: record.id, personId: record.case.personId });
  return true;
}

/** A coordinator approves or rejects a request (with a reason); never one they made. */
export async function decideAssistance(viewer: Viewer, id: string, decision: { approve: boolean; version: number; note: string }): Promise<AssistanceChange> {
  if (!mayDecideAssistance(viewer)) throw foundOr404(null);
  return db().$transaction(async (tx) => {
    const record = await forChange(tx, viewer, id);
    if (record.version !== decision.version) return refused("form", "form.stale", 409);
    if (record.status !== "requested") return refused("form", "assistance.notRequested");
    if (record.requestedById === viewer.accountId) return refused("form", "assistance.ownRequest");
    if (!decision.approve && !decision.note) return refused("note", "assistance.reasonRequired");
    const toStatus = decision.approve ? "approved" : "rejected";
    const changed = await step(tx, viewer, record, toStatus, decision.note, { approvedById: decision.approve ? viewer.accountId : null, decidedAt: new Date() }, decision.approve ? "assistance.approve" : "assistance.reject");
    return changed ? { ok: true, id, status: toStatus } : refused("form", "form.stale", 409);
  });
}

export type Payment = { version: number; paidOn: Date; method: string; receiptReference: string; rate?: string | undefined; note: string };

/** A coordinator records the payment of an approved record; in another currency, at the rate it was paid at. */
export async function payAssistance(viewer: Viewer, id: string, payment: Payment): Promise<AssistanceChange> {
  if (!mayDecideAssistance(viewer)) throw foundOr404(null);
  return db().$transaction(async (tx) => {
    const record = await forChange(tx, viewer, id);
    if (record.version !== payment.version) return refused("form", "form.stale", 409);
    if (record.status !== "approved") return refused("form", "assistance.notApproved");
    const foreign = record.currency !== record.fundingSource.currency;
    if (foreign && !payment.rate) return refused("rate", "assistance.rateRequired");
    const rate = foreign ? payment.rate! : null;
    const data = { paidOn: payment.paidOn, paidMethod: payment.method, receiptReference: payment.receiptReference || null, ...(rate ? { rate, sourceAmountMinor: convert(record.amountMinor, record.currency, record.fundingSource.currency, rate) } : {}) };
    const changed = await step(tx, viewer, record, "paid", payment.note, data, "assistance.pay");
    return changed ? { ok: true, id, status: "paid" } : refused("form", "form.stale", 409);
  });
}

/** The requester, or a coordinator, cancels a record not yet paid. */
export async function cancelAssistance(viewer: Viewer, id: string, change: { version: number; note: string }): Promise<AssistanceChange> {
  return db().$transaction(async (tx) => {
    const record = await forChange(tx, viewer, id);
    if (record.version !== change.version) return refused("form", "form.stale", 409);
    if (record.requestedById !== viewer.accountId && !mayDecideAssistance(viewer)) throw foundOr404(null);
    if (record.status !== "requested" && record.status !== "approved") return refused("form", "assistance.notOpen");
    const changed = await step(tx, viewer, record, "cancelled", change.note, {}, "assistance.cancel");
    return changed ? { ok: true, id, status: "cancelled" } : refused("form", "form.stale", 409);
  });
}
