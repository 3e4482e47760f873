// Cases: the caseload figures and reading a case, scoped by the policy. Every view of a case
// (it shows the person) is audited.
import { recordAudit } from "~/audit/audit.server";
import { bulkReadRefused, withinBulkReadLimit } from "~/audit/bulk-read.server";
import { caseScope, holdsCaseload, restrictedNoteScope } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { CaseStatus } from "~/db/generated/enums";
import { read, readCount, sql } from "~/db/read.server";
import { storedDate } from "~/db/stored-date";
import { COUNT_CAP, HELD_CAP, keysetCursor, PAGE_SIZE, pageOf, parseKeyset } from "~/db/paging";
import { foundOr404 } from "~/http/not-found";

function startOfToday(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export type StaffOverview =
  | { scope: "own"; myOpenCases: number; myOverdueTasks: number }
  | { scope: "all"; newRequests: number; openCases: number; unassignedCases: number; overdueTasks: number };

const OPEN_CASE_STATES = ["open", "active", "on_hold"] as const;

/** The numbers at the top of /staff; each a count along an index that stops at COUNT_CAP. */
export async function staffOverview(viewer: Viewer): Promise<StaffOverview> {
  const today = startOfToday();
  if (holdsCaseload(viewer)) {
    // In SQL: a caseworker opens this page all day (app/db/read.server.ts).
    const [myOpenCases, myOverdueTasks] = await Promise.all([
      openCasesHeld(viewer.accountId),
      readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Task"
        WHERE "assigneeId" = ${viewer.accountId} AND "status" = 'open' AND "dueOn" < ${today} LIMIT ${COUNT_CAP + 1}) AS "late"`,
    ]);
    return { scope: "own", myOpenCases, myOverdueTasks };
  }
  // Each count stops at the cap, read along its index.
  const [newRequests, openCases, unassignedCases, overdueTasks] = await Promise.all([
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "HelpRequest" WHERE "status" IN (${["new", "in_triage"]}) LIMIT ${COUNT_CAP + 1}) AS "waiting"`,
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Case" WHERE "status" IN (${[...OPEN_CASE_STATES]}) LIMIT ${COUNT_CAP + 1}) AS "open"`,
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Case" WHERE "unassignedSince" IS NOT NULL LIMIT ${COUNT_CAP + 1}) AS "unassigned"`,
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Task" WHERE "status" = 'open' AND "dueOn" < ${today} LIMIT ${COUNT_CAP + 1}) AS "late"`,
  ]);
  return { scope: "all", newRequests, openCases, unassignedCases, overdueTasks };
}

/** How many cases that are not closed an account holds (lead or shared), up to HELD_CAP. */
function openCasesHeld(accountId: string): Promise<number> {
  return readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "CaseAssignment" JOIN "Case" ON "Case"."id" = "CaseAssignment"."caseId"
    WHERE "CaseAssignment"."accountId" = ${accountId} AND "CaseAssignment"."endedAt" IS NULL AND "Case"."status" <> 'closed' LIMIT ${HELD_CAP + 1}) AS "held"`;
}

export type TimelineEntry = { at: string; kind: string; label: string; detail?: string | null };

/** How many of a case's activities, notes and messages, and of its timeline, one page shows. */
export const HISTORY_PAGE = 50;

/**
 * A case with what is recorded on it, and one timeline of it all in order. The lists that grow
 * without end (activities, notes, messages) come newest first, HISTORY_PAGE at a time, before
 * `before` when given: a case with thousands of entries opens as fast as a new one. The view
 * is audited.
 */
export async function viewCase(viewer: Viewer, caseId: string, before?: Date) {
  const older = before ? { lt: before } : undefined;
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
          activities: { where: { occurredAt: older }, select: { id: true, kind: true, occurredAt: true, note: true }, orderBy: { occurredAt: "desc" }, take: HISTORY_PAGE + 1 },
          notes: {
            where: { AND: [restrictedNoteScope(viewer), { createdAt: older }] },
            select: { id: true, body: true, restricted: true, createdAt: true },
            orderBy: { createdAt: "desc" },
            take: HISTORY_PAGE + 1,
          },
          tasks: { select: { id: true, title: true, dueOn: true, status: true, version: true, createdAt: true, completedAt: true, assignee: { select: { displayName: true } } }, orderBy: { dueOn: "asc" } },
          messages: {
            where: { createdAt: older },
            select: { id: true, body: true, createdAt: true, readAt: true, author: { select: { role: true, displayName: true } } },
            orderBy: { createdAt: "desc" },
            take: HISTORY_PAGE + 1,
          },
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
  // Each growing list: its newest HISTORY_PAGE, oldest first; whether there is more before them.
  const page = <T,>(rows: T[]) => ({ rows: rows.slice(0, HISTORY_PAGE).reverse(), more: rows.length > HISTORY_PAGE });
  const [activities, notes, messages] = [page(viewed.activities), page(viewed.notes), page(viewed.messages)];
  const all: TimelineEntry[] = [
    ...viewed.history.map((h) => ({ at: iso(h.at), kind: "status", label: h.toStatus, detail: h.reason ?? h.note })),
    ...viewed.assignments.map((a) => ({ at: iso(a.assignedAt), kind: "assignment", label: a.account.displayName })),
    ...viewed.assessments.map((a) => ({ at: iso(a.assessedAt), kind: "assessment", label: a.track.key, detail: a.level })),
    ...viewed.goals.map((g) => ({ at: iso(g.createdAt), kind: "goal", label: g.title, detail: g.status })),
    ...activities.rows.map((a) => ({ at: iso(a.occurredAt), kind: "activity", label: a.kind, detail: a.note })),
    ...notes.rows.map((n) => ({ at: iso(n.createdAt), kind: "note", label: n.restricted ? "restricted" : "note", detail: n.body })),
    ...viewed.tasks.map((t) => ({ at: iso(t.createdAt), kind: "task", label: t.title, detail: null })),
    ...viewed.tasks.flatMap((t) => (t.completedAt ? [{ at: iso(t.completedAt), kind: "task-done", label: t.title, detail: t.status }] : [])),
    ...viewed.referrals.flatMap((r) => r.history.map((h) => ({ at: iso(h.at), kind: "referral", label: r.service.name, detail: h.toStatus }))),
  ]
    .filter((entry) => !before || entry.at < iso(before))
    .sort((a, b) => a.at.localeCompare(b.at));
  // The newest HISTORY_PAGE entries, never cutting between entries of the same moment; and
  // not past the oldest entry a growing list showed, since what lies before it is not loaded.
  const floor = [activities, notes, messages].filter((list) => list.more && list.rows.length).map((list) => iso(dateOf(list.rows[0]!)));
  const limit = floor.length ? floor.sort().at(-1)! : "";
  let start = Math.max(0, all.length - HISTORY_PAGE);
  while (start > 0 && all[start - 1]!.at === all[start]!.at) start--;
  const timeline = all.slice(start).filter((entry) => entry.at >= limit);
  // Where the next page starts (entries before this moment), when there is one.
  const earlier = timeline.length < all.length || floor.length > 0 ? (timeline[0]?.at ?? null) : null;
  const { history: _history, activities: _activities, notes: _notes, messages: _messages, ...rest } = viewed;
  return { ...rest, notes: notes.rows, messages: messages.rows, timeline, earlier };
}

function dateOf(row: { occurredAt: Date } | { createdAt: Date }): Date {
  return "occurredAt" in row ? row.occurredAt : row.createdAt;
}

/**
 * A page of the caseworker's own open cases, newest assignment first, with each case's next
 * task, overdue tasks and unread messages from the person. It starts from the viewer's
 * assignments, so it costs what their caseload costs, not what the organisation holds.
 */
export async function myCaseload(viewer: Viewer, after?: string) {
  const today = startOfToday();
  const key = parseKeyset(after);
  // In SQL, as its counts above. The index (accountId, endedAt, assignedAt, id) is read from the
  // cursor on: `assignedAt <= t` bounds the range, the OR leaves out what was shown.
  const rows = await read<{ assignmentId: string; assignedAt: string; id: string; status: CaseStatus; caseCode: string; preferredName: string }>`
    SELECT "CaseAssignment"."id" AS "assignmentId", "CaseAssignment"."assignedAt", "Case"."id", "Case"."status", "Person"."caseCode", "Person"."preferredName"
    FROM "CaseAssignment" JOIN "Case" ON "Case"."id" = "CaseAssignment"."caseId" JOIN "Person" ON "Person"."id" = "Case"."personId"
    WHERE "CaseAssignment"."accountId" = ${viewer.accountId} AND "CaseAssignment"."endedAt" IS NULL AND "Case"."status" <> 'closed'
      ${key ? sql`AND "CaseAssignment"."assignedAt" <= ${key.at} AND ("CaseAssignment"."assignedAt" < ${key.at} OR "CaseAssignment"."id" < ${key.id})` : sql``}
    ORDER BY "CaseAssignment"."assignedAt" DESC, "CaseAssignment"."id" DESC LIMIT ${PAGE_SIZE + 1}`;
  const page = pageOf(rows, (row) => keysetCursor(new Date(row.assignedAt), row.assignmentId));
  const caseIds = page.items.map((row) => row.id);
  const [tasks, unread] = await Promise.all([
    read<{ caseId: string; title: string; dueOn: string }>`SELECT "caseId", "title", "dueOn" FROM "Task" WHERE "caseId" IN (${caseIds}) AND "status" = 'open'`,
    read<{ caseId: string; n: number }>`SELECT "CaseMessage"."caseId", count(*) AS "n" FROM "CaseMessage" JOIN "Account" ON "Account"."id" = "CaseMessage"."authorId"
      WHERE "CaseMessage"."caseId" IN (${caseIds}) AND "CaseMessage"."readAt" IS NULL AND "Account"."role" = 'client' GROUP BY "CaseMessage"."caseId"`,
  ]);
  const unreadOf = new Map(unread.map((row) => [row.caseId, Number(row.n)]));
  const todayText = storedDate(today);
  return {
    next: page.next,
    items: page.items.map((c) => {
      const open = tasks.filter((task) => task.caseId === c.id);
      const next = open.reduce<(typeof open)[number] | null>((soonest, task) => (!soonest || task.dueOn < soonest.dueOn ? task : soonest), null);
      return {
        id: c.id,
        status: c.status,
        caseCode: c.caseCode,
        preferredName: c.preferredName,
        nextTask: next ? { title: next.title, dueOn: next.dueOn.slice(0, 10) } : null,
        overdue: open.filter((task) => task.dueOn < todayText).length,
        unread: unreadOf.get(c.id) ?? 0,
      };
    }),
  };
}

export async function coordinatorBoard(after?: string) {
  const key = parseKeyset(after);
  // Oldest waiting first, along the index (unassignedSince, id) from the cursor on.
  const [rows, caseworkers] = await Promise.all([
    read<{ id: string; status: CaseStatus; openedAt: string; unassignedSince: string; version: number; caseCode: string }>`
      SELECT "Case"."id", "Case"."status", "Case"."openedAt", "Case"."unassignedSince", "Case"."version", "Person"."caseCode"
      FROM "Case" JOIN "Person" ON "Person"."id" = "Case"."personId"
      WHERE ${key ? sql`"Case"."unassignedSince" >= ${key.at} AND ("Case"."unassignedSince" > ${key.at} OR "Case"."id" > ${key.id})` : sql`"Case"."unassignedSince" IS NOT NULL`}
      ORDER BY "Case"."unassignedSince", "Case"."id" LIMIT ${PAGE_SIZE + 1}`,
    caseworkerChoices(),
  ]);
  const openCases = await Promise.all(caseworkers.map((a) => openCasesHeld(a.id)));
  const unassigned = pageOf(rows, (row) => keysetCursor(new Date(row.unassignedSince), row.id));
  return {
    unassigned: {
      next: unassigned.next,
      items: unassigned.items.map((c) => ({ id: c.id, status: c.status, version: Number(c.version), caseCode: c.caseCode, openedAt: c.openedAt.slice(0, 10) })),
    },
    caseworkers: caseworkers.map((a, index) => ({ id: a.id, displayName: a.displayName, openCases: openCases[index] ?? 0 })),
  };
}

export function caseworkerChoices() {
  return read<{ id: string; displayName: string }>`SELECT "id", "displayName" FROM "Account" WHERE "role" = 'caseworker' AND "status" = 'active' ORDER BY "displayName"`;
}
