// Cases: the caseload figures and reading a case, scoped by the policy. Every view of a case
// (it shows the person) is audited.
import { recordAudit } from "~/audit/audit.server";
import { bulkReadRefused, withinBulkReadLimit } from "~/audit/bulk-read.server";
import { caseScope, holdsCaseload, restrictedNoteScope } from "~/auth/policy";
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
  if (holdsCaseload(viewer)) {
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

export type TimelineEntry = { at: string; kind: string; label: string; detail?: string | null };

/** A case with everything recorded on it, and one timeline of it all in order. The view is audited. */
export async function viewCase(viewer: Viewer, caseId: string) {
  const viewed = await db().$transaction(async (tx) => {
    const found = foundOr404(
      await tx.case.findFirst({
        // The case of an erased person holds nothing anyone could work with: it is not found.
        where: { AND: [{ id: caseId }, caseScope(viewer), { person: { erasedAt: null } }] },
        select: {
          id: true,
          status: true,
          closeReason: true,
          closeNote: true,
          openedAt: true,
          version: true,
          history: { select: { id: true, fromStatus: true, toStatus: true, reason: true, note: true, at: true }, orderBy: { at: "asc" } },
          assignments: { select: { id: true, kind: true, assignedAt: true, endedAt: true, account: { select: { id: true, displayName: true } } }, orderBy: { assignedAt: "asc" } },
          assessments: { select: { id: true, level: true, summary: true, assessedAt: true, version: true, track: { select: { id: true, key: true } } }, orderBy: { assessedAt: "asc" } },
          goals: { select: { id: true, title: true, status: true, version: true, createdAt: true, track: { select: { key: true } } }, orderBy: { createdAt: "asc" } },
          activities: { select: { id: true, kind: true, occurredAt: true, note: true }, orderBy: { occurredAt: "asc" } },
          notes: { where: restrictedNoteScope(viewer), select: { id: true, body: true, restricted: true, createdAt: true }, orderBy: { createdAt: "asc" } },
          tasks: { select: { id: true, title: true, dueOn: true, status: true, version: true, createdAt: true, completedAt: true, assignee: { select: { displayName: true } } }, orderBy: { dueOn: "asc" } },
          messages: { select: { id: true, body: true, createdAt: true, readAt: true, author: { select: { role: true, displayName: true } } }, orderBy: { createdAt: "asc" } },
          person: { select: { id: true, caseCode: true, preferredName: true, account: { select: { status: true } } } },
          referrals: {
            select: {
              id: true,
              status: true,
              version: true,
              sentAt: true,
              outcome: true,
              flaggedAt: true,
              goal: { select: { title: true } },
              service: { select: { name: true, organization: { select: { name: true } } } },
              history: { select: { toStatus: true, at: true } },
              messages: { select: { id: true, body: true, createdAt: true, author: { select: { role: true } } }, orderBy: { createdAt: "asc" } },
            },
            orderBy: { createdAt: "asc" },
          },
        },
      }),
    );
    if (!(await withinBulkReadLimit(tx, viewer, found.person.id))) return null;
    await recordAudit(tx, { action: "case.view", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "case", entityId: found.id, personId: found.person.id });
    return found;
  });
  if (!viewed) throw bulkReadRefused();

  const iso = (date: Date) => date.toISOString();
  const timeline: TimelineEntry[] = [
    ...viewed.history.map((h) => ({ at: iso(h.at), kind: "status", label: h.toStatus, detail: h.reason ?? h.note })),
    ...viewed.assignments.map((a) => ({ at: iso(a.assignedAt), kind: "assignment", label: a.account.displayName })),
    ...viewed.assessments.map((a) => ({ at: iso(a.assessedAt), kind: "assessment", label: a.track.key, detail: a.level })),
    ...viewed.goals.map((g) => ({ at: iso(g.createdAt), kind: "goal", label: g.title, detail: g.status })),
    ...viewed.activities.map((a) => ({ at: iso(a.occurredAt), kind: "activity", label: a.kind, detail: a.note })),
    ...viewed.notes.map((n) => ({ at: iso(n.createdAt), kind: "note", label: n.restricted ? "restricted" : "note", detail: n.body })),
    ...viewed.tasks.map((t) => ({ at: iso(t.createdAt), kind: "task", label: t.title, detail: null })),
    ...viewed.tasks.flatMap((t) => (t.completedAt ? [{ at: iso(t.completedAt), kind: "task-done", label: t.title, detail: t.status }] : [])),
    ...viewed.referrals.flatMap((r) => r.history.map((h) => ({ at: iso(h.at), kind: "referral", label: r.service.name, detail: h.toStatus }))),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const { history: _history, ...rest } = viewed;
  return { ...rest, timeline };
}

/** A caseworker's own cases with their next task, overdue tasks and unread messages. */
export async function myCaseload(viewer: Viewer) {
  const today = startOfToday();
  const cases = await db().case.findMany({
    where: { ...notClosed, assignments: { some: { accountId: viewer.accountId, endedAt: null } } },
    select: {
      id: true,
      status: true,
      person: { select: { caseCode: true, preferredName: true } },
      tasks: { where: { status: "open" }, select: { title: true, dueOn: true }, orderBy: { dueOn: "asc" } },
      _count: { select: { messages: { where: { readAt: null, author: { role: "client" } } } } },
    },
    orderBy: { openedAt: "desc" },
    take: 200,
  });
  return cases.map((c) => ({
    id: c.id,
    status: c.status,
    caseCode: c.person.caseCode,
    preferredName: c.person.preferredName,
    nextTask: c.tasks[0] ? { title: c.tasks[0].title, dueOn: c.tasks[0].dueOn.toISOString().slice(0, 10) } : null,
    overdue: c.tasks.filter((t) => t.dueOn < today).length,
    unread: c._count.messages,
  }));
}

/** The coordinator's board: cases without a caseworker, and the caseload of each caseworker. */
export async function coordinatorBoard() {
  const [unassigned, caseworkers] = await Promise.all([
    db().case.findMany({
      where: { ...notClosed, assignments: { none: { endedAt: null } } },
      select: { id: true, status: true, openedAt: true, version: true, person: { select: { caseCode: true } } },
      orderBy: { openedAt: "asc" },
      take: 100,
    }),
    db().account.findMany({
      where: { role: "caseworker", status: "active" },
      select: { id: true, displayName: true, _count: { select: { assignments: { where: { endedAt: null, case: notClosed } } } } },
      orderBy: { displayName: "asc" },
    }),
  ]);
  return {
    unassigned: unassigned.map((c) => ({ id: c.id, status: c.status, version: c.version, caseCode: c.person.caseCode, openedAt: c.openedAt.toISOString().slice(0, 10) })),
    caseworkers: caseworkers.map((a) => ({ id: a.id, displayName: a.displayName, openCases: a._count.assignments })),
  };
}

export function caseworkerChoices() {
  return db().account.findMany({ where: { role: "caseworker", status: "active" }, select: { id: true, displayName: true }, orderBy: { displayName: "asc" } });
}
