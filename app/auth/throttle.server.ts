// Growing delays and temporary locks after failed attempts, per account and per address.
// A bucket counts attempts in a window; past the free attempts each attempt locks the key for
// twice as long as the one before, up to an hour. Keys are HMACs, never emails or addresses.
import { createHmac } from "node:crypto";
import { serverConfig } from "~/config/env.server";
import { db } from "~/db/client.server";

export type ThrottleRule = { freeAttempts: number; baseLockMs: number; maxLockMs: number; windowMs: number };

export const RULES = {
  account: { freeAttempts: 5, baseLockMs: 30_000, maxLockMs: 60 * 60_000, windowMs: 60 * 60_000 },
  address: { freeAttempts: 20, baseLockMs: 30_000, maxLockMs: 60 * 60_000, windowMs: 60 * 60_000 },
  // The public help form: five requests an hour per address, enough for a person, too few for a flood.
  helpForm: { freeAttempts: 4, baseLockMs: 10 * 60_000, maxLockMs: 24 * 60 * 60_000, windowMs: 60 * 60_000 },
  // The status page: five wrong code-and-secret pairs, then a growing wait.
  helpStatus: { freeAttempts: 4, baseLockMs: 60_000, maxLockMs: 60 * 60_000, windowMs: 60 * 60_000 },
} satisfies Record<string, ThrottleRule>;

export type ThrottleKey = { key: string; rule: ThrottleRule };

function keyed(kind: string, value: string): string {
  // Its own secret, not the database key: a key file or another database would leave it empty.
  const secret = serverConfig().appSecret;
  return `${kind}:${createHmac("sha256", secret).update(value).digest("hex").slice(0, 40)}`;
}

export function accountKey(purpose: string, identifier: string): ThrottleKey {
  return { key: keyed(`${purpose}:account`, identifier.toLowerCase()), rule: RULES.account };
}

export function addressKey(purpose: string, address: string, rule: ThrottleRule = RULES.address): ThrottleKey {
  return { key: keyed(`${purpose}:address`, address), rule };
}

/**
 * Counts an attempt before it is checked, in one write transaction, so that a burst of
 * parallel attempts (in one process or several) is counted and locked exactly as a sequence
 * would be. False when a key is locked: the attempt is refused without being checked or counted.
 * Past the free attempts each counted attempt locks the key for twice as long as the one before.
 */
export async function takeAttempt(keys: ThrottleKey[], now = new Date()): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const buckets = await tx.throttleBucket.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
    if (buckets.some((bucket) => bucket.lockedUntil !== null && bucket.lockedUntil > now)) return false;
    for (const { key, rule } of keys) {
      const bucket = buckets.find((b) => b.key === key);
      const fresh = !bucket || now.getTime() - bucket.windowStartedAt.getTime() > rule.windowMs;
      const failures = fresh ? 1 : bucket.failures + 1;
      const windowStartedAt = fresh ? now : bucket.windowStartedAt;
      const lockedUntil = lockAfter(rule, failures, now);
      await tx.throttleBucket.upsert({ where: { key }, create: { key, failures, windowStartedAt, lockedUntil }, update: { failures, windowStartedAt, lockedUntil } });
    }
    return true;
  });
}

function lockAfter(rule: ThrottleRule, failures: number, now: Date): Date | null {
  const over = failures - rule.freeAttempts;
  return over > 0 ? new Date(now.getTime() + Math.min(rule.baseLockMs * 2 ** (over - 1), rule.maxLockMs)) : null;
}

/**
 * An attempt that succeeded does not count: it is taken back, and a lock it alone caused is
 * lifted (for an address shared by many honest people, such as an office).
 */
export async function forgiveAttempt(keys: ThrottleKey[], now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    for (const { key, rule } of keys) {
      const bucket = await tx.throttleBucket.findUnique({ where: { key } });
      if (!bucket || bucket.failures === 0) continue;
      const failures = bucket.failures - 1;
      await tx.throttleBucket.update({ where: { key }, data: { failures, lockedUntil: lockAfter(rule, failures, now) === null ? null : bucket.lockedUntil } });
    }
  });
}

/** Starts the keys afresh (after a success that proves the person, or a password reset). */
export async function clearFailures(keys: ThrottleKey[]): Promise<void> {
  await db().throttleBucket.deleteMany({ where: { key: { in: keys.map((k) => k.key) } } });
}
