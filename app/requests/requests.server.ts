// Help requests: the triage queue, requests entered by staff, and the three ways out of
// triage (into a case, declined, duplicate). A client sees only the status of their own.
import { recordAudit } from "~/audit/audit.server";
import { caseScope, helpRequestScope, helpRequestScopeSql, holdsCaseload, personScope, seesEveryPerson } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { read, readCount, sql } from "~/db/read.server";
import { COUNT_CAP, PAGE_SIZE, pageOf } from "~/db/paging";
import type { HelpRequestSource, HelpRequestStatus, Urgency } from "~/db/generated/enums";
import { foundOr404 } from "~/http/not-found";
import { findDuplicates, type DuplicateQuery } from "~/persons/duplicates.server";
import { saveNameTokens } from "~/persons/name-tokens.server";
import { contactKey, searchKey } from "~/persons/search-key";
import { newCaseCode, newRequestCode } from "~/persons/codes";
import type { z } from "zod";
import type { enterRequestForm, queueFilter, triageForm } from "./request-forms";


export async function viewMyRequest(viewer: Viewer, requestId: string) {
  return db().$transaction(async (tx) => {
    const request = foundOr404(
      await tx.helpRequest.findFirst({
        where: { AND: [{ id: requestId }, helpRequestScope(viewer)] },
        select: { id: true, code: true, status: true, createdAt: true, message: true, personId: true },
      }),
    );
    await recordAudit(tx, { action: "help_request.view", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "help_request", entityId: request.id, personId: request.personId });
    const { personId: _personId, ...visible } = request;
    return visible;
  });
}

/**
 * A page of the triage queue: the most urgent first, then the oldest. Each status is one read
 * along the (status, urgency DESC, createdAt, id) index, stopped at a page, and the pages are
 * merged here: one statement over both statuses is merged by SQLite but sorted whole by
 * PostgreSQL (all 15,000 waiting requests at 200,000 persons).
 */
export async function triageQueue(viewer: Viewer, filter: z.infer<typeof queueFilter>) {
  // In SQL (app/db/read.server.ts): the queue is the coordinator's most visited page after /staff.
  const statuses: [HelpRequestStatus, ...HelpRequestStatus[]] = filter.status === "open" ? ["new", "in_triage"] : [filter.status];
  const where = sql`${helpRequestScopeSql(viewer)} ${filter.urgency ? sql`AND "HelpRequest"."urgency" = ${filter.urgency}` : sql``}`;
  const [cursor] = filter.after ? await read<{ urgency: Urgency; createdAt: string; id: string }>`SELECT "urgency", "createdAt", "id" FROM "HelpRequest" WHERE "id" = ${filter.after}` : [];
  // After the cursor: less urgent, or as urgent and later (low < normal < urgent, as text on the file and in the enum's order on PostgreSQL).
  const afterCursor = cursor
    ? sql`AND ("HelpRequest"."urgency" < ${cursor.urgency} OR ("HelpRequest"."urgency" = ${cursor.urgency} AND ("HelpRequest"."createdAt", "HelpRequest"."id") > (${cursor.createdAt}, ${cursor.id})))`
    : sql``;
  type Row = { id: string; code: string; status: HelpRequestStatus; urgency: Urgency; language: string; source: HelpRequestSource; createdAt: string; preferredName: string; triagedBy: string | null };
  const ofStatus = (status: HelpRequestStatus) => read<Row>`
    SELECT "HelpRequest"."id", "HelpRequest"."code", "HelpRequest"."status", "HelpRequest"."urgency", "HelpRequest"."language", "HelpRequest"."source",
      "HelpRequest"."createdAt", "HelpRequest"."preferredName", "Account"."displayName" AS "triagedBy"
    FROM "HelpRequest" LEFT JOIN "Account" ON "Account"."id" = "HelpRequest"."triagedById"
    WHERE "HelpRequest"."status" = ${status} AND ${where} ${afterCursor}
    ORDER BY "HelpRequest"."urgency" DESC, "HelpRequest"."createdAt", "HelpRequest"."id" LIMIT ${PAGE_SIZE + 1}`;
  const [pages, total] = await Promise.all([
    Promise.all(statuses.map(ofStatus)),
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "HelpRequest" WHERE "HelpRequest"."status" IN (${statuses}) AND ${where} LIMIT ${COUNT_CAP + 1}) AS "queued"`,
  ]);
  const rows = pages.flat().sort(inQueueOrder).slice(0, PAGE_SIZE + 1);
  const page = pageOf(rows, (row) => row.id);
  return { ...page, items: page.items.map(({ triagedBy, createdAt, ...row }) => ({ ...row, createdAt: new Date(createdAt), triagedBy: triagedBy ? { displayName: triagedBy } : null })), total };
}

const URGENCY_RANK: Record<Urgency, number> = { urgent: 0, normal: 1, low: 2 };
/** The queue's order, as the index holds it: the most urgent, then the oldest (stored dates and ids compare as text). */
function inQueueOrder(a: { urgency: Urgency; createdAt: string; id: string }, b: { urgency: Urgency; createdAt: string; id: string }): number {
  return URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The support tracks in use, for a form's choices (in SQL: every search and triage page reads them). */
export function activeTracks() {
  return read<{ id: string; key: string; nameBe: string; nameRu: string; nameEn: string }>`SELECT "id", "key", "nameBe", "nameRu", "nameEn" FROM "SupportTrack"
    WHERE "active" = ${true} ORDER BY "position"`;
}

type RequestFields = Pick<z.infer<typeof enterRequestForm>, "preferredName" | "contactKind" | "contactValue" | "safeTimes" | "country" | "urgency" | "message">;

/** What every new help request holds, whoever typed it in. */
export function newRequestData(input: RequestFields, language: string, trackIds: string[], code = newRequestCode()) {
  return {
    code,
    language,
    preferredName: input.preferredName,
    contactKind: input.contactKind,
    contactValue: input.contactValue,
    safeTimes: input.safeTimes,
    country: input.country || null,
    urgency: input.urgency,
    message: input.message,
    searchKey: searchKey(input.preferredName),
    tracks: { create: trackIds.map((trackId) => ({ trackId })) },
  };
}

/** A request taken by phone or message and typed in by staff. */
export async function enterRequest(staff: Viewer, input: z.infer<typeof enterRequestForm>): Promise<string> {
  return db().$transaction(async (tx) => {
    // Only tracks that exist and are in use: an unknown id is dropped, not a database error.
    const tracks = await tx.supportTrack.findMany({ where: { id: { in: input.trackIds }, active: true }, select: { id: true } });
    const request = await tx.helpRequest.create({
      data: { ...newRequestData(input, input.language, tracks.map((track) => track.id)), source: "staff_entered", enteredById: staff.accountId },
    });
    await recordAudit(tx, { action: "help_request.enter", actorId: staff.accountId, sessionRef: staff.sessionRef, entityType: "help_request", entityId: request.id });
    return request.id;
  });
}

/** A request as triage sees it, with the persons on file it resembles. Reading changes nothing but the audit log. */
export async function requestForTriage(viewer: Viewer, requestId: string) {
  const request = await db().$transaction(async (tx) => {
    const found = foundOr404(
      await tx.helpRequest.findFirst({
        where: { AND: [{ id: requestId }, helpRequestScope(viewer)] },
        select: {
          id: true, code: true, status: true, source: true, language: true, preferredName: true, contactKind: true, contactValue: true,
          safeTimes: true, country: true, urgency: true, message: true, createdAt: true, version: true, declineReason: true, caseId: true,
          personId: true, tracks: { select: { track: { select: { key: true, nameBe: true, nameRu: true, nameEn: true } } } },
          triagedBy: { select: { displayName: true } },
        },
      }),
    );
    await recordAudit(tx, { action: "help_request.view", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "help_request", entityId: found.id, personId: found.personId });
    return found;
  });
  const open = request.status === "new" || request.status === "in_triage";
  if (!open) return { request, duplicates: [], duplicatesOutOfSight: false };
  return { request, ...(await lookalikes(viewer, { name: request.preferredName, contacts: [request.contactValue] })) };
}

/**
 * Persons on file a request resembles. A caseworker sees only the look-alikes they may open;
 * that there are others is all they learn, so that a coordinator checks them (decision 009).
 */
async function lookalikes(viewer: Viewer, query: DuplicateQuery) {
  const duplicates = await findDuplicates({ ...query, within: personScope(viewer) });
  const duplicatesOutOfSight = !seesEveryPerson(viewer) && (await findDuplicates(query)).length > duplicates.length;
  return { duplicates, duplicatesOutOfSight };
}

/** Takes a waiting request ("I am on it") or gives it back to the queue; a stale page is refused. */
export async function takeRequest(viewer: Viewer, requestId: string, intent: "take" | "release", version: number): Promise<{ ok: boolean }> {
  return db().$transaction(async (tx) => {
    const request = foundOr404(
      await tx.helpRequest.findFirst({ where: { AND: [{ id: requestId }, helpRequestScope(viewer), { status: { in: ["new", "in_triage"] } }] }, select: { id: true } }),
    );
    const taking = intent === "take";
    const { count } = await tx.helpRequest.updateMany({
      where: { id: request.id, version },
      data: { status: taking ? "in_triage" : "new", triagedById: taking ? viewer.accountId : null, triagedAt: taking ? new Date() : null, version: { increment: 1 } },
    });
    if (count === 0) return { ok: false };
    await recordAudit(tx, { action: taking ? "help_request.take" : "help_request.release", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "help_request", entityId: request.id });
    return { ok: true };
  });
}

export type TriageResult =
  | { ok: true; caseId: string | null }
  | { ok: false; problem: "form.stale" | "request.duplicateOfUnknown" }
  | ({ ok: false; problem: "triage.fullNameLooksLike" } & Awaited<ReturnType<typeof lookalikes>>);

/** Takes a request out of triage: into a new case, into an existing person's case, declined, or a duplicate. */
export async function triage(viewer: Viewer, requestId: string, decision: z.infer<typeof triageForm>): Promise<TriageResult> {
  // The full name typed at triage says more than the name to address: before a new person is
  // made of it, it is compared with the persons on file, unless the caseworker said "someone else".
  if (decision.intent === "accept-new" && decision.fullName && !decision.confirmNew) {
    foundOr404(await db().helpRequest.findFirst({ where: { AND: [{ id: requestId }, helpRequestScope(viewer)] }, select: { id: true } }));
    const found = await lookalikes(viewer, { name: decision.fullName });
    if (found.duplicates.length || found.duplicatesOutOfSight) return { ok: false, problem: "triage.fullNameLooksLike", ...found };
  }
  return db().$transaction(async (tx): Promise<TriageResult> => {
    const request = foundOr404(await tx.helpRequest.findFirst({ where: { AND: [{ id: requestId }, helpRequestScope(viewer)] }, include: { tracks: true } }));
    // Decided by someone else since the page was opened: said as such, not as a missing page.
    if (request.version !== decision.version || !["new", "in_triage"].includes(request.status)) return { ok: false, problem: "form.stale" };
    const audit = (action: "help_request.accept" | "help_request.decline" | "help_request.duplicate", personId: string | null = null) =>
      recordAudit(tx, { action, actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "help_request", entityId: request.id, personId });
    const done = { triagedById: viewer.accountId, triagedAt: new Date(), version: { increment: 1 } };

    if (decision.intent === "decline") {
      await tx.helpRequest.update({ where: { id: request.id }, data: { status: "declined", declineReason: decision.reason, ...done } });
      await audit("help_request.decline");
      return { ok: true, caseId: null };
    }
    if (decision.intent === "duplicate") {
      const original = await tx.helpRequest.findFirst({ where: { code: decision.duplicateOfCode.toUpperCase(), id: { not: request.id } }, select: { id: true, personId: true } });
      if (!original) return { ok: false, problem: "request.duplicateOfUnknown" };
      await tx.helpRequest.update({ where: { id: request.id }, data: { status: "duplicate", duplicateOfId: original.id, personId: original.personId, ...done } });
      await audit("help_request.duplicate", original.personId);
      return { ok: true, caseId: null };
    }

    let personId: string;
    if (decision.intent === "accept-existing") {
      const person = foundOr404(await tx.person.findFirst({ where: { AND: [{ id: decision.personId }, personScope(viewer)] }, select: { id: true } }));
      personId = person.id;
    } else {
      const fullName = decision.fullName || null;
      const person = await tx.person.create({
        data: {
          caseCode: newCaseCode(),
          preferredName: request.preferredName,
          fullName,
          searchKey: searchKey(request.preferredName, fullName),
          countryNow: request.country,
          languages: request.language,
          contacts: { create: { kind: request.contactKind, value: request.contactValue, searchKey: contactKey(request.contactValue), safeTimes: request.safeTimes, preferred: true } },
          consents: { create: { purpose: "data_processing", textVersion: "2026-01", method: request.source === "public_form" ? "online" : "phone", recordedById: viewer.accountId } },
        },
      });
      await saveNameTokens(tx, person.id, person.searchKey);
      await recordAudit(tx, { action: "person.create", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "person", entityId: person.id, personId: person.id });
      personId = person.id;
    }
    // A person has one open case at a time: a new need joins it.
    const openCase = await tx.case.findFirst({ where: { personId, status: { not: "closed" } }, select: { id: true } });
    const caseId =
      openCase?.id ??
      (
        await tx.case.create({
          data: {
            personId,
            openedById: viewer.accountId,
            history: { create: { toStatus: "open", actorId: viewer.accountId } },
            // A caseworker who takes a request in keeps the case; a coordinator assigns it later.
            ...(holdsCaseload(viewer)
              ? { assignments: { create: { accountId: viewer.accountId, kind: "lead", assignedById: viewer.accountId } } }
              : { unassignedSince: new Date() }),
          },
        })
      ).id;
    if (!openCase) await recordAudit(tx, { action: "case.open", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "case", entityId: caseId, personId });
    await tx.helpRequest.update({ where: { id: request.id }, data: { status: "accepted", personId, caseId, ...done } });
    await audit("help_request.accept", personId);
    return { ok: true, caseId };
  });
}

/** Whether the viewer may open the case a triage decision led to (a coordinator's may be unassigned). */
export async function mayOpenCase(viewer: Viewer, caseId: string): Promise<boolean> {
  return (await db().case.count({ where: { AND: [{ id: caseId }, caseScope(viewer)] } })) > 0;
}
