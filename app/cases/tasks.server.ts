// Tasks across cases: a caseworker's own ("my tasks") and the organisation's overdue ones for
// the coordinator, with filters (who, which track, how late), a page at a time along the
// Task(status, dueOn, id) and Task(assigneeId, status, dueOn, id) indexes, within the viewer's
// cases. The case page lists and changes a case's own tasks (cases.server.ts, case-work.server.ts).
import { caseScopeSql, holdsCaseload } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { COUNT_CAP, keysetCursor, PAGE_SIZE, pageOf, parseKeyset } from "~/db/paging";
import { read, readCount, sql } from "~/db/read.server";
import { andAll } from "~/db/sql";
import { startOfToday } from "./cases.server";
import type { TaskFilter } from "./task-forms";

const DAY = 86_400_000;
export type TaskRow = { id: string; title: string; dueOn: string; daysLate: number; caseId: string; caseCode: string; preferredName: string; assignee: string | null };

/** Whose tasks a filter asks for: a caseworker's own unless they ask for their cases' all. */
function assigneeOf(viewer: Viewer, filter: TaskFilter): string | null {
  if (filter.assignee === "anyone") return null;
  if (filter.assignee === "me" || (!filter.assignee && holdsCaseload(viewer))) return viewer.accountId;
  return filter.assignee ?? null;
}

export async function taskList(viewer: Viewer, filter: TaskFilter, now = new Date()) {
  const today = startOfToday(now);
  const assignee = assigneeOf(viewer, filter);
  const key = parseKeyset(filter.after);
  const dueBefore = filter.lateBy ? new Date(today.getTime() - filter.lateBy * DAY) : filter.when === "overdue" ? today : null;
  const conditions = [
    sql`"Task"."status" = 'open'`,
    ...(assignee ? [sql`"Task"."assigneeId" = ${assignee}`] : []),
    ...(dueBefore ? [sql`"Task"."dueOn" < ${dueBefore}`] : []),
    ...(filter.track
      ? [sql`(EXISTS (SELECT 1 FROM "Goal" WHERE "Goal"."caseId" = "Task"."caseId" AND "Goal"."trackId" = ${filter.track})
          OR EXISTS (SELECT 1 FROM "NeedsAssessment" WHERE "NeedsAssessment"."caseId" = "Task"."caseId" AND "NeedsAssessment"."trackId" = ${filter.track}))`]
      : []),
  ];
  const within = sql`${caseScopeSql(viewer)}${andAll(conditions)}`;
  const [rows, total] = await Promise.all([
    read<Omit<TaskRow, "daysLate">>`SELECT "Task"."id", "Task"."title", "Task"."dueOn", "Task"."caseId", "Person"."caseCode", "Person"."preferredName", "Account"."displayName" AS "assignee"
      FROM "Task" JOIN "Case" ON "Case"."id" = "Task"."caseId" JOIN "Person" ON "Person"."id" = "Case"."personId" LEFT JOIN "Account" ON "Account"."id" = "Task"."assigneeId"
      WHERE ${within} ${key ? sql`AND ("Task"."dueOn", "Task"."id") > (${key.at}, ${key.id})` : sql``}
      ORDER BY "Task"."dueOn", "Task"."id" LIMIT ${PAGE_SIZE + 1}`,
    readCount`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Task" JOIN "Case" ON "Case"."id" = "Task"."caseId" WHERE ${within} LIMIT ${COUNT_CAP + 1}) AS "listed"`,
  ]);
  const page = pageOf(rows, (row) => keysetCursor(new Date(row.dueOn), row.id));
  return {
    ...page,
    items: page.items.map((row) => ({ ...row, dueOn: row.dueOn.slice(0, 10), daysLate: Math.max(0, Math.floor((today.getTime() - new Date(row.dueOn).getTime()) / DAY)) })),
    total,
    assignee,
  };
}
