// Signing in and out with email and password. Unknown and known accounts answer alike, in
// words and in time (the password check runs against a dummy hash for unknown emails).
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/client.server";
import type { Role } from "~/db/generated/enums";
import { verifyPassword } from "./password.server";
import { endSession, getViewer, sessionRef, startSession } from "./session.server";

export type SignInResult = { ok: true; role: Role; cookie: string } | { ok: false };

export async function signIn(email: string, password: string): Promise<SignInResult> {
  const account = await db().account.findUnique({
    where: { email },
    select: { id: true, role: true, status: true, passwordHash: true },
  });
  const passwordMatches = await verifyPassword(account?.passwordHash, password);
  if (!account || !passwordMatches || account.status !== "active") {
    if (account) {
      await db().$transaction((tx) => recordAudit(tx, { action: "auth.sign_in_failed", actorId: account.id }));
    }
    return { ok: false };
  }
  const { session, cookie } = await startSession(account.id);
  await db().$transaction(async (tx) => {
    await tx.account.update({ where: { id: account.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, { action: "auth.sign_in", actorId: account.id, sessionRef: sessionRef(session.id) });
  });
  return { ok: true, role: account.role, cookie };
}

/** Ends the session on the server; returns the cookie that clears it in the browser. */
export async function signOut(request: Request): Promise<string> {
  const viewer = await getViewer(request);
  if (viewer) {
    await db().$transaction((tx) =>
      recordAudit(tx, { action: "auth.sign_out", actorId: viewer.accountId, sessionRef: viewer.sessionRef }),
    );
  }
  return endSession(request);
}
