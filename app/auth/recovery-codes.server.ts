// Ten one-time recovery codes per account, shown once and stored hashed. They carry 50 bits of
// randomness each, so a plain SHA-256 is enough (no password hashing needed).
import { createHash, randomInt } from "node:crypto";
import type { Db } from "~/db/client.server";

const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
export const RECOVERY_CODE_COUNT = 10;

function hashCode(code: string): string {
  return createHash("sha256").update(normalise(code)).digest("hex");
}

function normalise(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function looksLikeRecoveryCode(code: string): boolean {
  return normalise(code).length === 10 && /[a-z]/.test(normalise(code));
}

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Replaces the account's codes with ten new ones; returns them for showing once. */
export async function issueRecoveryCodes(tx: Pick<Db, "recoveryCode">, accountId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.recoveryCode.deleteMany({ where: { accountId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ accountId, codeHash: hashCode(code) })) });
  return codes;
}

/** Spends one unused code; true only the first time a code is used. */
export async function spendRecoveryCode(tx: Pick<Db, "recoveryCode">, accountId: string, code: string): Promise<boolean> {
  const spent = await tx.recoveryCode.updateMany({
    where: { accountId, codeHash: hashCode(code), usedAt: null },
    data: { usedAt: new Date() },
  });
  return spent.count === 1;
}
