// The one place that says who may do what. Areas decide which part of the app a role enters;
// scopes decide which records inside it: server modules build their queries from these
// scopes, so a record outside them is simply not found (404), and ids cannot be probed.
import type { Prisma } from "~/db/generated/client";
import type { Role } from "~/db/generated/enums";
import { sql, type Fragment } from "~/db/sql";

export const ROLES = ["client", "partner", "caseworker", "coordinator", "admin"] as const satisfies readonly Role[];
/** A role as components see it: plain data, not the database's type. */
export type RoleName = (typeof ROLES)[number];

export type Area = "staff" | "partner" | "me" | "admin";

const AREA_ROLES: Record<Area, readonly Role[]> = {
  staff: ["caseworker", "coordinator", "admin"],
  partner: ["partner"],
  me: ["client"],
  admin: ["admin"],
};

export function mayEnter(role: Role, area: Area): boolean {
  return AREA_ROLES[area].includes(role);
}

/** Where a role lands after signing in. */
export function homeOf(role: Role): string {
  switch (role) {
    case "client":
      return "/me";
    case "partner":
      return "/partner";
    case "admin":
      return "/admin";
    case "caseworker":
    case "coordinator":
      return "/staff";
  }
}

/** What the scopes need to know of the viewer. */
export type Actor = { accountId: string; role: Role; organizationId: string | null; personId: string | null };

const NOTHING = { id: { in: [] as string[] } };

/**
 * Cases: coordinators and admins see all; a caseworker sees the cases assigned to them or
 * opened to them by a coordinator (an assignment of kind "shared"); nobody else sees a case.
 */
export function caseScope(actor: Actor): Prisma.CaseWhereInput {
  switch (actor.role) {
    case "coordinator":
    case "admin":
      return {};
    case "caseworker":
      return { assignments: { some: { accountId: actor.accountId, endedAt: null } } };
    default:
      return NOTHING;
  }
}

/**
 * In SQL: the case in `caseColumn` (a column of the table the condition is on) is assigned to the
 * actor now, as their lead if `lead`. What every SQL scope of a caseworker rests on.
 */
function assignedTo(actor: Actor, caseColumn: Fragment, lead?: "lead"): Fragment {
  return sql`EXISTS (SELECT 1 FROM "CaseAssignment" WHERE "CaseAssignment"."caseId" = ${caseColumn}
    AND "CaseAssignment"."accountId" = ${actor.accountId} AND "CaseAssignment"."endedAt" IS NULL ${lead ? sql`AND "CaseAssignment"."kind" = 'lead'` : sql``})`;
}

/** caseScope as a condition on the "Case" table, for pages read in SQL (checked against it in scopes.test.ts). */
export function caseScopeSql(actor: Actor): Fragment {
  switch (actor.role) {
    case "coordinator":
    case "admin":
      return sql`1 = 1`;
    case "caseworker":
      return assignedTo(actor, sql`"Case"."id"`);
    default:
      return sql`0 = 1`;
  }
}

/**
 * A person's own records, for their own account: the person, their cases (and the messages
 * on them), consents and erasure requests. Nothing for any other account.
 */
export function ownPersonId(actor: Actor): string | null {
  return actor.role === "client" ? actor.personId : null;
}
export function ownPersonScope(actor: Actor): Prisma.PersonWhereInput {
  const personId = ownPersonId(actor);
  return personId ? { id: personId, erasedAt: null } : NOTHING;
}
export function ownCaseScope(actor: Actor): Prisma.CaseWhereInput {
  const personId = ownPersonId(actor);
  return personId ? { personId } : NOTHING;
}
export function ownConsentScope(actor: Actor): Prisma.ConsentWhereInput {
  const personId = ownPersonId(actor);
  return personId ? { personId } : NOTHING;
}
export function ownErasureScope(actor: Actor): Prisma.ErasureRequestWhereInput {
  const personId = ownPersonId(actor);
  return personId ? { personId } : NOTHING;
}

/**
 * What a partner may read of a referral: the fields the referral names that the person's
 * consent, while it stands, also names. Nothing once the consent is withdrawn.
 */
export function consentedFields(referralFields: string, consent: { withdrawnAt: Date | null; sharedFields: string } | null): Set<string> {
  const consented = consent && !consent.withdrawnAt ? new Set(consent.sharedFields.split(",")) : new Set<string>();
  return new Set(referralFields.split(",").filter((field) => field !== "" && consented.has(field)));
}

/** Caseworkers hold a caseload: the cases they take in stay theirs. */
export function holdsCaseload(actor: Pick<Actor, "role">): boolean {
  return actor.role === "caseworker";
}

/** Who is offered "leave now": a visitor without an account, and the person in their space. */
export function offeredLeaveNow(actor: Pick<Actor, "role"> | null): boolean {
  return !actor || actor.role === "client";
}

/** Staff and partners must pass a second factor; clients when they enrolled one. */
export function requiresSecondFactor(account: { role: Role; totpSecret: string | null }): boolean {
  return account.role !== "client" || account.totpSecret !== null;
}

/** Partner staff belong to a partner organisation; everyone else of ours to the host. */
export function belongsToPartner(role: Role): boolean {
  return role === "partner";
}

/** Who wrote a message, as the reader sees it: the person, a partner, or our staff. */
export function authorKind(role: Role | null | undefined): "person" | "partner" | "staff" {
  return role === "client" ? "person" : role === "partner" ? "partner" : "staff";
}

/** Persons: through the cases the viewer may see (coordinators and admins: everyone). */
export function personScope(actor: Actor): Prisma.PersonWhereInput {
  switch (actor.role) {
    case "coordinator":
    case "admin":
      return { erasedAt: null };
    case "caseworker":
      return { erasedAt: null, cases: { some: caseScope(actor) } };
    default:
      return NOTHING;
  }
}

/**
 * personScope as a condition on the "Person" table, for lists read in SQL (search): the same
 * persons for every role, which tests/integration/scopes.test.ts checks against the Prisma form.
 */
export function personScopeSql(actor: Actor): Fragment {
  switch (actor.role) {
    case "coordinator":
    case "admin":
      return sql`"Person"."erasedAt" IS NULL`;
    case "caseworker":
      return sql`"Person"."erasedAt" IS NULL AND EXISTS (SELECT 1 FROM "Case" WHERE "Case"."personId" = "Person"."id" AND ${assignedTo(actor, sql`"Case"."id"`)})`;
    default:
      return sql`0 = 1`;
  }
}

/** Referrals: a partner sees those sent to their organisation (never drafts); staff through cases. */
export function referralScope(actor: Actor): Prisma.ReferralWhereInput {
  if (actor.role === "partner") {
    return actor.organizationId ? { organizationId: actor.organizationId, status: { not: "draft" } } : NOTHING;
  }
  if (actor.role === "client") return NOTHING;
  return { case: caseScope(actor) };
}

/** referralScope as a condition on the "Referral" table, for the partner's pages read in SQL (checked against it in scopes.test.ts). */
export function referralScopeSql(actor: Actor): Fragment {
  if (actor.role === "partner") {
    return actor.organizationId ? sql`"Referral"."organizationId" = ${actor.organizationId} AND "Referral"."status" <> 'draft'` : sql`0 = 1`;
  }
  if (actor.role === "coordinator" || actor.role === "admin") return sql`1 = 1`;
  if (actor.role === "caseworker") return assignedTo(actor, sql`"Referral"."caseId"`);
  return sql`0 = 1`;
}

/**
 * Help requests: a client sees their own; coordinators and admins all; a caseworker the ones
 * waiting for triage and those of the cases open to them.
 */
export function helpRequestScope(actor: Actor): Prisma.HelpRequestWhereInput {
  switch (actor.role) {
    case "client":
      return actor.personId ? { personId: actor.personId } : NOTHING;
    case "coordinator":
    case "admin":
      return {};
    case "caseworker":
      return { OR: [{ status: { in: ["new", "in_triage"] } }, { case: caseScope(actor) }] };
    default:
      return NOTHING;
  }
}

/** helpRequestScope as a condition on the "HelpRequest" table, for the triage queue read in SQL (checked against it in scopes.test.ts). */
export function helpRequestScopeSql(actor: Actor): Fragment {
  switch (actor.role) {
    case "client":
      return actor.personId ? sql`"HelpRequest"."personId" = ${actor.personId}` : sql`0 = 1`;
    case "coordinator":
    case "admin":
      return sql`1 = 1`;
    case "caseworker":
      return sql`("HelpRequest"."status" IN ('new', 'in_triage') OR ${assignedTo(actor, sql`"HelpRequest"."caseId"`)})`;
    default:
      return sql`0 = 1`;
  }
}

/** Restricted notes: their author, the case's lead caseworker, coordinators and admins (a condition on the "Note" table). */
export function restrictedNoteScopeSql(actor: Actor): Fragment {
  if (actor.role === "coordinator" || actor.role === "admin") return sql`1 = 1`;
  return sql`("Note"."restricted" = ${false} OR "Note"."authorId" = ${actor.accountId} OR ${assignedTo(actor, sql`"Note"."caseId"`, "lead")})`;
}

/**
 * Documents (a condition on the "Document" table): coordinators and admins all; a caseworker those
 * of the cases open to them, a restricted one only as the case's lead; the person those of their
 * own that are shown to them; a partner those shared with a referral to their organisation while
 * the person's consent to that referral stands.
 */
export function documentScopeSql(actor: Actor): Fragment {
  switch (actor.role) {
    case "coordinator":
    case "admin":
      return sql`1 = 1`;
    case "caseworker":
      return sql`(${assignedTo(actor, sql`"Document"."caseId"`)} AND ("Document"."restricted" = ${false} OR ${assignedTo(actor, sql`"Document"."caseId"`, "lead")}))`;
    case "client":
      return actor.personId ? sql`("Document"."personId" = ${actor.personId} AND "Document"."visibleToPerson" = ${true})` : sql`0 = 1`;
    case "partner":
      return actor.organizationId
        ? sql`EXISTS (SELECT 1 FROM "ReferralDocument" JOIN "Referral" ON "Referral"."id" = "ReferralDocument"."referralId" JOIN "Consent" ON "Consent"."id" = "Referral"."consentId"
            WHERE "ReferralDocument"."documentId" = "Document"."id" AND "Referral"."organizationId" = ${actor.organizationId} AND "Referral"."status" <> 'draft' AND "Consent"."withdrawnAt" IS NULL)`
        : sql`0 = 1`;
  }
}

/** Coordinators and administrators see every person on file (for duplicates, search, erasure). */
export function seesEveryPerson(actor: Actor): boolean {
  return actor.role === "coordinator" || actor.role === "admin";
}

/** Administrators manage accounts, the directory, the tracks and the outbox, and read the audit log. */
export function mayAdminister(actor: Actor): boolean {
  return actor.role === "admin";
}

/** Assigning and reassigning caseworkers is the coordinators' (and admins') work. */
export function mayAssignCases(actor: Actor): boolean {
  return actor.role === "coordinator" || actor.role === "admin";
}

/** Confirming a person's erasure cannot be undone: coordinators (and admins) only. */
export function mayConfirmErasure(actor: Actor): boolean {
  return actor.role === "coordinator" || actor.role === "admin";
}

/** Reports of anonymous counts: coordinators and admins. */
export function mayReadReports(actor: Actor): boolean {
  return actor.role === "coordinator" || actor.role === "admin";
}

/**
 * Which figures the reports page shows: the organisation's to coordinators and admins, a
 * caseworker's own caseload to a caseworker, nothing to anyone else.
 */
export function reportScope(actor: Actor): "organisation" | "own caseload" | null {
  if (mayReadReports(actor)) return "organisation";
  return actor.role === "caseworker" ? "own caseload" : null;
}

/** Approving and paying practical support: coordinators and admins, never on their own request (app/assistance). */
export function mayDecideAssistance(actor: Actor): boolean {
  return actor.role === "coordinator" || actor.role === "admin";
}

/** The full name is shown to those with need: coordinators, admins and the case's caseworkers. */
export function maySeeFullName(actor: Actor): boolean {
  return actor.role === "coordinator" || actor.role === "admin" || actor.role === "caseworker";
}

/**
 * A `redirectTo` is followed only when it is a path on this site. Read as a URL against a
 * made-up origin, "//evil.example" and "/\\evil.example" (which browsers read as //) leave that
 * origin; what stays is written back with non-ASCII characters percent-encoded, as a Location
 * header needs.
 */
export function safeRedirectPath(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || /[\u0000-\u001f\u007f]/.test(value)) return null;
  const base = "http://aftercare.invalid";
  try {
    const url = new URL(value, base);
    return url.origin === base ? url.pathname + url.search + url.hash : null;
  } catch {
    return null; // "//[::1" and the like: not even a URL
  }
}
