// Erasure on request (PRODUCT.md): the person asks in their space, a coordinator confirms, and
// then everything that tells who the person is or what they said goes. What stays are rows
// without identity, so that reports count the same: that a request came, a case was opened,
// a referral went to a partner and how it ended, an activity of a kind on a day. The audit log
// keeps that an erasure happened (ids only, as always), not what was erased.
import { deleteDocumentFiles } from "~/documents/documents.server";
import { recordAudit } from "~/audit/audit.server";
import { mayConfirmErasure, ownErasureScope, ownPersonId } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db, type Tx } from "~/db/client.server";
import { queueNotice } from "~/email/outbox.server";
import { foundOr404, notFound } from "~/http/not-found";
import { OPEN_REFERRAL_STATUSES } from "~/referrals/referral-forms";
import { newCaseCode } from "~/persons/codes";


/** The person's erasure request waiting for a coordinator, if any. */
export async function myPendingErasure(viewer: Viewer) {
  return db().erasureRequest.findFirst({ where: { AND: [ownErasureScope(viewer), { status: "requested" }] }, select: { id: true, requestedAt: true } });
}

/** The person asks for erasure; coordinators are told by a neutral email. Asking twice is one request. */
export async function requestErasure(viewer: Viewer): Promise<void> {
  const personId = ownPersonId(viewer);
  if (!personId) throw notFound();
  await db().$transaction(async (tx) => {
    if (await tx.erasureRequest.findFirst({ where: { AND: [ownErasureScope(viewer), { status: "requested" }] }, select: { id: true } })) return;
    const request = await tx.erasureRequest.create({ data: { personId } });
    await recordAudit(tx, { action: "erasure.request", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "erasure_request", entityId: request.id, personId });
    const coordinators = await tx.account.findMany({ where: { role: "coordinator", status: "active" }, select: { id: true, email: true, locale: true } });
    for (const coordinator of coordinators) await queueNotice(tx, coordinator, "/staff/erasures");
  });
}

/** The person takes their request back while it waits. */
export async function cancelErasure(viewer: Viewer): Promise<void> {
  const pending = foundOr404(await myPendingErasure(viewer));
  await db().$transaction(async (tx) => {
    await tx.erasureRequest.update({ where: { id: pending.id }, data: { status: "cancelled", decidedAt: new Date() } });
    await recordAudit(tx, { action: "erasure.cancel", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "erasure_request", entityId: pending.id, personId: ownPersonId(viewer) });
  });
}

/** Requests waiting for a coordinator, oldest first, with what the coordinator needs to recognise them. */
export async function pendingErasures(viewer: Viewer) {
  if (!mayConfirmErasure(viewer)) throw notFound();
  const requests = await db().erasureRequest.findMany({
    where: { status: "requested", person: { erasedAt: null } },
    select: {
      id: true,
      requestedAt: true,
      person: {
        select: {
          id: true,
          caseCode: true,
          preferredName: true,
          cases: { where: { status: { not: "closed" } }, select: { assignments: { where: { kind: "lead", endedAt: null }, select: { account: { select: { displayName: true } } } } } },
        },
      },
    },
    orderBy: { requestedAt: "asc" },
  });
  return requests.map((r) => ({
    id: r.id,
    requestedAt: r.requestedAt,
    personId: r.person.id,
    caseCode: r.person.caseCode,
    preferredName: r.person.preferredName,
    caseworker: r.person.cases[0]?.assignments[0]?.account.displayName ?? null,
  }));
}

export type ConfirmResult = { ok: true } | { ok: false; problem: "erasure.codeMismatch" };

/** A coordinator confirms by typing the person's case code: then the data goes, in one transaction. */
export async function confirmErasure(viewer: Viewer, requestId: string, typedCaseCode: string, now = new Date()): Promise<ConfirmResult> {
  if (!mayConfirmErasure(viewer)) throw notFound();
  let files: string[] = [];
  const result = await db().$transaction(async (tx) => {
    const request = foundOr404(
      await tx.erasureRequest.findFirst({ where: { id: requestId, status: "requested", person: { erasedAt: null } }, select: { id: true, person: { select: { id: true, caseCode: true } } } }),
    );
    if (typedCaseCode.trim().toUpperCase() !== request.person.caseCode) return { ok: false, problem: "erasure.codeMismatch" } as const;
    files = await eraseDataOf(tx, request.person.id, viewer.accountId, now);
    await tx.erasureRequest.updateMany({ where: { personId: request.person.id, status: "requested" }, data: { status: "confirmed", decidedAt: now, decidedById: viewer.accountId } });
    await recordAudit(tx, { action: "erasure.confirm", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "erasure_request", entityId: request.id, personId: request.person.id });
    return { ok: true } as const;
  });
  deleteDocumentFiles(files);
  return result;
}

/**
 * Erases what tells who the person is or what they said; `actorId` null for the retention
 * schedule. Answers the names of the person's document files, for the caller to delete once the
 * transaction has committed (deleteDocumentFiles): with their rows, their keys are gone already.
 */
export async function eraseDataOf(tx: Tx, personId: string, actorId: string | null, now: Date): Promise<string[]> {
  const person = await tx.person.findUniqueOrThrow({
    where: { id: personId },
    select: { account: { select: { id: true, email: true } }, contacts: { select: { kind: true, value: true } }, cases: { select: { id: true, status: true } } },
  });
  const caseIds = person.cases.map((c) => c.id);
  const inCases = { caseId: { in: caseIds } };
  // Requests that were marked as duplicates of the person's own carry their words as well.
  const requestsOfPerson = { OR: [{ personId }, { duplicateOf: { personId } }] };
  const requests = await tx.helpRequest.findMany({ where: requestsOfPerson, select: { contactKind: true, contactValue: true } });

  // Emails waiting in (or sent through) the outbox name the person's address.
  const addresses = [
    ...(person.account ? [person.account.email] : []),
    ...person.contacts.filter((c) => c.kind === "email").map((c) => c.value),
    ...requests.filter((r) => r.contactKind === "email").map((r) => r.contactValue),
  ].flatMap((address) => [address, address.toLowerCase()]);
  await tx.outboxEmail.deleteMany({ where: { to: { in: addresses } } });

  // Words: messages, notes, the free text of everything else.
  const referrals = await tx.referral.findMany({ where: inCases, select: { id: true, status: true } });
  const referralIds = referrals.map((r) => r.id);
  await tx.caseMessage.deleteMany({ where: inCases });
  await tx.referralMessage.deleteMany({ where: { referralId: { in: referralIds } } });
  await tx.note.deleteMany({ where: inCases });
  await tx.referralStatusChange.updateMany({ where: { referralId: { in: referralIds } }, data: { note: null } });
  await tx.caseStatusChange.updateMany({ where: inCases, data: { note: null } });
  await tx.activity.updateMany({ where: inCases, data: { note: "", place: null } });
  await tx.goal.updateMany({ where: inCases, data: { title: "" } });
  await tx.needsAssessment.updateMany({ where: inCases, data: { summary: "" } });
  await tx.task.updateMany({ where: inCases, data: { title: "" } });
  // Practical support keeps its amounts (the totals stay), not its words.
  await tx.assistance.updateMany({ where: inCases, data: { note: "", payeeReference: "", receiptReference: null } });
  await tx.assistanceEvent.updateMany({ where: { assistance: inCases }, data: { note: "" } });

  // Work on the person stops: open referrals are cancelled (the partner keeps no shared
  // field), open tasks cancelled, open cases closed at the person's wish.
  const open = referrals.filter((r) => (OPEN_REFERRAL_STATUSES as readonly string[]).includes(r.status));
  if (open.length) {
    await tx.referral.updateMany({ where: { id: { in: open.map((r) => r.id) } }, data: { status: "cancelled", lastUpdateAt: now, flaggedAt: null } });
    await tx.referralStatusChange.createMany({ data: open.map((r) => ({ referralId: r.id, fromStatus: r.status, toStatus: "cancelled" as const, actorId, at: now })) });
  }
  await tx.referral.updateMany({ where: inCases, data: { request: "", sharedFields: "", outcome: null, reasonNote: null, consentId: null, version: { increment: 1 } } });
  await tx.task.updateMany({ where: { ...inCases, status: "open" }, data: { status: "cancelled", completedAt: now } });
  for (const c of person.cases.filter((c) => c.status !== "closed")) {
    await tx.case.update({ where: { id: c.id }, data: { status: "closed", closeReason: "declined_by_person", closedAt: now, version: { increment: 1 } } });
    await tx.caseStatusChange.create({ data: { caseId: c.id, fromStatus: c.status, toStatus: "closed", reason: "declined_by_person", actorId, at: now } });
  }
  await tx.case.updateMany({ where: { id: { in: caseIds } }, data: { closeNote: null, unassignedSince: null } });
  await tx.caseAssignment.updateMany({ where: { ...inCases, endedAt: null }, data: { endedAt: now } });

  await tx.helpRequest.updateMany({
    where: requestsOfPerson,
    data: { preferredName: "", contactValue: "", safeTimes: "", message: "", searchKey: "", secretHash: null, country: null, declineReason: null },
  });
  // Their documents: the rows go, and with them each file's key (the files follow after the commit).
  const documents = await tx.document.findMany({ where: { personId }, select: { storageName: true } });
  await tx.document.deleteMany({ where: { personId } });
  await tx.consent.deleteMany({ where: { personId } });
  await tx.contactChannel.deleteMany({ where: { personId } });
  await tx.restriction.deleteMany({ where: { personId } });
  await tx.nameToken.deleteMany({ where: { personId } });
  // A new case code: the old one may be written down elsewhere, and must lead nowhere.
  await tx.person.update({
    where: { id: personId },
    data: {
      caseCode: newCaseCode(),
      preferredName: "",
      fullName: null,
      fullNameLatin: null,
      searchKey: "",
      birthDate: null,
      countryNow: null,
      cityNow: null,
      languages: "",
      releaseDate: null,
      detentionPlace: null,
      riskFlags: "",
      erasedAt: now,
      version: { increment: 1 },
    },
  });
  // The person's own account goes, and with it their sessions and links.
  if (person.account) await tx.account.delete({ where: { id: person.account.id } });
  return documents.map((document) => document.storageName);
}
