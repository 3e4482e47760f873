// Invitation, activation and reset links: 256 random bits, stored as a hash, single use and
// short-lived. Opening a link (GET) only shows a form; the POST consumes the token, because
// mail scanners open links.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "~/db/client.server";
import type { AuthTokenPurpose } from "~/db/generated/enums";

const HOUR = 60 * 60 * 1000;
export const TOKEN_LIFETIME: Record<AuthTokenPurpose, number> = {
  invitation: 48 * HOUR,
  activation: 72 * HOUR,
  password_reset: 1 * HOUR,
};

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function issueToken(tx: Pick<Db, "authToken">, accountId: string, purpose: AuthTokenPurpose, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  // A new link replaces the unused ones of the same purpose.
  await tx.authToken.deleteMany({ where: { accountId, purpose, usedAt: null } });
  await tx.authToken.create({
    data: { accountId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + TOKEN_LIFETIME[purpose]) },
  });
  return token;
}

/** Whether a link is still good, without using it (for the GET that shows the form). */
export async function peekToken(tx: Pick<Db, "authToken">, token: string, purposes: AuthTokenPurpose[], now = new Date()) {
  return tx.authToken.findFirst({
    where: { tokenHash: hashToken(token), purpose: { in: purposes }, usedAt: null, expiresAt: { gt: now } },
    select: { accountId: true, purpose: true, account: { select: { role: true, email: true } } },
  });
}

/** Uses a link once: the first caller gets the account, every later one null. */
export async function consumeToken(tx: Pick<Db, "authToken">, token: string, purposes: AuthTokenPurpose[], now = new Date()) {
  const found = await peekToken(tx, token, purposes, now);
  if (!found) return null;
  const { count } = await tx.authToken.updateMany({ where: { tokenHash: hashToken(token), usedAt: null }, data: { usedAt: now } });
  return count === 1 ? found : null;
}
