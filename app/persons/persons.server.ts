// Persons: reading and editing a person's record within the viewer's scope. Every change is
// written to the audit log in its own transaction; a view is recorded before it is answered.
import { recordAudit } from "~/audit/audit.server";
import { bulkReadRefused, recordViews } from "~/audit/bulk-read.server";
import { maySeeFullName, ownConsentScope, ownPersonId, personScope, personScopeSql } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { read } from "~/db/read.server";
import { dateOrNull } from "~/db/stored-date";
import type { AccountStatus, CaseStatus, ConsentMethod, ConsentPurpose, ContactKind, RestrictionKind } from "~/db/generated/enums";
import { queueNotice } from "~/email/outbox.server";
import { foundOr404, notFound } from "~/http/not-found";
import { unreadByPerson } from "~/messages/messages.server";
import type { z } from "zod";
import type { contactForm, PersonEdit, restrictionForm } from "./person-form";
import { saveNameTokens } from "./name-tokens.server";
import { contactKey, searchKey } from "./search-key";

export type MySpace = {
  caseCode: string;
  caseStatus: CaseStatus | null;
  nextAppointment: string | null;
  plan: { title: string; status: string }[];
  unreadMessages: number;
  requests: { id: string; code: string; status: string }[];
};

/** The person's own overview in plain words: their case, the next appointment, the plan. In SQL (app/db/read.server.ts). */
export async function mySpace(viewer: Viewer, now = new Date()): Promise<MySpace> {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const personId = ownPersonId(viewer);
  const [person] = personId ? await read<{ id: string; caseCode: string }>`SELECT "id", "caseCode" FROM "Person" WHERE "id" = ${personId} AND "erasedAt" IS NULL` : [];
  const found = foundOr404(person);
  const [[latest], requests, unreadMessages] = await Promise.all([
    read<{ id: string; status: CaseStatus }>`SELECT "id", "status" FROM "Case" WHERE "personId" = ${found.id} ORDER BY "openedAt" DESC LIMIT 1`,
    read<{ id: string; code: string; status: string }>`SELECT "id", "code", "status" FROM "HelpRequest" WHERE "personId" = ${found.id} ORDER BY "createdAt" DESC`,
    unreadByPerson(found.id),
  ]);
  const [[appointment], plan] = latest
    ? await Promise.all([
        read<{ occurredAt: string }>`SELECT "occurredAt" FROM "Activity" WHERE "caseId" = ${latest.id} AND "kind" = 'appointment' AND "occurredAt" >= ${today}
          ORDER BY "occurredAt" LIMIT 1`,
        read<{ title: string; status: string }>`SELECT "title", "status" FROM "Goal" WHERE "caseId" = ${latest.id} ORDER BY "createdAt"`,
      ])
    : [[], []];
  return {
    caseCode: found.caseCode,
    caseStatus: latest?.status ?? null,
    nextAppointment: latest && latest.status !== "closed" && appointment ? appointment.occurredAt.slice(0, 10) : null,
    plan,
    unreadMessages,
    requests,
  };
}

/**
 * A person's record as the viewer may see it, read in SQL (app/db/read.server.ts); the view is
 * recorded after it in a short transaction with the hourly check, and nothing is answered before.
 */
export async function viewPerson(viewer: Viewer, personId: string) {
  type Found = { id: string; caseCode: string; preferredName: string; countryNow: string | null; cityNow: string | null; languages: string; version: number;
    releaseDate: string | null; detentionPlace: string | null; riskFlags: string; birthDate: string | null; fullName: string | null; fullNameLatin: string | null };
  const [row] = await read<Found>`SELECT "id", "caseCode", "preferredName", "countryNow", "cityNow", "languages", "version", "releaseDate", "detentionPlace",
      "riskFlags", "birthDate", "fullName", "fullNameLatin" FROM "Person" WHERE "Person"."id" = ${personId} AND ${personScopeSql(viewer)}`;
  const person = foundOr404(row);
  const [contacts, restrictions, consents, cases, [account]] = await Promise.all([
    read<{ id: string; kind: ContactKind; value: string; safeTimes: string | null }>`SELECT "id", "kind", "value", "safeTimes" FROM "ContactChannel" WHERE "personId" = ${person.id}`,
    read<{ id: string; kind: RestrictionKind; until: string | null; note: string | null }>`SELECT "id", "kind", "until", "note" FROM "Restriction" WHERE "personId" = ${person.id}`,
    read<{ id: string; purpose: ConsentPurpose; givenAt: string; withdrawnAt: string | null; method: ConsentMethod; organizationName: string | null }>`
      SELECT "Consent"."id", "Consent"."purpose", "Consent"."givenAt", "Consent"."withdrawnAt", "Consent"."method", "Organization"."name" AS "organizationName"
      FROM "Consent" LEFT JOIN "Organization" ON "Organization"."id" = "Consent"."recipientOrganizationId" WHERE "Consent"."personId" = ${person.id} ORDER BY "Consent"."givenAt"`,
    read<{ id: string; status: CaseStatus }>`SELECT "id", "status" FROM "Case" WHERE "personId" = ${person.id} ORDER BY "openedAt" DESC`,
    read<{ status: AccountStatus }>`SELECT "status" FROM "Account" WHERE "personId" = ${person.id}`,
  ]);
  const allowed = (await recordViews(viewer, [{ action: "person.view", entityType: "person", entityId: person.id, personId: person.id }])).has(person.id);
  if (!allowed) throw bulkReadRefused();
  // The full name leaves the server only for those with need.
  const withFullName = maySeeFullName(viewer);
  return {
    ...person,
    version: Number(person.version),
    releaseDate: dateOrNull(person.releaseDate),
    birthDate: dateOrNull(person.birthDate),
    fullName: withFullName ? person.fullName : null,
    fullNameLatin: withFullName ? person.fullNameLatin : null,
    contacts,
    restrictions: restrictions.map((r) => ({ ...r, until: dateOrNull(r.until) })),
    consents: consents.map(({ organizationName, ...c }) => ({ ...c, givenAt: new Date(c.givenAt), withdrawnAt: dateOrNull(c.withdrawnAt), recipientOrganization: organizationName === null ? null : { name: organizationName } })),
    cases,
    account: account ?? null,
  };
}

export type UpdateResult = { ok: true } | { ok: false; reason: "stale" };

const cleared = (value: string | undefined) => (value === undefined ? undefined : value || null);
const day = (value: string | undefined) => (value === undefined ? undefined : value ? new Date(`${value}T00:00:00Z`) : null);

/** Saves an edit made from `input.version`; a record changed since then is refused, not overwritten. */
export async function updatePerson(viewer: Viewer, personId: string, input: PersonEdit): Promise<UpdateResult> {
  return db().$transaction(async (tx) => {
    const person = foundOr404(
      await tx.person.findFirst({ where: { AND: [{ id: personId }, personScope(viewer)] }, select: { id: true, fullName: true, fullNameLatin: true } }),
    );
    const fullName = cleared(input.fullName);
    const fullNameLatin = cleared(input.fullNameLatin);
    const key = searchKey(input.preferredName, fullName === undefined ? person.fullName : fullName, fullNameLatin === undefined ? person.fullNameLatin : fullNameLatin);
    const { count } = await tx.person.updateMany({
      where: { id: person.id, version: input.version },
      data: {
        preferredName: input.preferredName,
        fullName,
        fullNameLatin,
        birthDate: day(input.birthDate),
        countryNow: cleared(input.countryNow),
        cityNow: cleared(input.cityNow),
        languages: input.languages,
        releaseDate: day(input.releaseDate),
        detentionPlace: cleared(input.detentionPlace),
        riskFlags: input.riskFlags?.filter(Boolean).join(","),
        searchKey: key,
        version: { increment: 1 },
      },
    });
    if (count === 0) return { ok: false, reason: "stale" } as const;
    await saveNameTokens(tx, person.id, key);
    await recordAudit(tx, { action: "person.update", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "person", entityId: person.id, personId: person.id });
    return { ok: true } as const;
  });
}

type ContactInput = Omit<z.infer<typeof contactForm>, "intent">;
type RestrictionInput = Omit<z.infer<typeof restrictionForm>, "intent">;

/** Adds a contact channel or a restriction to a person in the viewer's scope, audited. */
export async function addToPerson(viewer: Viewer, personId: string, addition: { contact: ContactInput } | { restriction: RestrictionInput }): Promise<void> {
  await db().$transaction(async (tx) => {
    const person = foundOr404(await tx.person.findFirst({ where: { AND: [{ id: personId }, personScope(viewer)] }, select: { id: true } }));
    if ("contact" in addition) {
      const { kind, value, safeTimes } = addition.contact;
      await tx.contactChannel.create({ data: { personId: person.id, kind, value, safeTimes, searchKey: contactKey(value) } });
    } else {
      const { kind, until, note } = addition.restriction;
      await tx.restriction.create({ data: { personId: person.id, kind, note, until: until ? new Date(`${until}T00:00:00Z`) : null } });
    }
    await recordAudit(tx, { action: "person.update", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "person", entityId: person.id, personId: person.id });
  });
}

/** Removes one of a person's contact channels or restrictions; another person's answers 404. */
export async function removeFromPerson(viewer: Viewer, personId: string, what: "contact" | "restriction", id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const person = foundOr404(await tx.person.findFirst({ where: { AND: [{ id: personId }, personScope(viewer)] }, select: { id: true } }));
    const where = { id, personId: person.id };
    const { count } = what === "contact" ? await tx.contactChannel.deleteMany({ where }) : await tx.restriction.deleteMany({ where });
    if (count === 0) throw notFound();
    await recordAudit(tx, { action: "person.update", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "person", entityId: person.id, personId: person.id });
  });
}

/** The consents a person gave, as they see them in their space. */
export async function myConsents(viewer: Viewer) {
  const personId = ownPersonId(viewer);
  if (!personId) return [];
  const rows = await read<{ id: string; purpose: ConsentPurpose; sharedFields: string; givenAt: string; withdrawnAt: string | null; organizationName: string | null }>`
    SELECT "Consent"."id", "Consent"."purpose", "Consent"."sharedFields", "Consent"."givenAt", "Consent"."withdrawnAt", "Organization"."name" AS "organizationName"
    FROM "Consent" LEFT JOIN "Organization" ON "Organization"."id" = "Consent"."recipientOrganizationId"
    WHERE "Consent"."personId" = ${personId} ORDER BY "Consent"."givenAt"`;
  return rows.map(({ organizationName, givenAt, withdrawnAt, ...row }) => ({
    ...row,
    givenAt: new Date(givenAt),
    withdrawnAt: dateOrNull(withdrawnAt),
    recipientOrganization: organizationName === null ? null : { name: organizationName },
  }));
}

/** Withdraws one of the person's own consents at once; the lead caseworker is told. */
export async function withdrawConsent(viewer: Viewer, consentId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const consent = foundOr404(
      await tx.consent.findFirst({ where: { AND: [{ id: consentId, withdrawnAt: null }, ownConsentScope(viewer)] }, select: { id: true, personId: true } }),
    );
    await tx.consent.update({ where: { id: consent.id }, data: { withdrawnAt: new Date() } });
    await recordAudit(tx, { action: "consent.withdraw", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "consent", entityId: consent.id, personId: consent.personId });
    const lead = await tx.caseAssignment.findFirst({
      where: { kind: "lead", endedAt: null, case: { personId: consent.personId, status: { not: "closed" } } },
      select: { case: { select: { id: true } }, account: { select: { id: true, email: true, locale: true, status: true } } },
    });
    if (lead?.account.status === "active") await queueNotice(tx, lead.account, `/staff/cases/${lead.case.id}`);
  });
}
