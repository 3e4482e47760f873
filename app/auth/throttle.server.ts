// Growing delays and temporary locks after failed attempts, per account and per address.
// A bucket counts failures in a window; past the free attempts each failure locks the key for
// twice as long as the one before, up to an hour. Keys are HMACs, never emails or addresses.
import { createHmac } from "node:crypto";
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
  const secret = process.env.DATABASE_ENCRYPTION_KEY ?? "";
  return `${kind}:${createHmac("sha256", secret).update(value).digest("hex").slice(0, 40)}`;
}

export function accountKey(purpose: string, identifier: string): ThrottleKey {
  return { key: keyed(`${purpose}:account`, identifier.toLowerCase()), rule: RULES.account };
}

export function addressKey(purpose: string, address: string, rule: ThrottleRule = RULES.address): ThrottleKey {
  return { key: keyed(`${purpose}:address`, address), rule };
}

/** True when any of the keys is locked now. */
export async function isThrottled(keys: ThrottleKey[], now = new Date()): Promise<boolean> {
  const buckets = await db().throttleBucket.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  return buckets.some((bucket) => bucket.lockedUntil !== null && bucket.lockedUntil > now);
}

export async function recordFailure(keys: ThrottleKey[], now = new Date()): Promise<void> {
  for (const { key, rule } of keys) {
    const bucket = await db().throttleBucket.findUnique({ where: { key } });
    const fresh = !bucket || now.getTime() - bucket.windowStartedAt.getTime() > rule.windowMs;
    const failures = fresh ? 1 : bucket.failures + 1;
    const over = failures - rule.freeAttempts;
    const lockedUntil = over > 0 ? new Date(now.getTime() + Math.min(rule.baseLockMs * 2 ** (over - 1), rule.maxLockMs)) : null;
    const windowStartedAt = fresh ? now : bucket.windowStartedAt;
    await db().throttleBucket.upsert({
      where: { key },
      create: { key, failures, windowStartedAt, lockedUntil },
      update: { failures, windowStartedAt, lockedUntil },
    });
  }
}

export async function clearFailures(keys: ThrottleKey[]): Promise<void> {
  await db().throttleBucket.deleteMany({ where: { key: { in: keys.map((k) => k.key) } } });
}
