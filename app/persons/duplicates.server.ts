// Duplicate warnings: does a new request or person resemble someone already on file? Names
// are compared word by word in their folded forms (search-key.ts), so Cyrillic and Latin
// spellings meet; one wrong letter and swapped first and last names still match; a date of
// birth or a contact strengthens the match.
import { db } from "~/db/client.server";
import type { Prisma } from "~/db/generated/client";
import { contactKey, foldWord, skeleton, words } from "./search-key";

export type DuplicateReason = "same_name" | "similar_name" | "swapped_names" | "same_birth_date" | "same_contact";

export type DuplicateCandidate = { personId: string; caseCode: string; preferredName: string; reasons: DuplicateReason[] };

type WordMatch = "same" | "similar" | null;

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function compareWords(a: string, b: string): WordMatch {
  if (a === b) return "same";
  // Short words (Ана, Алесь) must agree exactly: one letter is too much of them.
  if (Math.min(a.length, b.length) >= 4 && levenshtein(a, b) <= 1) return "similar";
  if (Math.min(a.length, b.length) >= 5 && skeleton(a) === skeleton(b)) return "similar";
  return null;
}

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

const MAX_CANDIDATES = 400;

/** Persons on file who resemble the query, the strongest first. */
export async function findDuplicates(query: DuplicateQuery): Promise<DuplicateCandidate[]> {
  const nameWords = [...new Set(words(query.name).map(foldWord))];
  const contactKeys = (query.contacts ?? []).map(contactKey).filter((key) => key.length >= 4);
  const byName: Prisma.PersonWhereInput[] = nameWords.flatMap((word) => {
    const bones = skeleton(word);
    return [{ searchKey: { contains: ` ${word} ` } }, ...(bones.length >= 3 ? [{ searchKey: { contains: ` ~${bones} ` } }] : [])];
  });
  const or: Prisma.PersonWhereInput[] = [...byName, ...(contactKeys.length ? [{ contacts: { some: { searchKey: { in: contactKeys } } } }] : [])];
  if (or.length === 0) return [];
  const people = await db().person.findMany({
    where: { AND: [{ erasedAt: null, OR: or }, query.within ?? {}, query.excludePersonId ? { id: { not: query.excludePersonId } } : {}] },
    select: { id: true, caseCode: true, preferredName: true, fullName: true, fullNameLatin: true, birthDate: true, contacts: { select: { searchKey: true } } },
    take: MAX_CANDIDATES,
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
