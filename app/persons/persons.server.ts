// Persons: what a client sees of their own record in their personal space.
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { CaseStatus } from "~/db/generated/enums";

export type MySpace = { caseCode: string; caseStatus: CaseStatus | null };

export async function mySpace(viewer: Viewer): Promise<MySpace> {
  if (!viewer.personId) throw new Response("Not Found", { status: 404 });
  const person = await db().person.findUnique({
    where: { id: viewer.personId },
    select: { caseCode: true, cases: { select: { status: true }, orderBy: { openedAt: "desc" }, take: 1 } },
  });
  if (!person) throw new Response("Not Found", { status: 404 });
  return { caseCode: person.caseCode, caseStatus: person.cases[0]?.status ?? null };
}
