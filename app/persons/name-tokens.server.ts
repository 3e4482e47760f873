// The name-token table beside Person.searchKey: one row per word of the key, written in the
// same transaction as the key, so that search reads an index range instead of every name.
import type { Tx } from "~/db/client.server";

/** The words of a stored search key (" folded … ~skeleton … "). */
export function tokensOfKey(key: string): string[] {
  return [...new Set(key.split(" ").filter(Boolean))];
}

/** Replaces a person's tokens with those of their new search key (none after an erasure). */
export async function saveNameTokens(tx: Tx, personId: string, key: string): Promise<void> {
  await tx.nameToken.deleteMany({ where: { personId } });
  const tokens = tokensOfKey(key);
  if (tokens.length) await tx.nameToken.createMany({ data: tokens.map((token) => ({ token, personId })) });
}
