// Finding persons: by case code, by a name in any script or spelling, or by a contact, with
// filters; always within the viewer's scope. Every way in reads an index range first (case
// codes, contact keys, the name-token table), takes at most CANDIDATES persons from it, and
// only then applies the scope and the filters, so a search costs what it finds. Results are
// ranked (whole words before beginnings of words, a spelling's consonants last) and paged.
import { z } from "zod";
import { personScopeSql } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import type { CaseStatus } from "~/db/generated/client";
import { PAGE_SIZE } from "~/db/paging";
import { read, readCount, sql } from "~/db/read.server";
import { andAll, type Fragment } from "~/db/sql";
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

/**
 * Persons a query points at: `among` the condition that names them (a range of the case-code
 * index, the holders of name pairs, or a list of ids another index gave), and either `order`,
 * their order in SQL, or `score`, how well each one of a list matches; null when the query
 * holds nothing to search by.
 */
type Candidates =
  | ({ among: Fragment; more: boolean } & ({ order: Fragment } | { score: (person: { id: string; caseCode: string }) => number }))
  | null;

const listed = (scores: Map<string, number>, more: boolean): Candidates => ({
  among: sql`"Person"."id" IN (${[...scores.keys()].slice(0, CANDIDATES)})`,
  score: (person) => scores.get(person.id) ?? 0,
  more,
});

function byCaseCode(q: string): Candidates {
  const code = q.toUpperCase();
  // Read with the scope in one statement along the unique index: the exact code comes first.
  return { among: sql`"Person"."caseCode" >= ${code} AND "Person"."caseCode" < ${code + END}`, order: sql`"Person"."caseCode"`, more: false };
}

/** The holders of a name's pair token, when both its words are common: in the order of their ids, which the token index gives. */
function heldTogether(pair: string): Candidates {
  return { among: sql`"Person"."id" IN (SELECT "personId" FROM "NameToken" WHERE "token" = ${pair})`, order: sql`"Person"."id"`, more: false };
}

async function byContact(q: string): Promise<Candidates> {
  const key = contactKey(q);
  const rows = await read<{ personId: string }>`SELECT "personId" FROM "ContactChannel" WHERE "searchKey" >= ${key} AND "searchKey" < ${key + END}
    ORDER BY "searchKey" LIMIT ${CANDIDATES}`;
  return listed(new Map(rows.map((row) => [row.personId, 1])), rows.length >= CANDIDATES);
}

async function byText(q: string): Promise<Candidates> {
  if (!q) return null;
  if (/^ac-?[a-z0-9-]+$/i.test(q)) return byCaseCode(q);
  if (/[@+]|\d{4,}/.test(q)) return byContact(q);
  const hits = await personsByName(q);
  return hits && ("pair" in hits ? heldTogether(hits.pair) : listed(hits.scores, hits.more));
}

/** Without text, the most selective filter finds the candidates along its index (in SQL, as the rest). */
async function byFilter(query: SearchQuery): Promise<Candidates> {
  const all = (rows: { personId: string }[]) => listed(new Map(rows.map((row) => [row.personId, 0])), rows.length >= CANDIDATES);
  if (query.caseworker) {
    return all(
      await read<{ personId: string }>`SELECT "Case"."personId" FROM "CaseAssignment" JOIN "Case" ON "Case"."id" = "CaseAssignment"."caseId"
        WHERE "CaseAssignment"."accountId" = ${query.caseworker} AND "CaseAssignment"."endedAt" IS NULL
        ORDER BY "CaseAssignment"."assignedAt" DESC, "CaseAssignment"."id" DESC LIMIT ${CANDIDATES}`,
    );
  }
  if (query.status) {
    return all(await read<{ personId: string }>`SELECT "personId" FROM "Case" WHERE "status" = ${query.status} ORDER BY "openedAt" DESC LIMIT ${CANDIDATES}`);
  }
  if (query.country) {
    return all(await read<{ personId: string }>`SELECT "id" AS "personId" FROM "Person" WHERE "countryNow" = ${query.country} ORDER BY "caseCode" LIMIT ${CANDIDATES}`);
  }
  if (query.track) {
    // A track is a case's through a goal or a needs assessment, as the filter itself says (shownWhere).
    return all(
      await read<{ personId: string }>`SELECT "personId" FROM (SELECT "Case"."personId" FROM "Goal" JOIN "Case" ON "Case"."id" = "Goal"."caseId"
          WHERE "Goal"."trackId" = ${query.track} LIMIT ${CANDIDATES}) AS "byGoal"
        UNION SELECT "personId" FROM (SELECT "Case"."personId" FROM "NeedsAssessment" JOIN "Case" ON "Case"."id" = "NeedsAssessment"."caseId"
          WHERE "NeedsAssessment"."trackId" = ${query.track} LIMIT ${CANDIDATES}) AS "byAssessment"
        LIMIT ${CANDIDATES}`,
    );
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

type Shown = Omit<SearchResults["items"][number], "latestCase">;

/** What a person found must meet: among the candidates, in the viewer's scope, through the filters. */
function shownWhere(viewer: Viewer, query: SearchQuery, found: NonNullable<Candidates>): Fragment {
  const caseConditions = [
    // `|| ''` keeps SQLite on the person's cases: on "status" alone it would walk every case of that status.
    ...(query.status ? [sql`"Case"."status" || '' = ${query.status}`] : []),
    ...(query.caseworker
      ? [sql`EXISTS (SELECT 1 FROM "CaseAssignment" WHERE "CaseAssignment"."caseId" = "Case"."id" AND "CaseAssignment"."accountId" = ${query.caseworker} AND "CaseAssignment"."endedAt" IS NULL)`]
      : []),
    ...(query.track
      ? [sql`(EXISTS (SELECT 1 FROM "Goal" WHERE "Goal"."caseId" = "Case"."id" AND "Goal"."trackId" = ${query.track})
          OR EXISTS (SELECT 1 FROM "NeedsAssessment" WHERE "NeedsAssessment"."caseId" = "Case"."id" AND "NeedsAssessment"."trackId" = ${query.track}))`]
      : []),
  ];
  return sql`${found.among} AND ${personScopeSql(viewer)}
    ${query.country ? sql`AND "Person"."countryNow" = ${query.country}` : sql``}
    ${caseConditions.length ? sql`AND EXISTS (SELECT 1 FROM "Case" WHERE "Case"."personId" = "Person"."id"${andAll(caseConditions)})` : sql``}`;
}

const pageWithin = (asked: number, total: number) => Math.min(asked, Math.max(Math.ceil(total / PAGE_SIZE), 1));

/** The persons of the page asked for, and how many were found (up to CANDIDATES); in SQL. */
async function pageOfPersons(viewer: Viewer, query: SearchQuery, found: NonNullable<Candidates>): Promise<{ shown: Shown[]; total: number; page: number }> {
  const where = shownWhere(viewer, query, found);
  if ("order" in found) {
    // Ordered in SQL (case codes along their index, the exact code first): count, then read the one page.
    const total = await readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Person" WHERE ${where} LIMIT ${CANDIDATES}) AS "found"`;
    const page = pageWithin(query.page, total);
    const shown = await read<Shown>`SELECT "id", "caseCode", "preferredName", "countryNow" FROM "Person" WHERE ${where}
      ORDER BY ${found.order} LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`;
    return { shown, total, page };
  }
  // Ids another index gave, at most CANDIDATES: all of them, ranked here by how well each matched.
  const persons = await read<Shown>`SELECT "id", "caseCode", "preferredName", "countryNow" FROM "Person" WHERE ${where}`;
  const ranked = persons.sort((a, b) => found.score(b) - found.score(a) || a.caseCode.localeCompare(b.caseCode));
  const page = pageWithin(query.page, ranked.length);
  return { shown: ranked.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: ranked.length, page };
}

export async function searchPersons(viewer: Viewer, query: SearchQuery): Promise<SearchResults> {
  const found = (await byText(query.q)) ?? (await byFilter(query));
  if (!found) return NOTHING;
  const { shown, total, page } = await pageOfPersons(viewer, query, found);
  const cases = shown.length
    ? await read<{ id: string; status: CaseStatus; personId: string }>`SELECT "id", "status", "personId" FROM "Case"
        WHERE "personId" IN (${shown.map((p) => p.id)}) ORDER BY "personId", "openedAt" DESC`
    : [];
  const latest = new Map<string, { id: string; status: CaseStatus }>();
  for (const c of cases) if (!latest.has(c.personId)) latest.set(c.personId, { id: c.id, status: c.status });
  return {
    items: shown.map((p) => ({ ...p, latestCase: latest.get(p.id) ?? null })),
    total,
    more: found.more || total >= CANDIDATES,
    page,
    pages: Math.ceil(total / PAGE_SIZE),
  };
}
