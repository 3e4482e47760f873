// Finding persons: by case code, by a name in any script or spelling, or by a contact, with
// filters; always within the viewer's scope. Provider-neutral: plain contains/startsWith on
// the app's own folded keys.
import { z } from "zod";
import { personScope } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/db/generated/client";
import { contactKey, foldWord, words } from "./search-key";

export const searchForm = z.object({
  // A longer query is cut, not refused: a search box answers, never errs.
  q: z.string().default("").transform((q) => q.trim().slice(0, 200)),
  track: z.string().max(40).optional().catch(undefined),
  status: z.enum(["open", "active", "on_hold", "closed"]).optional().catch(undefined),
  caseworker: z.string().max(40).optional().catch(undefined),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).optional().catch(undefined),
});
export type SearchQuery = z.infer<typeof searchForm>;

function textCondition(q: string): Prisma.PersonWhereInput | null {
  if (!q) return null;
  if (/^ac-?[a-z0-9-]+$/i.test(q)) return { caseCode: { startsWith: q.toUpperCase() } };
  if (/[@+]|\d{4,}/.test(q)) return { contacts: { some: { searchKey: { contains: contactKey(q) } } } };
  const folded = words(q).map(foldWord).filter((w) => w.length >= 2);
  if (folded.length === 0) return null;
  return { AND: folded.map((word) => ({ searchKey: { contains: ` ${word}` } })) };
}

export async function searchPersons(viewer: Viewer, query: SearchQuery, take = 50) {
  const caseConditions: Prisma.CaseWhereInput[] = [
    ...(query.status ? [{ status: query.status }] : []),
    ...(query.caseworker ? [{ assignments: { some: { accountId: query.caseworker, endedAt: null } } }] : []),
    ...(query.track ? [{ OR: [{ goals: { some: { trackId: query.track } } }, { assessments: { some: { trackId: query.track } } }] }] : []),
  ];
  const text = textCondition(query.q);
  if (!text && caseConditions.length === 0 && !query.country) return [];
  const people = await db().person.findMany({
    where: {
      AND: [
        personScope(viewer),
        ...(text ? [text] : []),
        ...(query.country ? [{ countryNow: query.country }] : []),
        ...(caseConditions.length ? [{ cases: { some: { AND: caseConditions } } }] : []),
      ],
    },
    select: {
      id: true,
      caseCode: true,
      preferredName: true,
      countryNow: true,
      cases: { select: { id: true, status: true }, orderBy: { openedAt: "desc" }, take: 1 },
    },
    orderBy: { caseCode: "asc" },
    take,
  });
  return people.map((p) => ({ id: p.id, caseCode: p.caseCode, preferredName: p.preferredName, countryNow: p.countryNow, latestCase: p.cases[0] ?? null }));
}
