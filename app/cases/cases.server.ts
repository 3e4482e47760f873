// Cases: the caseload figures of the staff overview. Scoped by the viewer's role: a
// caseworker counts only the cases assigned to them.
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";

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
      db().case.count({ where: { ...notClosed, assignments: { some: { accountId: viewer.accountId, endedAt: null } } } }),
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
