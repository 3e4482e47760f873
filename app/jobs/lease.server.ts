// A lease in the database, so that when two app processes run the same scheduled job only one
// of them does the work at a time. The holder is this process: a release that failed (the
// process was busy, or stopped) never keeps this process out, and keeps the others out only
// until the lease runs out.
import { randomUUID } from "node:crypto";
import { db } from "~/db/client.server";

export const THIS_PROCESS: string = randomUUID();

/** Takes the named lease until `until`, unless another holder has it now. One write transaction: no race, no error for the loser. */
export async function claimLease(name: string, now: Date, until: Date, holder = THIS_PROCESS): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const lease = await tx.jobLease.findUnique({ where: { name } });
    if (lease && lease.holder !== holder && lease.expiresAt > now) return false;
    await tx.jobLease.upsert({ where: { name }, create: { name, holder, expiresAt: until }, update: { holder, expiresAt: until } });
    return true;
  });
}

export async function releaseLease(name: string, holder = THIS_PROCESS): Promise<void> {
  await db()
    .jobLease.updateMany({ where: { name, holder }, data: { expiresAt: new Date(0) } })
    .catch((error: unknown) => console.error(`lease ${name}: not released (it runs out by itself):`, error instanceof Error ? error.message : "failed"));
}

/** Runs `work` under the lease; null when another process holds it (nothing to log: it is working). */
export async function withLease<T>(name: string, now: Date, leaseMs: number, work: () => Promise<T>, holder = THIS_PROCESS): Promise<T | null> {
  if (!(await claimLease(name, now, new Date(now.getTime() + leaseMs), holder))) return null;
  try {
    return await work();
  } finally {
    await releaseLease(name, holder);
  }
}
