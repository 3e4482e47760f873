// Signing in with email and password, the first of two steps for staff and partners. Unknown
// and known accounts answer alike, in words and in time (a dummy hash is checked for unknown
// emails), and so does a throttled one.
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/client.server";
import type { Role } from "~/db/generated/enums";
import { afterResponse } from "~/jobs/after-response.server";
import { verifyPassword } from "./password.server";
import { belongsToPartner, requiresSecondFactor } from "./policy";
import { lockdownState } from "~/auth/lockdown.server";
import { deviceLabelOf, endSession, getSessionState, sessionRef, startSession } from "./session.server";
import { accountKey, addressKey, clearFailures, forgiveAttempt, takeAttempt } from "./throttle.server";

export type SignInResult =
  | { kind: "failed" }
  | { kind: "suspended" }
  | { kind: "second_factor"; cookie: string }
  | { kind: "signed_in"; role: Role; cookie: string };

export type RequestOrigin = { address: string; userAgent: string | null };


export async function signIn(email: string, password: string, origin: RequestOrigin): Promise<SignInResult> {
  const [accountAttempts, addressAttempts] = [accountKey("sign-in", email), addressKey("sign-in", origin.address)];
  // Counted before the password is checked, so that parallel guesses lock as a sequence would.
  // A locked key is refused without a check, alike for known and unknown addresses.
  const allowed = await takeAttempt([accountAttempts, addressAttempts]);
  const account = await db().account.findUnique({
    where: { email },
    select: { id: true, role: true, status: true, passwordHash: true, totpSecret: true },
  });
  // Checked against a dummy hash when the address is unknown, so that both answers take as long.
  const passwordMatches = allowed && (await verifyPassword(account?.passwordHash, password));
  if (!allowed || !account || !passwordMatches || account.status !== "active") {
    const action = allowed ? "auth.sign_in_failed" : "auth.sign_in_throttled";
    // After the answer: the write happens for known accounts only, and must not show in the time.
    if (account) afterResponse("sign-in audit", () => db().$transaction((tx) => recordAudit(tx, { action, actorId: account.id })));
    return { kind: "failed" };
  }
  await clearFailures([accountAttempts]);
  await forgiveAttempt([addressAttempts]);
  // In a lockdown partners do not get in, and are told so once their password was right.
  if (belongsToPartner(account.role) && (await lockdownState())) return { kind: "suspended" };
  const twoFactorVerified = !requiresSecondFactor(account);
  const { sessionId, cookie } = await startSession(account.id, account.role, {
    twoFactorVerified,
    deviceLabel: deviceLabelOf(origin.userAgent),
  });
  if (!twoFactorVerified) return { kind: "second_factor", cookie };
  await db().$transaction(async (tx) => {
    await tx.account.update({ where: { id: account.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, { action: "auth.sign_in", actorId: account.id, sessionRef: sessionRef(sessionId) });
  });
  return { kind: "signed_in", role: account.role, cookie };
}

/** Ends the session on the server; returns the cookie that clears it in the browser. */
export async function signOut(request: Request): Promise<string> {
  const state = await getSessionState(request);
  if (state.kind !== "none") {
    await db().$transaction((tx) =>
      recordAudit(tx, { action: "auth.sign_out", actorId: state.viewer.accountId, sessionRef: state.viewer.sessionRef }),
    );
  }
  return endSession(request);
}
