// Duplicate warnings: does a new request or person resemble someone already on file? Names
// are compared word by word in their folded forms (search-key.ts), so Cyrillic and Latin
// spellings meet; one wrong letter and swapped first and last names still match; a date of
// birth or a contact strengthens the match.
import { db } from "~/db/client.server";
import type { Prisma } from "~/db/generated/client";
import { CANDIDATES, holdersOf, personsByName } from "./name-tokens.server";
import { compareWords, contactKey, foldWord, words } from "./search-key";

export type DuplicateReason = "same_name" | "similar_name" | "swapped_names" | "same_birth_date" | "same_contact";

export type DuplicateCandidate = { personId: string; caseCode: string; preferredName: string; reasons: DuplicateReason[] };

/**
 * Whether two names are the same person's: two different words of one must each match a
 * different word of the other. Says whether the order was swapped and whether it was exact.
 */
export function compareNames(first: string, second: string): { kind: "same" | "similar"; swapped: boolean } | null {
  const a = words(first).map(foldWord);
  const b = words(second).map(foldWord);
  let best: { kind: "same" | "similar"; swapped: boolean } | null = null;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < a.length; j++) {
      if (i === j) continue;
      for (let k = 0; k < b.length; k++) {
        for (let l = 0; l < b.length; l++) {
          if (k === l) continue;
          const one = compareWords(a[i]!, b[k]!);
          const two = compareWords(a[j]!, b[l]!);
          if (!one || !two) continue;
          const kind = one === "same" && two === "same" ? "same" : "similar";
          // Swapped: the word that came first in one name comes second in the other.
          const swapped = i < j !== k < l;
          if (!best || (best.kind === "similar" && kind === "same") || (best.kind === kind && best.swapped && !swapped)) {
            best = { kind, swapped };
          }
        }
      }
    }
  }
  return best;
}

export type DuplicateQuery = {
  name: string;
  birthDate?: Date | null;
  contacts?: string[];
  excludePersonId?: string;
  /** Only among these persons (the viewer's scope, from the policy); all persons when absent. */
  within?: Prisma.PersonWhereInput;
};

/**
 * Persons on file who resemble the query, the strongest first. Retrieval is loose and reads
 * indexes only (the name-token table, the contact keys); the name comparison decides.
 */
export async function findDuplicates(query: DuplicateQuery): Promise<DuplicateCandidate[]> {
  const contactKeys = (query.contacts ?? []).map(contactKey).filter((key) => key.length >= 4);
  const [byName, byContact] = await Promise.all([
    personsByName(query.name),
    contactKeys.length ? db().contactChannel.findMany({ where: { searchKey: { in: contactKeys } }, select: { personId: true }, take: CANDIDATES }) : [],
  ]);
  const named = !byName ? [] : "pair" in byName ? await holdersOf(byName.pair) : [...byName.scores.keys()];
  const ids = [...new Set([...named, ...byContact.map((row) => row.personId)])].slice(0, CANDIDATES);
  if (ids.length === 0) return [];
  const people = await db().person.findMany({
    where: { AND: [{ id: { in: ids }, erasedAt: null }, query.within ?? {}, query.excludePersonId ? { id: { not: query.excludePersonId } } : {}] },
    select: { id: true, caseCode: true, preferredName: true, fullName: true, fullNameLatin: true, birthDate: true, contacts: { select: { searchKey: true } } },
  });

  const candidates: (DuplicateCandidate & { weight: number })[] = [];
  for (const person of people) {
    const reasons: DuplicateReason[] = [];
    const names = [person.fullName, person.fullNameLatin, person.preferredName].filter((n): n is string => Boolean(n));
    const matches = names.map((name) => compareNames(query.name, name)).filter((m) => m !== null);
    const exact = matches.find((m) => m.kind === "same");
    const match = exact ?? matches[0];
    if (match) {
      reasons.push(match.kind === "same" ? "same_name" : "similar_name");
      if (match.swapped && !matches.some((m) => !m.swapped)) reasons.push("swapped_names");
    }
    const sameBirth = Boolean(query.birthDate && person.birthDate && sameDay(query.birthDate, person.birthDate));
    const sameContact = person.contacts.some((c) => contactKeys.includes(c.searchKey));
    if (sameBirth && (match || sameContact)) reasons.push("same_birth_date");
    if (sameContact) reasons.push("same_contact");
    if (!match && !sameContact) continue;
    const weight = (match?.kind === "same" ? 3 : match ? 2 : 0) + (sameBirth ? 2 : 0) + (sameContact ? 3 : 0);
    candidates.push({ personId: person.id, caseCode: person.caseCode, preferredName: person.preferredName, reasons, weight });
  }
  return candidates
    .sort((x, y) => y.weight - x.weight)
    .slice(0, 10)
    .map(({ weight: _weight, ...candidate }) => candidate);
}

function sameDay(a: Date, b: Date): boolean {
  return a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
}
