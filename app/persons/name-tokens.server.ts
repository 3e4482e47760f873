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
/**
 * A word more persons hold than this is common. A common word is not read on its own (that
 * would cost what the organisation holds): it is found whole beside another common word of the
 * name, along their pair token, or among the persons a rarer word of the name found.
 */
export const COMMON = 250;

/**
 * Two folded words of one name, in one token: "+andrei saraka". The "+" sorts before every
 * letter and digit, so no word's range ever reads a pair.
 */
export function pairToken(a: string, b: string): string {
  return a < b ? `+${a} ${b}` : `+${b} ${a}`;
}

/** Every two of these, each pair once. */
function pairsOf<T>(items: T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
}

/** The tokens of a stored search key (" folded … ~skeleton … "): each word, and each pair of its folded words. */
export function tokensOfKey(key: string): string[] {
  const tokens = [...new Set(key.split(" ").filter(Boolean))];
  const folded = tokens.filter((token) => !token.startsWith("~"));
  return [...tokens, ...pairsOf(folded).map(([a, b]) => pairToken(a, b))];
}

/** Replaces a person's tokens with those of their new search key (none after an erasure). */
export function saveNameTokens(tx: Tx, personId: string, key: string): Promise<void> {
  return replaceNameTokens(tx, [{ personId, key }]);
}

/** Replaces the tokens of these persons with those of their keys, in two statements for all of them. */
async function replaceNameTokens(tx: Tx, persons: { personId: string; key: string }[]): Promise<void> {
  await tx.nameToken.deleteMany({ where: { personId: { in: persons.map(({ personId }) => personId) } } });
  const data = persons.flatMap(({ personId, key }) => tokensOfKey(key).map((token) => ({ token, personId })));
  if (data.length) await tx.nameToken.createMany({ data });
}

/** `capped`: the word is common (a range held more than COMMON rows), and its scores are some of them only. */
type WordHits = { scores: Map<string, number>; capped: boolean };

/**
 * The persons with a name token for one folded word, scored: 3 the whole word, 2 a word that
 * begins with it, 1 a spelling or a typo of it (the same consonants, or one letter off among
 * the words that share its first three letters), each read along the token index. Without
 * `within`, a word found common by its first range is not read further.
 */
async function byWord(word: string, within?: string[]): Promise<WordHits> {
  // In SQL (app/db/read.server.ts): many rows a range, which Prisma would spend milliseconds on.
  type Hit = { token: string; personId: string };
  // Among given persons (at most CANDIDATES), a range holds a few tokens of each.
  const limit = within ? CANDIDATES * 4 : COMMON;
  const range = (from: string, to: string) =>
    read<Hit>`SELECT "token", "personId" FROM "NameToken" WHERE "token" >= ${from} AND "token" < ${to} ${within ? sql`AND "personId" IN (${within})` : sql``}
      ORDER BY "token", "personId" LIMIT ${limit}`;
  const scores = new Map<string, number>();
  const score = (personId: string, value: number) => scores.set(personId, Math.max(scores.get(personId) ?? 0, value));
  const prefixed = await range(word, word + END);
  for (const row of prefixed) score(row.personId, row.token === word ? 3 : 2);
  if (!within && prefixed.length >= limit) return { scores, capped: true };
  const bones = skeleton(word);
  const [consonants, neighbours] = await Promise.all([
    // Only "~bones" itself lies in [~bones, ~bones + "\u0001"): the token equal to it (PostgreSQL's text holds no "\0").
    bones.length >= 3 && bones !== word ? range(`~${bones}`, `~${bones}\u0001`) : [],
    word.length >= 5 ? range(word.slice(0, 3), word.slice(0, 3) + END) : [],
  ]);
  for (const row of consonants) score(row.personId, 1);
  for (const row of neighbours) if (compareWords(row.token, word)) score(row.personId, 1);
  return { scores, capped: !within && (consonants.length >= limit || neighbours.length >= limit) };
}

/** The persons who hold two of these common words whole, each with the words it holds; `capped` when a pair had more than one search offers. */
async function byPairs(common: string[]): Promise<{ words: Map<string, Set<string>>; capped: boolean }> {
  const pairs = pairsOf(common);
  const found = await Promise.all(pairs.map(([a, b]) => holdersOf(pairToken(a, b))));
  const words = new Map<string, Set<string>>();
  found.forEach((holders, index) => {
    for (const personId of holders) words.set(personId, new Set([...(words.get(personId) ?? []), ...pairs[index]!]));
  });
  return { words, capped: found.some((holders) => holders.length >= CANDIDATES) };
}

export type NameHits = { scores: Map<string, number>; more: boolean };
/**
 * Both words of a two-word name are common: its persons are those who hold this pair token,
 * for the caller to read in its own statement, a page at a time along the token index (a list
 * of their ids would cost what all of them are).
 */
export type HeldTogether = { pair: string };

/**
 * Persons whose names hold the words of a name in any script or spelling: every word of a
 * one- or two-word name, two of a longer one (a patronymic may be missing on either side).
 * Scored by the words matched, then how well. The rare words find the candidates, and so do
 * the pairs of common words; a common word is then asked again among the rare words' persons.
 * A single common word offers some of its holders, and says there are more.
 */
export async function personsByName(name: string): Promise<NameHits | HeldTogether | null> {
  const folded = [...new Set(words(name).map(foldWord).filter((w) => w.length >= 2))];
  if (folded.length === 0) return null;
  const hits = await Promise.all(folded.map((word) => byWord(word)));
  const common = folded.filter((_, index) => hits[index]!.capped);
  if (folded.length === 2 && common.length === 2) return { pair: pairToken(common[0]!, common[1]!) };
  const paired = common.length >= 2 ? await byPairs(common) : { words: new Map<string, Set<string>>(), capped: false };
  const byRareWords = new Set(hits.filter((hit) => !hit.capped).flatMap((hit) => [...hit.scores.keys()]));
  const found = new Set([...byRareWords, ...paired.words.keys()]);
  const partial = found.size === 0 && common.length > 0;
  const pool = partial ? new Set(hits.flatMap((hit) => [...hit.scores.keys()])) : found;
  const candidates = [...pool].slice(0, CANDIDATES);
  // Asked again among the rare words' persons only: the pairs' persons hold their common words whole.
  const askAgain = candidates.filter((personId) => byRareWords.has(personId));
  const exact = await Promise.all(hits.map((hit, index) => (hit.capped && askAgain.length ? byWord(folded[index]!, askAgain) : hit)));
  const needed = Math.min(2, folded.length);
  const scores = new Map<string, number>();
  for (const personId of candidates) {
    const whole = paired.words.get(personId);
    const matched = exact.map((hit, index) => Math.max(hit.scores.get(personId) ?? 0, whole?.has(folded[index]!) ? 3 : 0)).filter((value) => value > 0);
    if (matched.length >= needed) scores.set(personId, matched.length * 10 + matched.reduce((sum, value) => sum + value, 0));
  }
  return { scores, more: pool.size > CANDIDATES || partial || paired.capped };
}

/** The persons who hold a pair token, up to CANDIDATES (for a caller that wants their ids). */
export async function holdersOf(pair: string): Promise<string[]> {
  const rows = await read<{ personId: string }>`SELECT "personId" FROM "NameToken" WHERE "token" = ${pair} ORDER BY "personId" LIMIT ${CANDIDATES}`;
  return rows.map((row) => row.personId);
}

/**
 * Raised when the folding rules in search-key.ts or the tokens made of a key change: stored keys
 * and their tokens are then made again by `npm run upgrade`. 3: the pair tokens.
 */
export const SEARCH_KEYS_VERSION = "3";
const SEARCH_KEYS = "search_keys";

/**
 * Folds every stored name again with today's rules and writes its tokens again (after an
 * upgrade that changed either), a batch at a time; says how many keys changed. Does nothing
 * when the keys are current.
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
      const keys = persons.map((person) => ({ id: person.id, key: searchKey(person.preferredName, person.fullName, person.fullNameLatin), was: person.searchKey }));
      for (const { id, key, was } of keys) {
        if (key === was) continue;
        await tx.person.update({ where: { id }, data: { searchKey: key } });
        changed++;
      }
      // Every person's tokens, in two statements a batch: the tokens may have changed where the key did not.
      await replaceNameTokens(tx, keys.map(({ id, key }) => ({ personId: id, key })));
    });
    after = persons[persons.length - 1]!.id;
  }
  await client.setting.upsert({ where: { key: SEARCH_KEYS }, create: { key: SEARCH_KEYS, value: SEARCH_KEYS_VERSION }, update: { value: SEARCH_KEYS_VERSION } });
  return changed;
}
