// Neutral links for "there is an update" emails (SECURITY.md B): /n/<token>. The token is
// random, stored hashed, bound to one account and one destination, and expires; the path that
// names a case, a referral or a person stays on the server.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "~/db/client.server";
import { db } from "~/db/client.server";

const LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new link for this account to this page of ours; returns the path to put in the email. */
export async function noticeLink(tx: Pick<Db, "noticeLink">, accountId: string, destination: string, now = new Date()): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await tx.noticeLink.create({ data: { tokenHash: hash(token), accountId, destination, expiresAt: new Date(now.getTime() + LIFETIME_MS) } });
  return `/n/${token}`;
}

/** Where a link leads its account; null when it is unknown, expired, or another account's. */
export async function noticeDestination(token: string, accountId: string, now = new Date()): Promise<string | null> {
  const link = await db().noticeLink.findUnique({ where: { tokenHash: hash(token) }, select: { accountId: true, destination: true, expiresAt: true } });
  return link && link.accountId === accountId && link.expiresAt > now ? link.destination : null;
}

export async function deleteExpiredNoticeLinks(now = new Date()): Promise<number> {
  return (await db().noticeLink.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
