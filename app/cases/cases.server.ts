// Cases: the caseload figures and reading a case, scoped by the policy. Every view of a case
// (it shows the person) is audited.
import { caseAssistance } from "~/assistance/assistance.server";
import { bulkReadRefused, recordViews } from "~/audit/bulk-read.server";
import { caseScopeSql, holdsCaseload, restrictedNoteScopeSql } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import type { AccountStatus, ActivityKind, AssignmentKind, CaseCloseReason, CaseStatus, GoalStatus, NeedLevel, ReferralStatus, Role, TaskEventKind, TaskStatus, Urgency } from "~/db/generated/enums";
import type { Fragment } from "~/db/sql";
import { read, readCount, sql } from "~/db/read.server";
import { dateOrNull, storedDate } from "~/db/stored-date";
import { COUNT_CAP, HELD_CAP, keysetCursor, PAGE_SIZE, pageOf, parseKeyset } from "~/db/paging";
import { foundOr404 } from "~/http/not-found";
import { waitingCount } from "~/referrals/waiting.server";
import type { NamedTrack } from "~/i18n/track-name";

/** Midnight UTC today: a task due before it is overdue. */
export function startOfToday(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export type StaffOverview =
  | { scope: "own"; myOpenCases: number; myOverdueTasks: number }
  | { scope: "all"; newRequests: number; openCases: number; unassignedCases: number; overdueTasks: number; waitingReferrals: number };

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
  const [newRequests, openCases, unassignedCases, overdueTasks, waitingReferrals] = await Promise.all([
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "HelpRequest" WHERE "status" IN (${["new", "in_triage"]}) LIMIT ${COUNT_CAP + 1}) AS "waiting"`,
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Case" WHERE "status" IN (${[...OPEN_CASE_STATES]}) LIMIT ${COUNT_CAP + 1}) AS "open"`,
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Case" WHERE "unassignedSince" IS NOT NULL LIMIT ${COUNT_CAP + 1}) AS "unassigned"`,
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Task" WHERE "status" = 'open' AND "dueOn" < ${today} LIMIT ${COUNT_CAP + 1}) AS "late"`,
    waitingCount(),
  ]);
  return { scope: "all", newRequests, openCases, unassignedCases, overdueTasks, waitingReferrals };
}

/** How many cases that are not closed an account holds (lead or shared), up to HELD_CAP. */
function openCasesHeld(accountId: string): Promise<number> {
  return readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "CaseAssignment" JOIN "Case" ON "Case"."id" = "CaseAssignment"."caseId"
    WHERE "CaseAssignment"."accountId" = ${accountId} AND "CaseAssignment"."endedAt" IS NULL AND "Case"."status" <> 'closed' LIMIT ${HELD_CAP + 1}) AS "held"`;
}

/** One step on a case's timeline: when, what, and who did it (`author`, when known). */
export type TimelineEntry = { at: string; kind: string; label: string; detail?: string | null; extra?: string | null; note?: string | null; money?: { amountMinor: number; currency: string } | null; author?: string | null };

/** How many of a case's activities, notes and messages, and of its timeline, one page shows. */
export const HISTORY_PAGE = 50;

/** A case's referrals with their history and messages, in SQL (three statements for any number of referrals). */
async function caseReferrals(caseId: string) {
  const referrals = await read<{ id: string; status: ReferralStatus; version: number; sentAt: string | null; outcome: string | null; flaggedAt: string | null;
    goalTitle: string | null; serviceName: string; organizationName: string }>`
    SELECT "Referral"."id", "Referral"."status", "Referral"."version", "Referral"."sentAt", "Referral"."outcome", "Referral"."flaggedAt",
      "Goal"."title" AS "goalTitle", "Service"."name" AS "serviceName", "Organization"."name" AS "organizationName"
    FROM "Referral" LEFT JOIN "Goal" ON "Goal"."id" = "Referral"."goalId" JOIN "Service" ON "Service"."id" = "Referral"."serviceId"
      JOIN "Organization" ON "Organization"."id" = "Service"."organizationId"
    WHERE "Referral"."caseId" = ${caseId} ORDER BY "Referral"."createdAt"`;
  const ids = referrals.map((r) => r.id);
  const [history, messages] = await Promise.all([
    read<{ referralId: string; toStatus: ReferralStatus; at: string; author: string | null }>`SELECT "ReferralStatusChange"."referralId", "ReferralStatusChange"."toStatus",
        "ReferralStatusChange"."at", "Account"."displayName" AS "author"
      FROM "ReferralStatusChange" LEFT JOIN "Account" ON "Account"."id" = "ReferralStatusChange"."actorId"
      WHERE "ReferralStatusChange"."referralId" IN (${ids}) ORDER BY "ReferralStatusChange"."referralId", "ReferralStatusChange"."at"`,
    read<{ referralId: string; id: string; body: string; createdAt: string; authorRole: Role | null }>`SELECT "ReferralMessage"."referralId", "ReferralMessage"."id", "ReferralMessage"."body",
        "ReferralMessage"."createdAt", "Account"."role" AS "authorRole"
      FROM "ReferralMessage" LEFT JOIN "Account" ON "Account"."id" = "ReferralMessage"."authorId" WHERE "ReferralMessage"."referralId" IN (${ids})
      ORDER BY "ReferralMessage"."referralId", "ReferralMessage"."createdAt"`,
  ]);
  return referrals.map((r) => ({
    id: r.id,
    status: r.status,
    version: Number(r.version),
    sentAt: dateOrNull(r.sentAt),
    outcome: r.outcome,
    flaggedAt: dateOrNull(r.flaggedAt),
    goal: r.goalTitle === null ? null : { title: r.goalTitle },
    service: { name: r.serviceName, organization: { name: r.organizationName } },
    history: history.filter((h) => h.referralId === r.id).map((h) => ({ toStatus: h.toStatus, at: new Date(h.at), author: h.author })),
    messages: messages.filter((m) => m.referralId === r.id).map((m) => ({ id: m.id, body: m.body, createdAt: new Date(m.createdAt), author: m.authorRole === null ? null : { role: m.authorRole } })),
  }));
}

/**
 * A case with what is recorded on it, and one timeline of it all in order. The lists that grow
 * without end (activities, notes, messages) come newest first, HISTORY_PAGE at a time, before
 * `before` when given: a case with thousands of entries opens as fast as a new one. The view
 * is audited.
 */
export async function viewCase(viewer: Viewer, caseId: string, before?: Date) {
  // Read in SQL (app/db/read.server.ts): the page caseworkers open most, and through Prisma it
  // took 35 statements. The view is recorded after, in a short transaction with the hourly check.
  type CaseRow = { id: string; status: CaseStatus; closeReason: CaseCloseReason | null; closeNote: string | null; openedAt: string; version: number;
    personId: string; caseCode: string; preferredName: string; accountStatus: AccountStatus | null };
  const [row] = await read<CaseRow>`SELECT "Case"."id", "Case"."status", "Case"."closeReason", "Case"."closeNote", "Case"."openedAt", "Case"."version",
      "Person"."id" AS "personId", "Person"."caseCode", "Person"."preferredName", "Account"."status" AS "accountStatus"
    FROM "Case" JOIN "Person" ON "Person"."id" = "Case"."personId" LEFT JOIN "Account" ON "Account"."personId" = "Person"."id"
    WHERE "Case"."id" = ${caseId} AND ${caseScopeSql(viewer)}
      -- The case of an erased person holds nothing anyone could work with: it is not found.
      AND "Person"."erasedAt" IS NULL`;
  const found = foundOr404(row);
  const id = found.id;
  const older = (column: Fragment) => (before ? sql`AND ${column} < ${before}` : sql``);
  const [history, assignments, assessments, goals, activityRows, noteRows, tasks, taskEventRows, messageRows, referrals, support] = await Promise.all([
    read<{ id: string; fromStatus: CaseStatus | null; toStatus: CaseStatus; reason: CaseCloseReason | null; note: string | null; at: string; author: string | null }>`
      SELECT "CaseStatusChange"."id", "fromStatus", "toStatus", "reason", "note", "at", "Account"."displayName" AS "author"
      FROM "CaseStatusChange" LEFT JOIN "Account" ON "Account"."id" = "CaseStatusChange"."actorId" WHERE "CaseStatusChange"."caseId" = ${id} ORDER BY "at"`,
    read<{ id: string; kind: AssignmentKind; assignedAt: string; endedAt: string | null; accountId: string; displayName: string; author: string | null }>`
      SELECT "CaseAssignment"."id", "CaseAssignment"."kind", "CaseAssignment"."assignedAt", "CaseAssignment"."endedAt", "Account"."id" AS "accountId", "Account"."displayName",
        "assigner"."displayName" AS "author"
      FROM "CaseAssignment" JOIN "Account" ON "Account"."id" = "CaseAssignment"."accountId" LEFT JOIN "Account" AS "assigner" ON "assigner"."id" = "CaseAssignment"."assignedById"
      WHERE "CaseAssignment"."caseId" = ${id} ORDER BY "CaseAssignment"."assignedAt"`,
    read<{ id: string; level: NeedLevel; summary: string; assessedAt: string; version: number; trackId: string; trackKey: string; author: string | null }>`
      SELECT "NeedsAssessment"."id", "NeedsAssessment"."level", "NeedsAssessment"."summary", "NeedsAssessment"."assessedAt", "NeedsAssessment"."version",
        "SupportTrack"."id" AS "trackId", "SupportTrack"."key" AS "trackKey", "Account"."displayName" AS "author"
      FROM "NeedsAssessment" JOIN "SupportTrack" ON "SupportTrack"."id" = "NeedsAssessment"."trackId" LEFT JOIN "Account" ON "Account"."id" = "NeedsAssessment"."assessedById"
      WHERE "NeedsAssessment"."caseId" = ${id} ORDER BY "NeedsAssessment"."assessedAt"`,
    read<{ id: string; title: string; status: GoalStatus; version: number; createdAt: string; trackKey: string; author: string | null }>`
      SELECT "Goal"."id", "Goal"."title", "Goal"."status", "Goal"."version", "Goal"."createdAt", "SupportTrack"."key" AS "trackKey", "Account"."displayName" AS "author"
      FROM "Goal" JOIN "SupportTrack" ON "SupportTrack"."id" = "Goal"."trackId" LEFT JOIN "Account" ON "Account"."id" = "Goal"."createdById"
      WHERE "Goal"."caseId" = ${id} ORDER BY "Goal"."createdAt"`,
    read<{ id: string; kind: ActivityKind; occurredAt: string; place: string | null; note: string | null; author: string | null }>`
      SELECT "Activity"."id", "Activity"."kind", "Activity"."occurredAt", "Activity"."place", "Activity"."note", "Account"."displayName" AS "author"
      FROM "Activity" LEFT JOIN "Account" ON "Account"."id" = "Activity"."recordedById"
      WHERE "Activity"."caseId" = ${id} ${older(sql`"Activity"."occurredAt"`)} ORDER BY "Activity"."occurredAt" DESC LIMIT ${HISTORY_PAGE + 1}`,
    read<{ id: string; body: string; restricted: number; createdAt: string; author: string | null }>`
      SELECT "Note"."id", "Note"."body", "Note"."restricted", "Note"."createdAt", "Account"."displayName" AS "author"
      FROM "Note" LEFT JOIN "Account" ON "Account"."id" = "Note"."authorId"
      WHERE "Note"."caseId" = ${id} AND ${restrictedNoteScopeSql(viewer)} ${older(sql`"Note"."createdAt"`)}
      ORDER BY "Note"."createdAt" DESC LIMIT ${HISTORY_PAGE + 1}`,
    read<{ id: string; title: string; dueOn: string; status: TaskStatus; version: number; createdAt: string; completedAt: string | null; assigneeId: string | null; assignee: string | null }>`
      SELECT "Task"."id", "Task"."title", "Task"."dueOn", "Task"."status", "Task"."version", "Task"."createdAt", "Task"."completedAt", "Task"."assigneeId", "Account"."displayName" AS "assignee"
      FROM "Task" LEFT JOIN "Account" ON "Account"."id" = "Task"."assigneeId" WHERE "Task"."caseId" = ${id} ORDER BY "Task"."dueOn"`,
    // What happened to the tasks, for the timeline: a growing list, paged as the activities are.
    read<{ id: string; kind: TaskEventKind; at: string; dueOn: string | null; title: string; author: string | null; assignee: string | null }>`
      SELECT "TaskEvent"."id", "TaskEvent"."kind", "TaskEvent"."at", "TaskEvent"."dueOn", "Task"."title", "actor"."displayName" AS "author", "assignee"."displayName" AS "assignee"
      FROM "TaskEvent" JOIN "Task" ON "Task"."id" = "TaskEvent"."taskId" LEFT JOIN "Account" AS "actor" ON "actor"."id" = "TaskEvent"."actorId"
        LEFT JOIN "Account" AS "assignee" ON "assignee"."id" = "TaskEvent"."assigneeId"
      WHERE "TaskEvent"."caseId" = ${id} ${older(sql`"TaskEvent"."at"`)} ORDER BY "TaskEvent"."at" DESC LIMIT ${HISTORY_PAGE + 1}`,
    read<{ id: string; body: string; createdAt: string; readAt: string | null; authorId: string | null; role: Role | null; displayName: string | null }>`
      SELECT "CaseMessage"."id", "CaseMessage"."body", "CaseMessage"."createdAt", "CaseMessage"."readAt", "CaseMessage"."authorId", "Account"."role", "Account"."displayName"
      FROM "CaseMessage" LEFT JOIN "Account" ON "Account"."id" = "CaseMessage"."authorId" WHERE "CaseMessage"."caseId" = ${id} ${older(sql`"CaseMessage"."createdAt"`)}
      ORDER BY "CaseMessage"."createdAt" DESC LIMIT ${HISTORY_PAGE + 1}`,
    caseReferrals(id),
    // Practical support with its steps: its section shows them, and so does the timeline.
    caseAssistance(id),
  ]);
  const allowed = (await recordViews(viewer, [{ action: "case.view", entityType: "case", entityId: id, personId: found.personId }])).has(found.personId);
  const date = (stored: string) => new Date(stored);
  const viewed = allowed && {
    id,
    status: found.status,
    closeReason: found.closeReason,
    closeNote: found.closeNote,
    openedAt: date(found.openedAt),
    version: Number(found.version),
    history: history.map((h) => ({ ...h, at: date(h.at) })),
    assignments: assignments.map((a) => ({
      id: a.id,
      kind: a.kind,
      assignedAt: date(a.assignedAt),
      endedAt: dateOrNull(a.endedAt),
      account: { id: a.accountId, displayName: a.displayName },
      author: a.author,
    })),
    assessments: assessments.map((a) => ({
      id: a.id,
      level: a.level,
      summary: a.summary,
      assessedAt: date(a.assessedAt),
      version: Number(a.version),
      track: { id: a.trackId, key: a.trackKey },
      author: a.author,
    })),
    goals: goals.map((g) => ({ id: g.id, title: g.title, status: g.status, version: Number(g.version), createdAt: date(g.createdAt), track: { key: g.trackKey }, author: g.author })),
    activities: activityRows.map((a) => ({ ...a, occurredAt: date(a.occurredAt) })),
    taskEvents: taskEventRows.map((e) => ({ ...e, at: date(e.at) })),
    notes: noteRows.map((n) => ({ ...n, restricted: Boolean(n.restricted), createdAt: date(n.createdAt) })),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      dueOn: date(t.dueOn),
      status: t.status,
      version: Number(t.version),
      createdAt: date(t.createdAt),
      completedAt: dateOrNull(t.completedAt),
      assigneeId: t.assigneeId,
      assignee: t.assignee === null ? null : { displayName: t.assignee },
    })),
    messages: messageRows.map((m) => ({
      id: m.id,
      body: m.body,
      createdAt: date(m.createdAt),
      readAt: dateOrNull(m.readAt),
      author: m.authorId === null ? null : { role: m.role!, displayName: m.displayName! },
    })),
    person: { id: found.personId, caseCode: found.caseCode, preferredName: found.preferredName, account: found.accountStatus === null ? null : { status: found.accountStatus } },
    referrals,
    support,
  };
  if (!viewed) throw bulkReadRefused();

  const iso = (date: Date) => date.toISOString();
  // Each growing list: its newest HISTORY_PAGE, oldest first; whether there is more before them.
  const page = <T,>(rows: T[]) => ({ rows: rows.slice(0, HISTORY_PAGE).reverse(), more: rows.length > HISTORY_PAGE });
  const [activities, notes, messages, taskEvents] = [page(viewed.activities), page(viewed.notes), page(viewed.messages), page(viewed.taskEvents)];
  const all: TimelineEntry[] = [
    ...viewed.history.map((h) => ({ at: iso(h.at), kind: "status", label: h.toStatus, detail: h.reason ?? h.note, author: h.author })),
    ...viewed.assignments.map((a) => ({ at: iso(a.assignedAt), kind: "assignment", label: a.account.displayName, author: a.author })),
    ...viewed.assessments.map((a) => ({ at: iso(a.assessedAt), kind: "assessment", label: a.track.key, detail: a.level, author: a.author })),
    ...viewed.goals.map((g) => ({ at: iso(g.createdAt), kind: "goal", label: g.title, detail: g.status, author: g.author })),
    ...activities.rows.map((a) => ({ at: iso(a.occurredAt), kind: "activity", label: a.kind, detail: [a.place, a.note].filter(Boolean).join(" · "), author: a.author })),
    ...notes.rows.map((n) => ({ at: iso(n.createdAt), kind: "note", label: n.restricted ? "restricted" : "note", detail: n.body, author: n.author })),
    // A task's steps: "created" and "rescheduled" say the day it is due, "reassigned" to whom.
    ...taskEvents.rows.map((e) => ({
      at: iso(e.at),
      kind: "task",
      label: e.title,
      detail: e.kind,
      extra: e.kind === "reassigned" ? e.assignee : e.dueOn && (e.kind === "created" || e.kind === "rescheduled") ? e.dueOn.slice(0, 10) : null,
      author: e.author,
    })),
    ...viewed.referrals.flatMap((r) => r.history.map((h) => ({ at: iso(h.at), kind: "referral", label: r.service.name, detail: h.toStatus, author: h.author }))),
    ...support.flatMap((s) =>
      s.events.map((e) => ({ at: e.at, kind: "support", label: s.kind, detail: e.toStatus, money: { amountMinor: s.amountMinor, currency: s.currency }, note: e.note || null, author: e.author })),
    ),
  ]
    .filter((entry) => !before || entry.at < iso(before))
    .sort((a, b) => a.at.localeCompare(b.at));
  // The newest HISTORY_PAGE entries, never cutting between entries of the same moment; and
  // not past the oldest entry a growing list showed, since what lies before it is not loaded.
  const floor = [activities, notes, messages, taskEvents].filter((list) => list.more && list.rows.length).map((list) => iso(dateOf(list.rows[0]!)));
  const limit = floor.length ? floor.sort().at(-1)! : "";
  let start = Math.max(0, all.length - HISTORY_PAGE);
  while (start > 0 && all[start - 1]!.at === all[start]!.at) start--;
  const timeline = all.slice(start).filter((entry) => entry.at >= limit);
  // Where the next page starts (entries before this moment), when there is one.
  const earlier = timeline.length < all.length || floor.length > 0 ? (timeline[0]?.at ?? null) : null;
  const { history: _history, activities: _activities, notes: _notes, messages: _messages, taskEvents: _taskEvents, ...rest } = viewed;
  return { ...rest, activities: activities.rows, notes: notes.rows, messages: messages.rows, timeline, earlier };
}

function dateOf(row: { occurredAt: Date } | { createdAt: Date } | { at: Date }): Date {
  return "occurredAt" in row ? row.occurredAt : "createdAt" in row ? row.createdAt : row.at;
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
  const context = await boardContext(unassigned.items.map((c) => c.id));
  return {
    unassigned: {
      next: unassigned.next,
      items: unassigned.items.map((c) => ({
        id: c.id,
        status: c.status,
        version: Number(c.version),
        caseCode: c.caseCode,
        openedAt: c.openedAt.slice(0, 10),
        ...(context.get(c.id) ?? { urgency: null, language: null, country: null, tracks: [] }),
      })),
    },
    caseworkers: caseworkers.map((a, index) => ({ id: a.id, displayName: a.displayName, openCases: openCases[index] ?? 0 })),
  };
}

type BoardContext = { urgency: Urgency | null; language: string | null; country: string | null; tracks: NamedTrack[] };

/**
 * What the coordinator needs to choose a caseworker, from the request each case came from: how
 * urgent, which language, which country, which tracks (two statements for a page of cases,
 * along HelpRequest(caseId) and the track key).
 */
async function boardContext(caseIds: string[]): Promise<Map<string, BoardContext>> {
  if (caseIds.length === 0) return new Map();
  const [requests, tracks] = await Promise.all([
    read<{ caseId: string; urgency: Urgency; language: string; country: string | null; countryNow: string | null }>`
      SELECT "HelpRequest"."caseId", "HelpRequest"."urgency", "HelpRequest"."language", "HelpRequest"."country", "Person"."countryNow"
      FROM "HelpRequest" LEFT JOIN "Person" ON "Person"."id" = "HelpRequest"."personId"
      WHERE "HelpRequest"."caseId" IN (${caseIds}) ORDER BY "HelpRequest"."createdAt"`,
    read<{ caseId: string; id: string; nameBe: string; nameRu: string; nameEn: string }>`
      SELECT DISTINCT "HelpRequest"."caseId", "SupportTrack"."id", "SupportTrack"."nameBe", "SupportTrack"."nameRu", "SupportTrack"."nameEn", "SupportTrack"."position"
      FROM "HelpRequest" JOIN "HelpRequestTrack" ON "HelpRequestTrack"."requestId" = "HelpRequest"."id" JOIN "SupportTrack" ON "SupportTrack"."id" = "HelpRequestTrack"."trackId"
      WHERE "HelpRequest"."caseId" IN (${caseIds}) ORDER BY "SupportTrack"."position"`,
  ]);
  const context = new Map<string, BoardContext>();
  const rank = { urgent: 2, normal: 1, low: 0 } as const;
  for (const request of requests) {
    const seen = context.get(request.caseId);
    // Of several requests, the most urgent says how urgent the case is.
    if (seen?.urgency && rank[seen.urgency] >= rank[request.urgency]) continue;
    context.set(request.caseId, { urgency: request.urgency, language: request.language, country: request.countryNow ?? request.country, tracks: seen?.tracks ?? [] });
  }
  for (const track of tracks) {
    const seen = context.get(track.caseId);
    if (seen) seen.tracks.push({ nameBe: track.nameBe, nameRu: track.nameRu, nameEn: track.nameEn });
  }
  return context;
}

export function caseworkerChoices() {
  return read<{ id: string; displayName: string }>`SELECT "id", "displayName" FROM "Account" WHERE "role" = 'caseworker' AND "status" = 'active' ORDER BY "displayName"`;
}
