// Cases: the caseload figures and reading a case, scoped by the policy. Every view of a case
// (it shows the person) is audited.
import { recordAudit } from "~/audit/audit.server";
import { bulkReadRefused, withinBulkReadLimit } from "~/audit/bulk-read.server";
import { caseScope } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { foundOr404 } from "~/http/not-found";

const notClosed = { status: { not: "closed" } } as const;

function startOfToday(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export type StaffOverview =
  | { scope: "own"; myOpenCases: number; myOverdueTasks: number }
  | { scope: "all"; newRequests: number; openCases: number; unassignedCases: number; overdueTasks: number };

export async function staffOverview(viewer: Viewer): Promise<StaffOverview> {
  const today = startOfToday();
  const overdue = { status: "open", dueOn: { lt: today } } as const;
  if (viewer.role === "caseworker") {
    const [myOpenCases, myOverdueTasks] = await Promise.all([
      db().case.count({ where: { ...notClosed, ...caseScope(viewer) } }),
      db().task.count({ where: { ...overdue, assigneeId: viewer.accountId } }),
    ]);
    return { scope: "own", myOpenCases, myOverdueTasks };
  }
  const [newRequests, openCases, unassignedCases, overdueTasks] = await Promise.all([
    db().helpRequest.count({ where: { status: { in: ["new", "in_triage"] } } }),
    db().case.count({ where: notClosed }),
    db().case.count({ where: { ...notClosed, assignments: { none: { endedAt: null } } } }),
    db().task.count({ where: overdue }),
  ]);
  return { scope: "all", newRequests, openCases, unassignedCases, overdueTasks };
}

/** The most recently opened cases the viewer may see, by case code only. */
export function recentCases(viewer: Viewer, take = 20) {
  return db().case.findMany({
    where: { ...notClosed, ...caseScope(viewer) },
    select: { id: true, status: true, openedAt: true, person: { select: { id: true, caseCode: true } } },
    orderBy: { openedAt: "desc" },
    take,
  });
}

export async function viewCase(viewer: Viewer, caseId: string) {
  const viewed = await db().$transaction(async (tx) => {
    const found = foundOr404(
      await tx.case.findFirst({
        where: { AND: [{ id: caseId }, caseScope(viewer)] },
        select: {
          id: true,
          status: true,
          closeReason: true,
          openedAt: true,
          person: { select: { id: true, caseCode: true, preferredName: true } },
          goals: { select: { id: true, title: true, status: true, track: { select: { key: true } } }, orderBy: { createdAt: "asc" } },
          tasks: { where: { status: "open" }, select: { id: true, title: true, dueOn: true }, orderBy: { dueOn: "asc" } },
        },
      }),
    );
    if (!(await withinBulkReadLimit(tx, viewer, found.person.id))) return null;
    await recordAudit(tx, { action: "case.view", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "case", entityId: found.id, personId: found.person.id });
    return found;
  });
  if (!viewed) throw bulkReadRefused();
  return viewed;
}
