// A lost or seized device (issue 16): with their email and one recovery code, from any browser,
// a person ends every session of their account; the second factor is reset with the codes, so a
// new one is set up at the next sign-in. Unknown emails and wrong codes answer alike and take the
// same work; tries are throttled per account and per address.
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/client.server";
import { spendRecoveryCode } from "./recovery-codes.server";
import { accountKey, addressKey, clearFailures, takeAttempt } from "./throttle.server";

export type LostDeviceResult = "ended" | "refused" | "throttled";

export async function endSessionsWithRecoveryCode(email: string, code: string, address: string): Promise<LostDeviceResult> {
  const keys = [accountKey("lost-device", email), addressKey("lost-device", address)];
  if (!(await takeAttempt(keys))) return "throttled";
  const account = await db().account.findUnique({ where: { email }, select: { id: true } });
  const ended = await db().$transaction(async (tx) => {
    // For an unknown email the code is spent against no account: the same statements, no match.
    const spent = await spendRecoveryCode(tx, account?.id ?? "", code);
    if (!spent || !account) return false;
    await tx.session.deleteMany({ where: { userId: account.id } });
    await tx.recoveryCode.deleteMany({ where: { accountId: account.id } });
    await tx.account.update({ where: { id: account.id }, data: { totpSecret: null, totpPendingSecret: null, totpLastStep: null, version: { increment: 1 } } });
    await recordAudit(tx, { action: "auth.lost_device", actorId: account.id, entityType: "account", entityId: account.id });
    return true;
  });
  if (!ended) return "refused";
  await clearFailures([keys[0]!]);
  return "ended";
}
