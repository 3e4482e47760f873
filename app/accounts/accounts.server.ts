// Accounts: invitations, activation, password reset and change, sessions, and the admin's
// actions on an account. Every answer that could tell whether an email is known answers alike.
import { recordAudit } from "~/audit/audit.server";
import { passwordProblem } from "~/auth/password-policy";
import { belongsToPartner, mayAdminister, mayEnter, personScope, requiresSecondFactor } from "~/auth/policy";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { endAllSessions, sessionRef, sessionRefOfStored, startSession, deviceLabelOf, type Viewer } from "~/auth/session.server";
import { accountKey, addressKey, clearFailures, takeAttempt } from "~/auth/throttle.server";
import { db, type Tx } from "~/db/client.server";
import { read } from "~/db/read.server";
import type { Role } from "~/db/generated/enums";
import { queueEmail } from "~/email/outbox.server";
import type { MessageKey } from "~/i18n/catalogue";
import { notFound } from "~/http/not-found";
import { afterResponse } from "~/jobs/after-response.server";
import { consumeToken, issueToken, peekToken } from "./tokens.server";
import type { changeRoleForm } from "./account-forms";
import type { z } from "zod";

export type AdminOverview = { activeAccounts: number; partnerOrganizations: number; services: number; tracks: number };

export async function adminOverview(): Promise<AdminOverview> {
  const [activeAccounts, partnerOrganizations, services, tracks] = await Promise.all([
    db().account.count({ where: { status: "active" } }),
    db().organization.count({ where: { kind: "partner" } }),
    db().service.count(),
    db().supportTrack.count({ where: { active: true } }),
  ]);
  return { activeAccounts, partnerOrganizations, services, tracks };
}

/** Names a password must not contain, besides the product's: the organisations'. */
async function organisationNames(): Promise<string[]> {
  const organizations = await db().organization.findMany({ where: { kind: "host" }, select: { name: true } });
  return organizations.flatMap((o) => o.name.split(/[\s«»"()]+/)).filter((word) => word.length >= 5);
}

export async function checkNewPassword(password: string, role: Role): Promise<MessageKey | null> {
  return passwordProblem(password, role, await organisationNames());
}

// --- Invitations (staff and partners) and activation (clients) -------------------------------

export type Invitation = { email: string; displayName: string; role: Exclude<Role, "client">; organizationId?: string | undefined; locale: string };

/** Invites a new account. For an email already known, nothing is sent and the answer is the same, also in time. */
export async function inviteAccount(admin: Viewer, input: Invitation): Promise<{ ok: true } | { ok: false; field: "organizationId"; problem: "admin.accounts.organizationRequired" }> {
  if (!mayAdminister(admin)) throw notFound();
  const organizationId =
    belongsToPartner(input.role) ? input.organizationId : (await db().organization.findFirst({ where: { kind: "host" }, select: { id: true } }))?.id;
  if (belongsToPartner(input.role)) {
    // Not a partner organisation (none chosen, or gone since the page was loaded): said at the field.
    const partner = input.organizationId ? await db().organization.findFirst({ where: { id: input.organizationId, kind: "partner" } }) : null;
    if (!partner) return { ok: false, field: "organizationId", problem: "admin.accounts.organizationRequired" };
  }
  afterResponse("invitation", () =>
    db().$transaction(async (tx) => {
      if (await tx.account.findUnique({ where: { email: input.email }, select: { id: true } })) return;
      const account = await tx.account.create({
        data: { email: input.email, displayName: input.displayName, role: input.role, organizationId: organizationId ?? null, locale: input.locale, status: "invited" },
      });
      const token = await issueToken(tx, account.id, "invitation");
      await queueEmail(tx, { to: account.email, template: "invitation", locale: input.locale, path: `/welcome/${token}` });
      await recordAudit(tx, { action: "account.invited", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "account", entityId: account.id });
    }),
  );
  return { ok: true };
}

/**
 * Prepares a person's own account and emails the activation link. The person sets a password
 * at the link; a second factor is offered later, not required. An email already in use
 * answers alike and sends nothing.
 */
export async function inviteClient(staff: Viewer, personId: string, email: string, locale: string): Promise<void> {
  const person = await db().person.findFirst({ where: { AND: [{ id: personId }, personScope(staff)] }, select: { id: true, preferredName: true, account: { select: { id: true } } } });
  if (!person) throw notFound();
  // Whether the address has an account already shows neither in the answer nor in its time.
  afterResponse("activation", () =>
    db().$transaction(async (tx) => {
      if (person.account || (await tx.account.findUnique({ where: { email }, select: { id: true } }))) return;
      const account = await tx.account.create({
        data: { email, role: "client", status: "invited", displayName: person.preferredName, personId: person.id, locale },
      });
      await sendActivation(tx, staff, { ...account, personId: person.id });
    }),
  );
}

/** A new activation link for a person's account that was never activated (the old link stops working). */
export async function resendActivation(staff: Viewer, personId: string): Promise<void> {
  const person = await db().person.findFirst({
    where: { AND: [{ id: personId }, personScope(staff)] },
    select: { id: true, account: { select: { id: true, email: true, locale: true, status: true } } },
  });
  if (!person) throw notFound();
  const account = person.account;
  if (account?.status !== "invited") return;
  await db().$transaction((tx) => sendActivation(tx, staff, { ...account, personId: person.id }));
}

async function sendActivation(tx: Tx, staff: Viewer, account: { id: string; email: string; locale: string; personId: string }): Promise<void> {
  const token = await issueToken(tx, account.id, "activation");
  await queueEmail(tx, { to: account.email, template: "activation", locale: account.locale, path: `/welcome/${token}` });
  await recordAudit(tx, { action: "account.invited", actorId: staff.accountId, sessionRef: staff.sessionRef, entityType: "account", entityId: account.id, personId: account.personId });
}

/** For the GET of a welcome link: is it good, and for which role (the password rules differ)? */
export async function welcomeLink(token: string): Promise<{ role: Role } | null> {
  const found = await peekToken(db(), token, ["invitation", "activation"]);
  return found ? { role: found.account.role } : null;
}

export type WelcomeResult = { ok: false; problem: MessageKey } | { ok: true; cookie: string; secondFactor: boolean; role: Role };

/** Sets the first password and signs in: staff and partners go on to enrol their second factor. */
export async function acceptWelcome(token: string, password: string, userAgent: string | null): Promise<WelcomeResult> {
  const link = await peekToken(db(), token, ["invitation", "activation"]);
  if (!link) return { ok: false, problem: "token.invalid" };
  const problem = await checkNewPassword(password, link.account.role);
  if (problem) return { ok: false, problem };
  const passwordHash = await hashPassword(password);
  const used = await db().$transaction(async (tx) => {
    const consumed = await consumeToken(tx, token, ["invitation", "activation"]);
    if (!consumed) return null;
    await tx.account.update({ where: { id: consumed.accountId }, data: { passwordHash, status: "active", version: { increment: 1 } } });
    await recordAudit(tx, { action: "account.activated", actorId: consumed.accountId, entityType: "account", entityId: consumed.accountId });
    return consumed;
  });
  if (!used) return { ok: false, problem: "token.invalid" };
  const secondFactor = requiresSecondFactor({ role: used.account.role, totpSecret: null });
  const { cookie } = await startSession(used.accountId, used.account.role, { twoFactorVerified: !secondFactor, deviceLabel: deviceLabelOf(userAgent) });
  return { ok: true, cookie, secondFactor, role: used.account.role };
}

// --- Password reset and change ---------------------------------------------------------------

/** Sends a reset link to an active account; answers the same, in words and in time, for any address. */
export async function requestPasswordReset(email: string, address: string): Promise<void> {
  const keys = [accountKey("reset", email), addressKey("reset", address)];
  // Every request counts, so that the links cannot be used to flood a mailbox.
  if (!(await takeAttempt(keys))) return;
  afterResponse("password reset", () => sendResetLink(email));
}

async function sendResetLink(email: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { email }, select: { id: true, status: true, locale: true } });
    if (!account || account.status !== "active") return;
    const token = await issueToken(tx, account.id, "password_reset");
    await queueEmail(tx, { to: email, template: "password_reset", locale: account.locale, path: `/reset-password/${token}` });
    await recordAudit(tx, { action: "auth.password_reset_requested", actorId: account.id, entityType: "account", entityId: account.id });
  });
}

export async function resetLink(token: string): Promise<{ role: Role } | null> {
  const found = await peekToken(db(), token, ["password_reset"]);
  return found ? { role: found.account.role } : null;
}

/** Sets a new password from a reset link. Ends every session; never removes the second factor. */
export async function resetPassword(token: string, password: string): Promise<MessageKey | null> {
  const link = await peekToken(db(), token, ["password_reset"]);
  if (!link) return "token.invalid";
  const problem = await checkNewPassword(password, link.account.role);
  if (problem) return problem;
  const passwordHash = await hashPassword(password);
  const consumed = await db().$transaction(async (tx) => {
    const used = await consumeToken(tx, token, ["password_reset"]);
    if (!used) return null;
    await tx.account.update({ where: { id: used.accountId }, data: { passwordHash, version: { increment: 1 } } });
    await tx.session.deleteMany({ where: { userId: used.accountId } });
    await recordAudit(tx, { action: "auth.password_reset", actorId: used.accountId, entityType: "account", entityId: used.accountId });
    return used;
  });
  if (!consumed) return "token.invalid";
  await clearFailures([accountKey("sign-in", consumed.account.email)]);
  return null;
}

export type ChangeResult = { ok: false; field: "current" | "password"; problem: MessageKey } | { ok: true; cookie: string };

/** Changes the password after checking the current one; every other session ends, this one is renewed. */
export async function changePassword(viewer: Viewer, current: string, password: string, userAgent: string | null): Promise<ChangeResult> {
  const keys = [accountKey("change-password", viewer.accountId)];
  const account = await db().account.findUniqueOrThrow({ where: { id: viewer.accountId }, select: { passwordHash: true } });
  if (!(await takeAttempt(keys)) || !(await verifyPassword(account.passwordHash, current))) {
    return { ok: false, field: "current", problem: "password.currentWrong" };
  }
  const problem = await checkNewPassword(password, viewer.role);
  if (problem) return { ok: false, field: "password", problem };
  const passwordHash = await hashPassword(password);
  await clearFailures(keys);
  await endAllSessions(viewer.accountId);
  const { sessionId, cookie } = await startSession(viewer.accountId, viewer.role, { twoFactorVerified: true, deviceLabel: deviceLabelOf(userAgent) });
  await db().$transaction(async (tx) => {
    await tx.account.update({ where: { id: viewer.accountId }, data: { passwordHash, version: { increment: 1 } } });
    await recordAudit(tx, { action: "auth.password_changed", actorId: viewer.accountId, sessionRef: sessionRef(sessionId), entityType: "account", entityId: viewer.accountId });
  });
  return { ok: true, cookie };
}

// --- Sessions ---------------------------------------------------------------------------------

export async function mySessions(viewer: Viewer) {
  const sessions = await db().session.findMany({
    where: { userId: viewer.accountId, twoFactorVerified: true, expiresAt: { gt: new Date() } },
    select: { id: true, createdAt: true, expiresAt: true, deviceLabel: true },
    orderBy: { createdAt: "desc" },
  });
  // The ids are secrets: the page sees only whether a session is this one.
  return sessions.map(({ id, ...rest }) => ({ ...rest, current: sessionRefOfStored(id) === viewer.sessionRef }));
}

export async function signOutEverywhere(viewer: Viewer): Promise<void> {
  await endAllSessions(viewer.accountId);
  await db().$transaction((tx) =>
    recordAudit(tx, { action: "auth.sign_out_everywhere", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "account", entityId: viewer.accountId }),
  );
}

// --- The administrator's actions --------------------------------------------------------------

export function listAccounts() {
  return db().account.findMany({
    select: { id: true, email: true, displayName: true, role: true, status: true, lastSignInAt: true, organization: { select: { name: true } } },
    orderBy: [{ role: "asc" }, { email: "asc" }],
  });
}

/** The accounts of the staff and the partners, by name: the audit log's filter (a person's own actions are found by their case code). */
export function workingAccounts() {
  // In SQL (app/db/read.server.ts): the audit log is read often, and this list on every load.
  return read<{ id: string; displayName: string; email: string }>`SELECT "id", "displayName", "email" FROM "Account"
    WHERE "role" IN ('caseworker', 'coordinator', 'admin', 'partner') ORDER BY "displayName"`;
}

export function partnerOrganisations() {
  return db().organization.findMany({ where: { kind: "partner" }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** For a seized device or a detained colleague: every session of the account ends now. */
export async function revokeSessions(admin: Viewer, accountId: string): Promise<void> {
  if (!mayAdminister(admin)) throw notFound();
  const account = await db().account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw notFound();
  await endAllSessions(account.id);
  await db().$transaction((tx) =>
    recordAudit(tx, { action: "auth.sessions_revoked", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "account", entityId: account.id }),
  );
}

/**
 * A disabled account cannot sign in (the sign-in answers as for an unknown one) and its sessions
 * end now: for a seized device whose password may be known, or someone who left. An
 * administrator cannot disable their own account, so that one always remains.
 */
export async function setAccountEnabled(admin: Viewer, accountId: string, enabled: boolean): Promise<"disabled" | "enabled" | "self"> {
  if (!mayAdminister(admin)) throw notFound();
  if (!enabled && accountId === admin.accountId) return "self";
  const account = await db().account.findUnique({ where: { id: accountId }, select: { id: true, status: true } });
  if (!account) throw notFound();
  await db().$transaction(async (tx) => {
    // An invited account that never signed in stays invited when enabled again.
    const status = enabled ? (account.status === "disabled" ? "active" : account.status) : "disabled";
    await tx.account.update({ where: { id: account.id }, data: { status, version: { increment: 1 } } });
    if (!enabled) await tx.session.deleteMany({ where: { userId: account.id } });
    await recordAudit(tx, { action: enabled ? "account.enabled" : "account.disabled", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "account", entityId: account.id });
  });
  return enabled ? "enabled" : "disabled";
}

/**
 * Moves a staff account to another staff role. Its sessions end, so that its next page comes
 * from a new sign-in with the new role's rights (and the second factor the role asks for).
 */
export async function changeRole(admin: Viewer, input: z.infer<typeof changeRoleForm>): Promise<"changed" | "self" | "stale"> {
  if (!mayAdminister(admin)) throw notFound();
  if (input.accountId === admin.accountId) return "self";
  return db().$transaction(async (tx) => {
    const { count } = await tx.account.updateMany({ where: { id: input.accountId, role: input.fromRole }, data: { role: input.role, version: { increment: 1 } } });
    if (count === 0) return "stale";
    await tx.session.deleteMany({ where: { userId: input.accountId } });
    await recordAudit(tx, { action: "account.role_changed", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "account", entityId: input.accountId });
    return "changed";
  });
}

/** The account enrols a new second factor at its next sign-in; its sessions and recovery codes end. */
export async function resetSecondFactor(admin: Viewer, accountId: string): Promise<void> {
  if (!mayAdminister(admin)) throw notFound();
  const account = await db().account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw notFound();
  await db().$transaction(async (tx) => {
    await tx.account.update({ where: { id: account.id }, data: { totpSecret: null, totpPendingSecret: null, totpLastStep: null, version: { increment: 1 } } });
    await tx.recoveryCode.deleteMany({ where: { accountId: account.id } });
    await tx.session.deleteMany({ where: { userId: account.id } });
    await recordAudit(tx, { action: "auth.totp_reset", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "account", entityId: account.id });
  });
}

/** Whether the account blurs persons' names on staff pages, and the version an edit carries. */
export async function screenSetting(viewer: Viewer) {
  const account = await db().account.findUniqueOrThrow({ where: { id: viewer.accountId }, select: { blurNames: true, version: true } });
  return { staff: mayEnter(viewer.role, "staff"), blurNames: account.blurNames, version: account.version };
}

/** Saves the choice; false when the account changed since the form was shown. */
export async function setBlurNames(viewer: Viewer, blurNames: boolean, version: number): Promise<boolean> {
  const { count } = await db().account.updateMany({ where: { id: viewer.accountId, version }, data: { blurNames, version: { increment: 1 } } });
  return count === 1;
}
