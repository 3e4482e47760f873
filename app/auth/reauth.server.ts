// Proving again that it is still the account's owner, before copying everything out (the data
// export) or asking for what cannot be undone (erasure): the password, and the authenticator
// code when the account has one. An open session on a seized phone is not enough for these.
import { db } from "~/db/client.server";
import type { MessageKey } from "~/i18n/en";
import { verifyPassword } from "./password.server";
import type { Viewer } from "./session.server";
import { accountKey, clearFailures, takeAttempt } from "./throttle.server";
import { confirmFreshCode } from "./two-factor.server";

export type ReauthProblem = { field: "password" | "code"; problem: MessageKey };

/** Does this account ask for an authenticator code on top of the password? */
export async function hasSecondFactor(viewer: Viewer): Promise<boolean> {
  const account = await db().account.findUniqueOrThrow({ where: { id: viewer.accountId }, select: { totpSecret: true } });
  return account.totpSecret !== null;
}

/** Null when the password (and the code, if the account has a second factor) are right. */
export async function confirmIdentity(viewer: Viewer, password: string, code: string): Promise<ReauthProblem | null> {
  const keys = [accountKey("reauth", viewer.accountId)];
  const account = await db().account.findUniqueOrThrow({ where: { id: viewer.accountId }, select: { passwordHash: true, totpSecret: true } });
  // A locked key answers like a wrong password, so that guessing learns nothing.
  if (!(await takeAttempt(keys)) || !(await verifyPassword(account.passwordHash, password))) {
    return { field: "password", problem: "password.currentWrong" };
  }
  if (account.totpSecret && !(await confirmFreshCode(viewer, code))) return { field: "code", problem: "twoFactor.codeWrong" };
  await clearFailures(keys);
  return null;
}
