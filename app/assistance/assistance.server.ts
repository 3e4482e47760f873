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
import { read } from "~/db/read.server";
import { foundOr404 } from "~/http/not-found";
import type { MessageKey } from "~/i18n/catalogue";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { cancelForm, decideForm, payForm, requestForm } from "./assistance-forms";
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
  const { budgetMinor, committedMinor, currency } = foundOr404(await tx.fundingSource.findUnique({ where: { id: sourceId }, select: { budgetMinor: true, committedMinor: true, currency: true } }));
  return { budgetMinor, committedMinor, remainderMinor: budgetMinor - committedMinor, currency };
}

export async function requestAssistance(viewer: Viewer, caseId: string, input: AssistanceRequest): Promise<AssistanceChange> {
  return db().$transaction(async (tx) => {
    const found = foundOr404(await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseScope(viewer)] }, select: { id: true, personId: true, status: true } }));
    if (found.status === "closed") return refused("form", "assistance.caseClosed");
    const source = await tx.fundingSource.findFirst({ where: { id: input.fundingSourceId, active: true } });
    if (!source) return refused("fundingSourceId", "assistance.sourceRequired");
    if (input.currency !== source.currency && !input.rate) return refused("rate", "assistance.rateRequired");
    const sourceAmountMinor = convert(input.amountMinor, input.currency, source.currency, input.rate ?? "1");
    const remainderMinor = source.budgetMinor - source.committedMinor;
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

export type Payment = { version: number; paidOn: Date; method: string; receiptReference: string; receiptDocumentId?: string | undefined; rate?: string | undefined; note: string };

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
    // A scanned receipt is one of this case's documents, nothing else.
    if (payment.receiptDocumentId && !(await tx.document.count({ where: { id: payment.receiptDocumentId, caseId: record.caseId } })))
      return refused("receiptDocumentId", "assistance.receiptUnknown");
    const data = {
      paidOn: payment.paidOn,
      paidMethod: payment.method,
      receiptReference: payment.receiptReference || null,
      receiptDocumentId: payment.receiptDocumentId ?? null,
      ...(rate ? { rate, sourceAmountMinor: convert(record.amountMinor, record.currency, record.fundingSource.currency, rate) } : {}),
    };
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

/** The funding sources a request may draw on now, each with what it has left (its currency). */
export async function fundingChoices(tx: Tx = db()) {
  const sources = await tx.fundingSource.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, currency: true, budgetMinor: true, approvalThresholdMinor: true, trackId: true, committedMinor: true },
  });
  return sources.map(({ committedMinor, ...source }) => ({ ...source, remainderMinor: source.budgetMinor - committedMinor }));
}

/**
 * A case's support records, oldest first, with each step and who took it (the case is the
 * viewer's: viewCase checked). In SQL beside the case page's other reads (cases.server.ts): two
 * statements where Prisma's nested select sent five.
 */
export async function caseAssistance(caseId: string) {
  type Row = {
    id: string; kind: AssistanceKind; amountMinor: number; currency: string; sourceAmountMinor: number; rate: string | null; payeeKind: PayeeKind; payeeReference: string; note: string;
    status: AssistanceStatus; overBudget: number; requestedById: string | null; paidOn: string | null; paidMethod: string | null; receiptReference: string | null; version: number;
    createdAt: string; sourceName: string; sourceCurrency: string; receiptId: string | null; receiptTitle: string | null;
  };
  const records = await read<Row>`
    SELECT "Assistance"."id", "Assistance"."kind", "Assistance"."amountMinor", "Assistance"."currency", "Assistance"."sourceAmountMinor", "Assistance"."rate", "Assistance"."payeeKind",
      "Assistance"."payeeReference", "Assistance"."note", "Assistance"."status", "Assistance"."overBudget", "Assistance"."requestedById", "Assistance"."paidOn", "Assistance"."paidMethod",
      "Assistance"."receiptReference", "Assistance"."version", "Assistance"."createdAt", "FundingSource"."name" AS "sourceName", "FundingSource"."currency" AS "sourceCurrency",
      "Document"."id" AS "receiptId", "Document"."title" AS "receiptTitle"
    FROM "Assistance" JOIN "FundingSource" ON "FundingSource"."id" = "Assistance"."fundingSourceId" LEFT JOIN "Document" ON "Document"."id" = "Assistance"."receiptDocumentId"
    WHERE "Assistance"."caseId" = ${caseId} ORDER BY "Assistance"."createdAt", "Assistance"."id"`;
  const events = records.length
    ? await read<{ assistanceId: string; toStatus: AssistanceStatus; note: string; at: string; author: string | null }>`
      SELECT "AssistanceEvent"."assistanceId", "AssistanceEvent"."toStatus", "AssistanceEvent"."note", "AssistanceEvent"."at", "Account"."displayName" AS "author"
      FROM "AssistanceEvent" LEFT JOIN "Account" ON "Account"."id" = "AssistanceEvent"."actorId"
      WHERE "AssistanceEvent"."assistanceId" IN (${records.map((record) => record.id)}) ORDER BY "AssistanceEvent"."assistanceId", "AssistanceEvent"."at", "AssistanceEvent"."id"`
    : [];
  const eventsOf = new Map<string, typeof events>();
  for (const event of events) {
    const steps = eventsOf.get(event.assistanceId);
    if (steps) steps.push(event);
    else eventsOf.set(event.assistanceId, [event]);
  }
  return records.map(({ paidOn, createdAt, overBudget, version, sourceName, sourceCurrency, receiptId, receiptTitle, ...record }) => ({
    ...record,
    overBudget: Boolean(overBudget),
    version: Number(version),
    fundingSource: { name: sourceName, currency: sourceCurrency },
    receiptDocument: receiptId === null ? null : { id: receiptId, title: receiptTitle ?? "" },
    paidOn: paidOn === null ? null : new Date(paidOn).toISOString().slice(0, 10),
    createdAt: new Date(createdAt).toISOString(),
    events: (eventsOf.get(record.id) ?? []).map((event) => ({ toStatus: event.toStatus, note: event.note, at: new Date(event.at).toISOString(), author: event.author })),
  }));
}

/** What waits on a coordinator: requests to decide, then approved support to pay, oldest first, in the viewer's cases. */
export async function assistanceQueue(viewer: Actor, limit = 100) {
  const inScope = { case: { AND: [caseScope(viewer), { person: { erasedAt: null } }] } };
  // One status after the other: an order by status would differ between the databases (text on the file, the enum's order on PostgreSQL).
  const waiting = (status: AssistanceStatus, take: number) =>
    take <= 0
      ? []
      : db().assistance.findMany({
          where: { status, ...inScope },
          orderBy: { createdAt: "asc" },
          take,
          select: {
            id: true, caseId: true, kind: true, amountMinor: true, currency: true, sourceAmountMinor: true, status: true, overBudget: true, createdAt: true,
            fundingSource: { select: { name: true, currency: true } },
            case: { select: { person: { select: { caseCode: true } } } },
            requestedBy: { select: { displayName: true } },
          },
        });
  const [requested, total] = await Promise.all([waiting("requested", limit), db().assistance.count({ where: { status: { in: ["requested", "approved"] }, ...inScope } })]);
  const records = [...requested, ...(await waiting("approved", limit - requested.length))];
  return {
    total,
    records: records.map(({ case: found, requestedBy, createdAt, ...record }) => ({ ...record, caseCode: found.person.caseCode, requestedBy: requestedBy?.displayName ?? null, createdAt: createdAt.toISOString() })),
  };
}

/** What was approved and paid for the person, for their own space: kinds, amounts and days, no bookkeeping. */
export async function supportForPerson(personId: string) {
  // In SQL along the (caseId, createdAt) index, the states kept in code: a person has a few
  // records, and filtered by state in SQL the file read every approved and paid record of everyone
  // in order (250 ms at 200,000 persons).
  type Row = { id: string; kind: AssistanceKind; amountMinor: number; currency: string; status: AssistanceStatus; paidOn: string | null; decidedAt: string | null; createdAt: string };
  const records = await read<Row>`
    SELECT "id", "kind", "amountMinor", "currency", "status", "paidOn", "decidedAt", "createdAt" FROM "Assistance"
    WHERE "caseId" IN (SELECT "id" FROM "Case" WHERE "personId" = ${personId}) ORDER BY "createdAt" DESC, "id" DESC`;
  return records
    .filter((record) => record.status === "approved" || record.status === "paid")
    .map((record) => ({
      id: record.id,
      kind: record.kind,
      amountMinor: record.amountMinor,
      currency: record.currency,
      status: record.status,
      paidOn: record.paidOn === null ? null : new Date(record.paidOn).toISOString().slice(0, 10),
      approvedOn: new Date(record.decidedAt ?? record.createdAt).toISOString().slice(0, 10),
    }));
}

export const SUPPORT_INTENTS = ["request-support", "decide-support", "pay-support", "cancel-support"] as const;
export type SupportIntent = (typeof SUPPORT_INTENTS)[number];
type SupportAnswer = { ok: true; id: string } | { ok: false; errors: FieldErrors; status: 400 | 409 };

/** A support form of the case page, read and carried out: the record it changed, or why not (by field). */
export async function answerSupportForm(viewer: Viewer, caseId: string, intent: SupportIntent, values: Record<string, string>): Promise<SupportAnswer> {
  const invalid = (error: Parameters<typeof fieldErrors>[0]) => ({ ok: false, errors: fieldErrors(error), status: 400 }) as const;
  let result: AssistanceChange;
  if (intent === "request-support") {
    const parsed = requestForm.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    result = await requestAssistance(viewer, caseId, parsed.data);
  } else {
    // Deciding and paying are a coordinator's; to anyone else, and for a record of another case
    // than the page's, the record is not there.
    if (intent !== "cancel-support" && !mayDecideAssistance(viewer)) throw foundOr404(null);
    const record = foundOr404(await db().assistance.findFirst({ where: { id: values.assistanceId ?? "", caseId }, select: { id: true } }));
    if (intent === "decide-support") {
      const parsed = decideForm.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      result = await decideAssistance(viewer, record.id, { approve: parsed.data.decision === "approve", version: parsed.data.version, note: parsed.data.note });
    } else if (intent === "pay-support") {
      const parsed = payForm.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      result = await payAssistance(viewer, record.id, parsed.data);
    } else {
      const parsed = cancelForm.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      result = await cancelAssistance(viewer, record.id, parsed.data);
    }
  }
  return result.ok ? { ok: true, id: result.id } : { ok: false, errors: { [result.field]: result.problem }, status: result.status };
}
