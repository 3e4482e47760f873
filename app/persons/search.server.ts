// Finding persons: by case code, by a name in any script or spelling, or by a contact, with
// filters; always within the viewer's scope. Every way in reads an index range first (case
// codes, contact keys, the name-token table), takes at most CANDIDATES persons from it, and
// only then applies the scope and the filters, so a search costs what it finds. Results are
// ranked (whole words before beginnings of words, a spelling's consonants last) and paged.
import { z } from "zod";
import { personScope } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { CaseStatus, Prisma } from "~/db/generated/client";
import { PAGE_SIZE } from "~/db/paging";
import { contactKey, foldWord, skeleton, words } from "./search-key";

/** How many persons one way in may offer; a search that matches more says so and asks for more words. */
export const CANDIDATES = 1000;
/** Above every character a key holds: `token < prefix + END` is "begins with prefix". */
const END = "\u{10FFFF}";

export const searchForm = z.object({
  // A longer query is cut, not refused: a search box answers, never errs.
  q: z.string().default("").transform((q) => q.trim().slice(0, 200)),
  track: z.string().max(40).optional().catch(undefined),
  status: z.enum(["open", "active", "on_hold", "closed"]).optional().catch(undefined),
  caseworker: z.string().max(40).optional().catch(undefined),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(CANDIDATES / PAGE_SIZE).catch(1),
});
export type SearchQuery = z.infer<typeof searchForm>;

/** Persons a query points at, each with a score; null when the query holds no text to search by. */
type Candidates = Map<string, number> | null;

const beginsWith = (prefix: string) => ({ gte: prefix, lt: prefix + END });

async function byCaseCode(q: string): Promise<Candidates> {
  const code = q.toUpperCase();
  const rows = await db().person.findMany({ where: { caseCode: beginsWith(code) }, select: { id: true, caseCode: true }, orderBy: { caseCode: "asc" }, take: CANDIDATES });
  return new Map(rows.map((row) => [row.id, row.caseCode === code ? 2 : 1]));
}

async function byContact(q: string): Promise<Candidates> {
  const rows = await db().contactChannel.findMany({ where: { searchKey: beginsWith(contactKey(q)) }, select: { personId: true }, orderBy: { searchKey: "asc" }, take: CANDIDATES });
  return new Map(rows.map((row) => [row.personId, 1]));
}

/** How well a stored token matches a word of the query: the whole word, its beginning, or its consonants. */
function tokenScore(token: string, word: string): number {
  return token === word ? 3 : token.startsWith(word) ? 2 : 1;
}

/** The persons with a token for one word of the query, among `within` if given: one index range for the word's beginning, one lookup for its consonants. */
async function byWord(word: string, within?: string[]): Promise<Map<string, number>> {
  const bones = skeleton(word);
  const among = within ? { personId: { in: within } } : {};
  const select = { token: true, personId: true } as const;
  const [prefixed, consonants] = await Promise.all([
    db().nameToken.findMany({ where: { token: beginsWith(word), ...among }, select, orderBy: [{ token: "asc" }, { personId: "asc" }], take: CANDIDATES * 4 }),
    bones.length >= 3 && bones !== word
      ? db().nameToken.findMany({ where: { token: `~${bones}`, ...among }, select, orderBy: [{ token: "asc" }, { personId: "asc" }], take: CANDIDATES * 4 })
      : [],
  ]);
  const scores = new Map<string, number>();
  for (const row of [...prefixed, ...consonants]) scores.set(row.personId, Math.max(scores.get(row.personId) ?? 0, tokenScore(row.token, word)));
  return scores;
}

/** Persons whose names hold every word of the query (in any script), scored by how well. */
async function byName(q: string): Promise<Candidates> {
  const folded = [...new Set(words(q).map(foldWord).filter((w) => w.length >= 2))];
  if (folded.length === 0) return null;
  // The longest word is likely the rarest: it finds the candidates, the others narrow them.
  folded.sort((a, b) => b.length - a.length);
  let scores = await byWord(folded[0]!);
  for (const word of folded.slice(1)) {
    const ids = [...scores.keys()].slice(0, CANDIDATES);
    const next = await byWord(word, ids);
    scores = new Map([...next].map(([id, score]) => [id, score + (scores.get(id) ?? 0)]));
  }
  return scores;
}

function byText(q: string): Promise<Candidates> | null {
  if (!q) return null;
  if (/^ac-?[a-z0-9-]+$/i.test(q)) return byCaseCode(q);
  if (/[@+]|\d{4,}/.test(q)) return byContact(q);
  return byName(q);
}

/** Without text, the most selective filter finds the candidates along its index. */
async function byFilter(query: SearchQuery): Promise<Candidates> {
  const all = (ids: string[]) => new Map(ids.map((id) => [id, 0]));
  if (query.caseworker) {
    const rows = await db().caseAssignment.findMany({
      where: { accountId: query.caseworker, endedAt: null },
      select: { case: { select: { personId: true } } },
      orderBy: [{ assignedAt: "desc" }, { id: "desc" }],
      take: CANDIDATES,
    });
    return all(rows.map((row) => row.case.personId));
  }
  if (query.status) {
    const rows = await db().case.findMany({ where: { status: query.status }, select: { personId: true }, orderBy: { openedAt: "desc" }, take: CANDIDATES });
    return all(rows.map((row) => row.personId));
  }
  if (query.country) {
    const rows = await db().person.findMany({ where: { countryNow: query.country }, select: { id: true }, orderBy: { caseCode: "asc" }, take: CANDIDATES });
    return all(rows.map((row) => row.id));
  }
  if (query.track) {
    const rows = await db().goal.findMany({ where: { trackId: query.track }, select: { case: { select: { personId: true } } }, take: CANDIDATES });
    return all(rows.map((row) => row.case.personId));
  }
  return null;
}

export type SearchResults = {
  items: { id: string; caseCode: string; preferredName: string; countryNow: string | null; latestCase: { id: string; status: CaseStatus } | null }[];
  total: number;
  /** More persons matched than one search may offer: the query needs another word. */
  more: boolean;
  page: number;
  pages: number;
};

const NOTHING: SearchResults = { items: [], total: 0, more: false, page: 1, pages: 0 };

export async function searchPersons(viewer: Viewer, query: SearchQuery): Promise<SearchResults> {
  const candidates = (await byText(query.q)) ?? (await byFilter(query));
  if (!candidates || candidates.size === 0) return NOTHING;
  const caseConditions: Prisma.CaseWhereInput[] = [
    ...(query.status ? [{ status: query.status }] : []),
    ...(query.caseworker ? [{ assignments: { some: { accountId: query.caseworker, endedAt: null } } }] : []),
    ...(query.track ? [{ OR: [{ goals: { some: { trackId: query.track } } }, { assessments: { some: { trackId: query.track } } }] }] : []),
  ];
  const ids = [...candidates.keys()].slice(0, CANDIDATES);
  const found = await db().person.findMany({
    where: {
      AND: [
        { id: { in: ids } },
        personScope(viewer),
        ...(query.country ? [{ countryNow: query.country }] : []),
        ...(caseConditions.length ? [{ cases: { some: { AND: caseConditions } } }] : []),
      ],
    },
    select: { id: true, caseCode: true, preferredName: true, countryNow: true },
  });
  const ranked = found.sort((a, b) => (candidates.get(b.id) ?? 0) - (candidates.get(a.id) ?? 0) || a.caseCode.localeCompare(b.caseCode));
  const pages = Math.ceil(ranked.length / PAGE_SIZE);
  const page = Math.min(query.page, Math.max(pages, 1));
  const shown = ranked.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const cases = await db().case.findMany({
    where: { personId: { in: shown.map((p) => p.id) } },
    select: { id: true, status: true, personId: true, openedAt: true },
    orderBy: [{ personId: "asc" }, { openedAt: "desc" }],
  });
  const latest = new Map<string, { id: string; status: CaseStatus }>();
  for (const c of cases) if (!latest.has(c.personId)) latest.set(c.personId, { id: c.id, status: c.status });
  return {
    items: shown.map((p) => ({ ...p, latestCase: latest.get(p.id) ?? null })),
    total: ranked.length,
    more: candidates.size >= CANDIDATES,
    page,
    pages,
  };
}
