// The name-token table beside Person.searchKey: one row per word of the key, written in the
// same transaction as the key, so that search and duplicate warnings read index ranges
// instead of every name. Provider-neutral: plain ranges on a plain column (ENGINEERING.md).
import { type Db, type Tx } from "~/db/client.server";
import { read, sql } from "~/db/read.server";
import { compareWords, foldWord, searchKey, skeleton, words } from "./search-key";

/** How many persons one way in may offer; a search that matches more says so. */
export const CANDIDATES = 1000;
/** Above every character a key holds: `token < prefix + END` is "begins with prefix". */
export const END = "\u{10FFFF}";
const ROWS = CANDIDATES * 4;

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

type WordHits = { scores: Map<string, number>; capped: boolean };

/**
 * The persons with a name token for one folded word, scored: 3 the whole word, 2 a word that
 * begins with it, 1 a spelling or a typo of it (the same consonants, or one letter off among
 * the words that share its first three letters), each read along the token index.
 */
async function byWord(word: string, within?: string[]): Promise<WordHits> {
  // In SQL (app/db/read.server.ts): up to ROWS rows a range, which Prisma would spend milliseconds on.
  type Hit = { token: string; personId: string };
  const range = (from: string, to: string) =>
    read<Hit>`SELECT "token", "personId" FROM "NameToken" WHERE "token" >= ${from} AND "token" < ${to} ${within ? sql`AND "personId" IN (${within})` : sql``}
      ORDER BY "token", "personId" LIMIT ${ROWS}`;
  const bones = skeleton(word);
  const [prefixed, consonants, neighbours] = await Promise.all([
    range(word, word + END),
    // Only "~bones" itself lies in [~bones, ~bones + "\0"): the token equal to it.
    bones.length >= 3 && bones !== word ? range(`~${bones}`, `~${bones}\u0000`) : [],
    word.length >= 5 ? range(word.slice(0, 3), word.slice(0, 3) + END) : [],
  ]);
  const scores = new Map<string, number>();
  const score = (personId: string, value: number) => scores.set(personId, Math.max(scores.get(personId) ?? 0, value));
  for (const row of prefixed) score(row.personId, row.token === word ? 3 : 2);
  for (const row of consonants) score(row.personId, 1);
  for (const row of neighbours) if (compareWords(row.token, word)) score(row.personId, 1);
  return { scores, capped: prefixed.length >= ROWS || neighbours.length >= ROWS };
}

export type NameHits = { scores: Map<string, number>; more: boolean };

/**
 * Persons whose names hold the words of a name in any script or spelling: every word of a
 * one- or two-word name, two of a longer one (a patronymic may be missing on either side).
 * Scored by the words matched, then how well. The rarest words find the candidates; a word
 * with more hits than one read takes is asked again among them.
 */
export async function personsByName(name: string, within?: string[]): Promise<NameHits | null> {
  const folded = [...new Set(words(name).map(foldWord).filter((w) => w.length >= 2))];
  if (folded.length === 0) return null;
  const hits = await Promise.all(folded.map((word) => byWord(word, within)));
  const complete = hits.filter((hit) => !hit.capped);
  const pool = new Set((complete.length ? complete : hits).flatMap((hit) => [...hit.scores.keys()]));
  const candidates = [...pool].slice(0, CANDIDATES);
  const exact = await Promise.all(hits.map((hit, index) => (hit.capped && complete.length ? byWord(folded[index]!, candidates) : hit)));
  const needed = Math.min(2, folded.length);
  const scores = new Map<string, number>();
  for (const personId of candidates) {
    const matched = exact.map((hit) => hit.scores.get(personId) ?? 0).filter((value) => value > 0);
    if (matched.length >= needed) scores.set(personId, matched.length * 10 + matched.reduce((sum, value) => sum + value, 0));
  }
  return { scores, more: pool.size > CANDIDATES || complete.length === 0 };
}

/** Raised when the folding rules in search-key.ts change: stored keys are then refolded by `npm run upgrade`. */
export const SEARCH_KEYS_VERSION = "2";
const SEARCH_KEYS = "search_keys";

/**
 * Folds every stored name again with today's rules (after an upgrade that changed them), a
 * batch at a time; says how many keys changed. Does nothing when the keys are current.
 */
export async function refreshSearchKeys(client: Db, batch = 500): Promise<number | null> {
  const setting = await client.setting.findUnique({ where: { key: SEARCH_KEYS }, select: { value: true } });
  if (setting?.value === SEARCH_KEYS_VERSION) return null;
  let changed = 0;
  for (let after = ""; ; ) {
    const persons = await client.person.findMany({
      where: { id: { gt: after }, erasedAt: null },
      select: { id: true, preferredName: true, fullName: true, fullNameLatin: true, searchKey: true },
      orderBy: { id: "asc" },
      take: batch,
    });
    if (persons.length === 0) break;
    await client.$transaction(async (tx) => {
      for (const person of persons) {
        const key = searchKey(person.preferredName, person.fullName, person.fullNameLatin);
        // An unchanged key has its tokens already (written with it, or by the migration that made the table).
        if (key === person.searchKey) continue;
        await tx.person.update({ where: { id: person.id }, data: { searchKey: key } });
        await saveNameTokens(tx, person.id, key);
        changed++;
      }
    });
    after = persons[persons.length - 1]!.id;
  }
  await client.setting.upsert({ where: { key: SEARCH_KEYS }, create: { key: SEARCH_KEYS, value: SEARCH_KEYS_VERSION }, update: { value: SEARCH_KEYS_VERSION } });
  return changed;
}
