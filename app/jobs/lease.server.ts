// A lease in the database, so that when two app processes run the same scheduled job only one
// of them does the work at a time.
import { db } from "~/db/client.server";

/** Takes the named lease until `until`, unless another holder has it now. */
export async function claimLease(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
  const taken = await db().jobLease.updateMany({ where: { name, OR: [{ expiresAt: { lte: now } }, { holder }] }, data: { holder, expiresAt: until } });
  if (taken.count === 1) return true;
  try {
    await db().jobLease.create({ data: { name, holder, expiresAt: until } });
    return true;
  } catch {
    return false; // another process created it first
  }
}

export async function releaseLease(name: string, holder: string): Promise<void> {
  await db().jobLease.updateMany({ where: { name, holder }, data: { expiresAt: new Date(0) } });
}
