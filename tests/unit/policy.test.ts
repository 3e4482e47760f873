// The policy, function by function and role by role: what each returns, exactly. The scopes are
// Prisma where-fragments; the integration tests show what they find, these what they say.
import { describe, expect, it } from "vitest";
import {
  authorKind, belongsToPartner, caseScope, consentedFields, helpRequestScope, holdsCaseload, homeOf, mayAdminister, mayAssignCases, mayConfirmErasure,
  mayEnter, mayReadReports, maySeeFullName, ownCaseScope, ownConsentScope, ownErasureScope, ownPersonId, ownPersonScope, personScope, referralScope,
  requiresSecondFactor,  ROLES, safeRedirectPath, seesEveryPerson, type Actor,
} from "~/auth/policy";
import type { Role } from "~/db/generated/enums";

const NOTHING = { id: { in: [] } };
const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({ accountId: "acc", role, organizationId: role === "partner" ? "org" : null, personId: role === "client" ? "per" : null, ...extra });
const byRole = <T>(answer: (a: Actor) => T) => Object.fromEntries(ROLES.map((role) => [role, answer(actor(role))]));

describe("the policy", () => {
  it("lets each role into its own areas only, and sends it home there", () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, (["staff", "partner", "me", "admin"] as const).filter((area) => mayEnter(role, area))]))).toEqual({
      client: ["me"], partner: ["partner"], caseworker: ["staff"], coordinator: ["staff"], admin: ["staff", "admin"],
    });
    expect(byRole((a) => homeOf(a.role))).toEqual({ client: "/me", partner: "/partner", caseworker: "/staff", coordinator: "/staff", admin: "/admin" });
  });

  it("scopes cases: all for coordinators and admins, current assignments for a caseworker, none otherwise", () => {
    expect(byRole(caseScope)).toEqual({
      client: NOTHING, partner: NOTHING, caseworker: { assignments: { some: { accountId: "acc", endedAt: null } } }, coordinator: {}, admin: {},
    });
  });

  it("scopes persons through cases, and never erased ones", () => {
    expect(byRole(personScope)).toEqual({
      client: NOTHING, partner: NOTHING, caseworker: { erasedAt: null, cases: { some: { assignments: { some: { accountId: "acc", endedAt: null } } } } },
      coordinator: { erasedAt: null }, admin: { erasedAt: null },
    });
  });

  it("scopes referrals: a partner its organisation's sent ones, staff through cases, a person none", () => {
    expect(byRole(referralScope)).toEqual({
      client: NOTHING, partner: { organizationId: "org", status: { not: "draft" } }, caseworker: { case: { assignments: { some: { accountId: "acc", endedAt: null } } } },
      coordinator: { case: {} }, admin: { case: {} },
    });
    expect(referralScope(actor("partner", { organizationId: null }))).toEqual(NOTHING);
  });

  it("scopes help requests: a person their own, a caseworker those waiting and their cases'", () => {
    expect(byRole(helpRequestScope)).toEqual({
      client: { personId: "per" }, partner: NOTHING,
      caseworker: { OR: [{ status: { in: ["new", "in_triage"] } }, { case: { assignments: { some: { accountId: "acc", endedAt: null } } } }] },
      coordinator: {}, admin: {},
    });
    expect(helpRequestScope(actor("client", { personId: null }))).toEqual(NOTHING);
  });

  it("gives a person their own records, and nobody else anyone's", () => {
    expect(byRole(ownPersonId)).toEqual({ client: "per", partner: null, caseworker: null, coordinator: null, admin: null });
    expect(byRole(ownPersonScope)).toEqual({ client: { id: "per", erasedAt: null }, partner: NOTHING, caseworker: NOTHING, coordinator: NOTHING, admin: NOTHING });
    for (const scope of [ownCaseScope, ownConsentScope, ownErasureScope] as ((a: Actor) => unknown)[]) {
      expect(byRole(scope)).toEqual({ client: { personId: "per" }, partner: NOTHING, caseworker: NOTHING, coordinator: NOTHING, admin: NOTHING });
    }
    // A staff account that somehow carries a person id still gets nothing of theirs.
    expect(ownCaseScope(actor("caseworker", { personId: "per" }))).toEqual(NOTHING);
    expect(ownPersonScope(actor("client", { personId: null }))).toEqual(NOTHING);
  });

  it("answers each may-question per role", () => {
    expect(byRole(mayAssignCases)).toEqual({ client: false, partner: false, caseworker: false, coordinator: true, admin: true });
    expect(byRole(mayConfirmErasure)).toEqual({ client: false, partner: false, caseworker: false, coordinator: true, admin: true });
    expect(byRole(mayReadReports)).toEqual({ client: false, partner: false, caseworker: false, coordinator: true, admin: true });
    expect(byRole(seesEveryPerson)).toEqual({ client: false, partner: false, caseworker: false, coordinator: true, admin: true });
    expect(byRole(mayAdminister)).toEqual({ client: false, partner: false, caseworker: false, coordinator: false, admin: true });
    expect(byRole(maySeeFullName)).toEqual({ client: false, partner: false, caseworker: true, coordinator: true, admin: true });
    expect(byRole(holdsCaseload)).toEqual({ client: false, partner: false, caseworker: true, coordinator: false, admin: false });
    expect(byRole((a) => belongsToPartner(a.role))).toEqual({ client: false, partner: true, caseworker: false, coordinator: false, admin: false });
    expect(byRole((a) => authorKind(a.role))).toEqual({ client: "person", partner: "partner", caseworker: "staff", coordinator: "staff", admin: "staff" });
    expect(authorKind(null)).toBe("staff");
  });

  it("asks staff and partners always, a person only once enrolled, for a second factor", () => {
    expect(byRole((a) => requiresSecondFactor({ role: a.role, totpSecret: null }))).toEqual({ client: false, partner: true, caseworker: true, coordinator: true, admin: true });
    expect(requiresSecondFactor({ role: "client", totpSecret: "SECRET" })).toBe(true);
  });

  it("shares with a partner only fields both the referral and a standing consent name", () => {
    const consent = { withdrawnAt: null, sharedFields: "preferredName,languages" };
    expect([...consentedFields("preferredName,contact,request", consent)]).toEqual(["preferredName"]);
    expect([...consentedFields("preferredName,languages", consent)]).toEqual(["preferredName", "languages"]);
    expect([...consentedFields("preferredName", { ...consent, withdrawnAt: new Date() })]).toEqual([]);
    expect([...consentedFields("preferredName", null)]).toEqual([]);
    expect([...consentedFields("", { withdrawnAt: null, sharedFields: "" })]).toEqual([]);
  });

  it("follows only a path on this site after sign-in", () => {
    expect(safeRedirectPath("/staff/cases/x?tab=1#notes")).toBe("/staff/cases/x?tab=1#notes");
    for (const bad of ["//evil.example", "/\\evil.example", "//[::1", "https://evil.example", "staff", "", null, 3, "/a\nb", "/a\u007f"]) expect(safeRedirectPath(bad)).toBeNull();
  });
});
