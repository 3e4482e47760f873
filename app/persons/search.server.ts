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
import { read } from "~/db/read.server";
import { CANDIDATES, END, personsByName } from "./name-tokens.server";
import { contactKey } from "./search-key";

export const searchForm = z.object({
  // A longer query is cut, not refused: a search box answers, never errs.
  q: z.string().default("").transform((q) => q.trim().slice(0, 200)),
  track: z.string().max(40).optional().catch(undefined),
  status: z.enum(["open", "active", "on_hold", "closed"]).optional().catch(undefined),
  caseworker: z.string().max(40).optional().catch(undefined),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(Math.ceil(CANDIDATES / PAGE_SIZE)).catch(1),
});
export type SearchQuery = z.infer<typeof searchForm>;

/** Persons a query points at, each with a score; null when the query holds no text to search by. */
type Candidates = { scores: Map<string, number>; more: boolean } | null;

async function byCaseCode(q: string): Promise<Candidates> {
  const code = q.toUpperCase();
  // In SQL (app/db/read.server.ts): up to CANDIDATES rows along the unique index; the scope comes after.
  const rows = await read<{ id: string; caseCode: string }>`SELECT "id", "caseCode" FROM "Person" WHERE "caseCode" >= ${code} AND "caseCode" < ${code + END}
    ORDER BY "caseCode" LIMIT ${CANDIDATES}`;
  return { scores: new Map(rows.map((row) => [row.id, row.caseCode === code ? 2 : 1])), more: rows.length >= CANDIDATES };
}

async function byContact(q: string): Promise<Candidates> {
  const key = contactKey(q);
  const rows = await read<{ personId: string }>`SELECT "personId" FROM "ContactChannel" WHERE "searchKey" >= ${key} AND "searchKey" < ${key + END}
    ORDER BY "searchKey" LIMIT ${CANDIDATES}`;
  return { scores: new Map(rows.map((row) => [row.personId, 1])), more: rows.length >= CANDIDATES };
}

function byText(q: string): Promise<Candidates> | null {
  if (!q) return null;
  if (/^ac-?[a-z0-9-]+$/i.test(q)) return byCaseCode(q);
  if (/[@+]|\d{4,}/.test(q)) return byContact(q);
  return personsByName(q);
}

/** Without text, the most selective filter finds the candidates along its index. */
async function byFilter(query: SearchQuery): Promise<Candidates> {
  const all = (ids: string[]) => ({ scores: new Map(ids.map((id) => [id, 0])), more: ids.length >= CANDIDATES });
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
  const found = (await byText(query.q)) ?? (await byFilter(query));
  if (!found || found.scores.size === 0) return NOTHING;
  const candidates = found.scores;
  const caseConditions: Prisma.CaseWhereInput[] = [
    ...(query.status ? [{ status: query.status }] : []),
    ...(query.caseworker ? [{ assignments: { some: { accountId: query.caseworker, endedAt: null } } }] : []),
    ...(query.track ? [{ OR: [{ goals: { some: { trackId: query.track } } }, { assessments: { some: { trackId: query.track } } }] }] : []),
  ];
  const ids = [...candidates.keys()].slice(0, CANDIDATES);
  const persons = await db().person.findMany({
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
  const ranked = persons.sort((a, b) => (candidates.get(b.id) ?? 0) - (candidates.get(a.id) ?? 0) || a.caseCode.localeCompare(b.caseCode));
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
    more: found.more,
    page,
    pages,
  };
}
