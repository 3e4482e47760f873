// The second step of signing in: a TOTP code (or a one-time recovery code), or, for an account
// without one yet, enrolment. Passing it replaces the half-signed-in session with a new one.
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/client.server";
import type { Role } from "~/db/generated/enums";
import { issueRecoveryCodes, looksLikeRecoveryCode, spendRecoveryCode } from "./recovery-codes.server";
import { deleteSession, deviceLabelOf, sessionRef, startSession, type Viewer } from "./session.server";
import type { RequestOrigin } from "./sign-in.server";
import { accountKey, addressKey, clearFailures, forgiveAttempt, takeAttempt } from "./throttle.server";
import { matchTotp, newTotpSecret, otpauthUri, qrCodeSvg } from "./totp.server";

const ISSUER = "Aftercare";

export type SecondFactorPage = { mode: "verify" } | { mode: "enrol"; secret: string; qrSvg: string };

/** What the second-factor page shows: a code field, or the enrolment QR code and secret. */
export async function secondFactorPage(viewer: Viewer): Promise<SecondFactorPage> {
  const account = await db().account.findUniqueOrThrow({
    where: { id: viewer.accountId },
    select: { email: true, totpSecret: true, totpPendingSecret: true },
  });
  if (account.totpSecret) return { mode: "verify" };
  let secret = account.totpPendingSecret;
  if (!secret) {
    secret = newTotpSecret();
    await db().account.update({ where: { id: viewer.accountId }, data: { totpPendingSecret: secret } });
  }
  return { mode: "enrol", ...(await enrolment(account.email, secret)) };
}

/** The QR code and the secret of an enrolment. The label is the email alone: nothing on the
 * person's phone names the organisation or its purpose. */
async function enrolment(email: string, secret: string): Promise<{ secret: string; qrSvg: string }> {
  return { secret, qrSvg: await qrCodeSvg(otpauthUri(secret, email, ISSUER)) };
}

export type SecondFactorResult =
  | { ok: false }
  | { ok: true; role: Role; cookie: string; recoveryCodes: string[] | null };

export async function passSecondFactor(
  pending: { viewer: Viewer; sessionId: string },
  code: string,
  origin: RequestOrigin,
  now = Date.now(),
): Promise<SecondFactorResult> {
  const accountId = pending.viewer.accountId;
  const keys = [accountKey("second-factor", accountId), addressKey("second-factor", origin.address)];
  if (!(await takeAttempt(keys))) return { ok: false };
  const account = await db().account.findUniqueOrThrow({
    where: { id: accountId },
    select: { role: true, totpSecret: true, totpPendingSecret: true, totpLastStep: true },
  });

  const enrolling = account.totpSecret === null;
  const secret = account.totpSecret ?? account.totpPendingSecret;
  const step = secret ? matchTotp(secret, code, account.totpLastStep, now) : null;
  const recovered = step === null && !enrolling && looksLikeRecoveryCode(code) ? await spendRecoveryCode(db(), accountId, code) : false;
  if (step === null && !recovered) {
    await db().$transaction((tx) => recordAudit(tx, { action: "auth.second_factor_failed", actorId: accountId }));
    return { ok: false };
  }
  await clearFailures(keys.slice(0, 1));
  await forgiveAttempt(keys.slice(1));

  // A new session id after the second factor; the half-signed-in one ends.
  await deleteSession(pending.sessionId);
  const { sessionId, cookie } = await startSession(accountId, account.role, {
    twoFactorVerified: true,
    deviceLabel: deviceLabelOf(origin.userAgent),
  });
  const recoveryCodes = await db().$transaction(async (tx) => {
    await tx.account.update({
      where: { id: accountId },
      data: {
        lastSignInAt: new Date(now),
        ...(step !== null ? { totpLastStep: step } : {}),
        ...(enrolling ? { totpSecret: secret, totpPendingSecret: null } : {}),
      },
    });
    const ref = sessionRef(sessionId);
    if (recovered) await recordAudit(tx, { action: "auth.recovery_code_used", actorId: accountId, sessionRef: ref });
    if (enrolling) await recordAudit(tx, { action: "auth.totp_enrolled", actorId: accountId, sessionRef: ref });
    await recordAudit(tx, { action: "auth.sign_in", actorId: accountId, sessionRef: ref });
    return enrolling ? issueRecoveryCodes(tx, accountId) : null;
  });
  return { ok: true, role: account.role, cookie, recoveryCodes };
}

/** A fresh code for a sensitive action (an export): checked, used once, throttled. */
export async function confirmFreshCode(viewer: Viewer, code: string, now = Date.now()): Promise<boolean> {
  const keys = [accountKey("second-factor", viewer.accountId)];
  if (!(await takeAttempt(keys))) return false;
  const account = await db().account.findUniqueOrThrow({ where: { id: viewer.accountId }, select: { totpSecret: true, totpLastStep: true } });
  const step = account.totpSecret ? matchTotp(account.totpSecret, code, account.totpLastStep, now) : null;
  if (step === null) return false;
  await forgiveAttempt(keys);
  // Only the first caller moves the step forward: the same code cannot confirm twice.
  const { count } = await db().account.updateMany({
    where: { id: viewer.accountId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1;
}

/** A signed-in account's second factor: on, or being set up (the QR code), or off. */
export async function twoFactorSettings(viewer: Viewer) {
  const account = await db().account.findUniqueOrThrow({ where: { id: viewer.accountId }, select: { email: true, totpSecret: true, totpPendingSecret: true } });
  if (account.totpSecret) return { enabled: true, enrolment: null };
  if (!account.totpPendingSecret) return { enabled: false, enrolment: null };
  return { enabled: false, enrolment: await enrolment(account.email, account.totpPendingSecret) };
}

/** Starts setting up a second factor from one's account page (offered to clients). */
export async function startEnrolment(viewer: Viewer): Promise<void> {
  await db().account.updateMany({ where: { id: viewer.accountId, totpSecret: null }, data: { totpPendingSecret: newTotpSecret() } });
}

/** Confirms the set-up with a first code; returns the recovery codes to show once, or null. */
export async function confirmEnrolment(viewer: Viewer, code: string, now = Date.now()): Promise<string[] | null> {
  const keys = [accountKey("second-factor", viewer.accountId)];
  if (!(await takeAttempt(keys))) return null;
  const account = await db().account.findUniqueOrThrow({ where: { id: viewer.accountId }, select: { totpSecret: true, totpPendingSecret: true } });
  const step = !account.totpSecret && account.totpPendingSecret ? matchTotp(account.totpPendingSecret, code, null, now) : null;
  if (step === null) return null;
  await forgiveAttempt(keys);
  return db().$transaction(async (tx) => {
    await tx.account.update({ where: { id: viewer.accountId }, data: { totpSecret: account.totpPendingSecret, totpPendingSecret: null, totpLastStep: step, version: { increment: 1 } } });
    await recordAudit(tx, { action: "auth.totp_enrolled", actorId: viewer.accountId, sessionRef: viewer.sessionRef });
    return issueRecoveryCodes(tx, viewer.accountId);
  });
}
