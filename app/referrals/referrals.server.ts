// Referrals as a partner organisation sees them: only those addressed to it, and of those only
// the fields the person consented to share, while that consent stands.
import { bulkReadRefused, recordViews } from "~/audit/bulk-read.server";
import { authorKind, consentedFields, referralScopeSql } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { COUNT_CAP, keysetCursor, PAGE_SIZE, pageOf, parseKeyset } from "~/db/paging";
import { read, readCount, sql } from "~/db/read.server";
import { dateOrNull } from "~/db/stored-date";
import type { ReferralStatus, Role } from "~/db/generated/enums";
import { foundOr404, notFound } from "~/http/not-found";
import { SHAREABLE_FIELDS, type ShareableField } from "./referral-forms";

export type PartnerOverview = { organizationName: string; awaiting: number; inProgress: number };

export async function partnerOverview(viewer: Viewer): Promise<PartnerOverview> {
  const organizationId = viewer.organizationId;
  if (!organizationId) throw notFound();
  // In SQL (app/db/read.server.ts), as the inbox: a partner's every visit starts here.
  const scope = referralScopeSql(viewer);
  const [[organization], awaiting, inProgress] = await Promise.all([
    read<{ name: string }>`SELECT "name" FROM "Organization" WHERE "id" = ${organizationId}`,
    readCount`SELECT count(*) AS "n" FROM "Referral" WHERE ${scope} AND "Referral"."status" = 'sent'`,
    readCount`SELECT count(*) AS "n" FROM "Referral" WHERE ${scope} AND "Referral"."status" IN ('accepted', 'in_progress', 'on_hold')`,
  ]);
  return { organizationName: foundOr404(organization).name, awaiting, inProgress };
}

/** A page of the partner organisation's referrals, newest first, along (organizationId, [status,] sentAt, id). */
export async function partnerInbox(viewer: Viewer, status?: ReferralStatus, after?: string) {
  const key = parseKeyset(after);
  // Drafts have no sentAt and are never the partner's to see (the scope says so too).
  const where = sql`${referralScopeSql(viewer)} AND "Referral"."sentAt" IS NOT NULL ${status ? sql`AND "Referral"."status" = ${status}` : sql``}`;
  type Row = { id: string; status: ReferralStatus; sentAt: string; serviceName: string; caseId: string; sharedFields: string; request: string; consentId: string | null; withdrawnAt: string | null; consentFields: string | null };
  const [rows, total] = await Promise.all([
    read<Row>`
      SELECT "Referral"."id", "Referral"."status", "Referral"."sentAt", "Service"."name" AS "serviceName", "Referral"."caseId", "Referral"."sharedFields", "Referral"."request",
        "Consent"."id" AS "consentId", "Consent"."withdrawnAt", "Consent"."sharedFields" AS "consentFields"
      FROM "Referral" JOIN "Service" ON "Service"."id" = "Referral"."serviceId" LEFT JOIN "Consent" ON "Consent"."id" = "Referral"."consentId"
      WHERE ${where} ${key ? sql`AND "Referral"."sentAt" <= ${key.at} AND ("Referral"."sentAt" < ${key.at} OR "Referral"."id" < ${key.id})` : sql``}
      ORDER BY "Referral"."sentAt" DESC, "Referral"."id" DESC LIMIT ${PAGE_SIZE + 1}`,
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Referral" WHERE ${where} LIMIT ${COUNT_CAP + 1}) AS "listed"`,
  ]);
  const page = pageOf(rows, (row) => keysetCursor(new Date(row.sentAt), row.id));
  const shown = await sharedInList(viewer, page.items);
  return {
    ...page,
    total,
    items: page.items.map((row) => ({ id: row.id, status: row.status, sentAt: new Date(row.sentAt), service: { name: row.serviceName }, ...(shown.get(row.id) ?? { withheld: false }) })),
  };
}

type Listed = { pseudonym?: string; request?: string; withheld: boolean };

/**
 * What a row of the inbox may say of the person: the pseudonym and the request, where the
 * referral shares them and the consent still stands. Naming a person in a list is reading their
 * record: each is audited as a view and counts towards the hourly limit on distinct persons, like
 * the referral's own page; a row past the limit says only that it is withheld. One limit query
 * and one audit insert for the whole page (the bench's partner inbox).
 */
async function sharedInList(viewer: Viewer, rows: { id: string; caseId: string; sharedFields: string; request: string; consentId: string | null; withdrawnAt: string | null; consentFields: string | null }[]) {
  const sharing = rows
    .map((row) => ({ row, fields: consentedFields(row.sharedFields, row.consentId ? { withdrawnAt: dateOrNull(row.withdrawnAt), sharedFields: row.consentFields ?? "" } : null) }))
    .filter(({ fields }) => fields.has("preferredName") || fields.has("request"));
  const shown = new Map<string, Listed>();
  if (sharing.length === 0) return shown;
  const persons = await read<{ caseId: string; personId: string; preferredName: string }>`SELECT "Case"."id" AS "caseId", "Person"."id" AS "personId", "Person"."preferredName"
    FROM "Case" JOIN "Person" ON "Person"."id" = "Case"."personId" WHERE "Case"."id" IN (${sharing.map(({ row }) => row.caseId)}) AND "Person"."erasedAt" IS NULL`;
  const personOf = new Map(persons.map((p) => [p.caseId, p]));
  const named = sharing.flatMap(({ row, fields }) => {
    const person = personOf.get(row.caseId);
    return person ? [{ row, fields, person }] : [];
  });
  const readable = await recordViews(viewer, named.map(({ row, person }) => ({ action: "referral.view", entityType: "referral", entityId: row.id, personId: person.personId })));
  for (const { row, fields, person } of named) {
    if (!readable.has(person.personId)) shown.set(row.id, { withheld: true });
    else shown.set(row.id, { withheld: false, ...(fields.has("preferredName") ? { pseudonym: person.preferredName } : {}), ...(fields.has("request") ? { request: row.request } : {}) });
  }
  return shown;
}

export { SHAREABLE_FIELDS, type ShareableField };

export type SharedReferral = {
  id: string;
  status: ReferralStatus;
  version: number;
  serviceName: string;
  sentAt: string | null;
  shared: Partial<Record<ShareableField, string>>;
  history: { toStatus: ReferralStatus; reason: string | null; note: string | null; at: string }[];
  messages: { id: string; body: string; fromPartner: boolean; at: string }[];
};

export async function viewReferralAsPartner(viewer: Viewer, referralId: string): Promise<SharedReferral> {
  // Read in SQL (app/db/read.server.ts), then the view recorded in a short transaction: nothing
  // leaves before the audit row is written, or the hourly limit refused it.
  type Found = { id: string; status: ReferralStatus; version: number; sentAt: string | null; request: string; sharedFields: string; serviceName: string;
    withdrawnAt: string | null; consentFields: string | null; consentId: string | null; personId: string; preferredName: string; languages: string };
  const [referral] = await read<Found>`SELECT "Referral"."id", "Referral"."status", "Referral"."version", "Referral"."sentAt", "Referral"."request", "Referral"."sharedFields",
      "Service"."name" AS "serviceName", "Consent"."id" AS "consentId", "Consent"."withdrawnAt", "Consent"."sharedFields" AS "consentFields",
      "Person"."id" AS "personId", "Person"."preferredName", "Person"."languages"
    FROM "Referral" JOIN "Service" ON "Service"."id" = "Referral"."serviceId" LEFT JOIN "Consent" ON "Consent"."id" = "Referral"."consentId"
      JOIN "Case" ON "Case"."id" = "Referral"."caseId" JOIN "Person" ON "Person"."id" = "Case"."personId"
    WHERE "Referral"."id" = ${referralId} AND ${referralScopeSql(viewer)}`;
  const found = foundOr404(referral);
  const [history, messages, [contact]] = await Promise.all([
    read<{ toStatus: ReferralStatus; reason: string | null; note: string | null; at: string }>`SELECT "toStatus", "reason", "note", "at" FROM "ReferralStatusChange"
      WHERE "referralId" = ${found.id} ORDER BY "at"`,
    read<{ id: string; body: string; createdAt: string; role: Role | null }>`SELECT "ReferralMessage"."id", "ReferralMessage"."body", "ReferralMessage"."createdAt", "Account"."role"
      FROM "ReferralMessage" LEFT JOIN "Account" ON "Account"."id" = "ReferralMessage"."authorId" WHERE "ReferralMessage"."referralId" = ${found.id} ORDER BY "ReferralMessage"."createdAt"`,
    read<{ kind: string; value: string; safeTimes: string | null }>`SELECT "kind", "value", "safeTimes" FROM "ContactChannel"
      WHERE "personId" = ${found.personId} AND "preferred" = ${true} LIMIT 1`,
  ]);
  const readable = await recordViews(viewer, [{ action: "referral.view", entityType: "referral", entityId: found.id, personId: found.personId }]);
  if (!readable.has(found.personId)) throw bulkReadRefused();
  const allowed = consentedFields(found.sharedFields, found.consentId ? { withdrawnAt: dateOrNull(found.withdrawnAt), sharedFields: found.consentFields ?? "" } : null);
  const values: Record<ShareableField, string> = {
    preferredName: found.preferredName,
    contact: contact ? `${contact.kind}: ${contact.value}${contact.safeTimes ? ` (${contact.safeTimes})` : ""}` : "",
    languages: found.languages,
    request: found.request,
  };
  const shared: Partial<Record<ShareableField, string>> = {};
  for (const field of SHAREABLE_FIELDS) if (allowed.has(field)) shared[field] = values[field];
  const iso = (stored: string) => new Date(stored).toISOString();
  return {
    id: found.id,
    status: found.status,
    version: Number(found.version),
    serviceName: found.serviceName,
    sentAt: found.sentAt ? iso(found.sentAt) : null,
    shared,
    history: history.map((h) => ({ toStatus: h.toStatus, reason: h.reason, note: h.note, at: iso(h.at) })),
    messages: messages.map((m) => ({ id: m.id, body: m.body, fromPartner: authorKind(m.role) === "partner", at: iso(m.createdAt) })),
  };
}
