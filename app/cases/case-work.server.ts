// The work on a case: status, assignment, needs, goals, activities, notes and tasks. Each
// change checks the policy's scope, writes an audit event in its transaction, and, where
// people edit the same record, refuses a stale version instead of overwriting.
import { recordAudit, type AuditAction } from "~/audit/audit.server";
import { caseScope, mayAssignCases } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db, type Tx } from "~/db/client.server";
import { queueNotice } from "~/email/outbox.server";
import { foundOr404, notFound } from "~/http/not-found";
import { serverConfig } from "~/config/env.server";
import type { MessageKey } from "~/i18n/catalogue";
import { instantOf } from "~/i18n/moments";
import { cancelOpenReferrals } from "~/referrals/referral-work.server";
import { CASE_TRANSITIONS, type CaseFormInput } from "./case-forms";

export type CaseChange = { ok: true } | { ok: false; field: string; problem: MessageKey; status: 400 | 409 };

const stale: CaseChange = { ok: false, field: "form", problem: "form.stale", status: 409 };
const invalid = (field: string, problem: MessageKey): CaseChange => ({ ok: false, field, problem, status: 400 });

export async function changeCase(viewer: Viewer, caseId: string, input: CaseFormInput): Promise<CaseChange> {
  return db().$transaction(async (tx) => {
    const found = foundOr404(
      await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseScope(viewer)] }, select: { id: true, personId: true, status: true, version: true } }),
    );
    const audit = (action: AuditAction, entityType = "case", entityId = found.id) =>
      recordAudit(tx, { action, actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType, entityId, personId: found.personId });

    switch (input.intent) {
      case "status": {
        if (input.version !== found.version) return stale;
        if (!CASE_TRANSITIONS[found.status].includes(input.status)) return invalid("status", "case.transitionNotAllowed");
        if (input.status === "closed" && !input.reason) return invalid("reason", "case.closeReasonRequired");
        const closing = input.status === "closed";
        // A reopened case without a lead goes back on the coordinator's board; a closed one leaves it.
        const reopenedWithoutLead = found.status === "closed" && !closing && (await tx.caseAssignment.count({ where: { caseId: found.id, kind: "lead", endedAt: null } })) === 0;
        const { count } = await tx.case.updateMany({
          where: { id: found.id, version: input.version },
          data: {
            status: input.status,
            closeReason: closing ? input.reason : null,
            closeNote: closing ? input.note || null : null,
            closedAt: closing ? new Date() : null,
            ...(found.status === "closed" ? { reopenedAt: new Date() } : {}),
            ...(closing ? { unassignedSince: null } : reopenedWithoutLead ? { unassignedSince: new Date() } : {}),
            version: { increment: 1 },
          },
        });
        if (count === 0) return stale;
        await tx.caseStatusChange.create({
          data: { caseId: found.id, fromStatus: found.status, toStatus: input.status, reason: closing ? input.reason : null, note: input.note || null, actorId: viewer.accountId },
        });
        await audit("case.status");
        if (closing && input.cancelOpen) {
          // Closing with care: what was still open on the case ends with it, as the closer chose.
          for (const referralId of await cancelOpenReferrals(tx, viewer.accountId, found.id, input.note || null)) await audit("referral.update", "referral", referralId);
          const open = await tx.task.findMany({ where: { caseId: found.id, status: "open" }, select: { id: true } });
          await tx.task.updateMany({ where: { id: { in: open.map((task) => task.id) } }, data: { status: "cancelled", version: { increment: 1 } } });
          await tx.taskEvent.createMany({ data: open.map((task) => ({ taskId: task.id, caseId: found.id, kind: "cancelled" as const, actorId: viewer.accountId })) });
        }
        return { ok: true };
      }
      case "assign":
        return assign(tx, viewer, found, input.version, input.accountId, audit);
      case "share":
        return share(tx, viewer, found, input.accountId, audit);
      case "unshare": {
        if (!mayAssignCases(viewer)) throw notFound();
        const { count } = await tx.caseAssignment.updateMany({ where: { id: input.assignmentId, caseId: found.id, kind: "shared", endedAt: null }, data: { endedAt: new Date() } });
        if (count === 0) throw notFound();
        await audit("case.assign");
        return { ok: true };
      }
      case "assess": {
        await tx.supportTrack.findUniqueOrThrow({ where: { id: input.trackId } }).catch(() => {
          throw notFound();
        });
        const current = await tx.needsAssessment.findUnique({ where: { caseId_trackId: { caseId: found.id, trackId: input.trackId } }, select: { version: true } });
        if ((current?.version ?? 0) !== seenVersion(input.seen, input.trackId)) return stale;
        await tx.needsAssessment.upsert({
          where: { caseId_trackId: { caseId: found.id, trackId: input.trackId } },
          create: { caseId: found.id, trackId: input.trackId, level: input.level, summary: input.summary, assessedById: viewer.accountId },
          update: { level: input.level, summary: input.summary, assessedById: viewer.accountId, assessedAt: new Date(), version: { increment: 1 } },
        });
        await audit("case.assess");
        return { ok: true };
      }
      case "add-goal": {
        if (!(await tx.supportTrack.count({ where: { id: input.trackId } }))) return invalid("trackId", "case.trackRequired");
        const goal = await tx.goal.create({
          data: { caseId: found.id, trackId: input.trackId, title: input.title, targetDate: input.targetDate ? new Date(input.targetDate) : null, createdById: viewer.accountId },
        });
        await audit("case.goal", "goal", goal.id);
        return { ok: true };
      }
      case "goal-status": {
        const { count } = await tx.goal.updateMany({ where: { id: input.goalId, caseId: found.id, version: input.goalVersion }, data: { status: input.status, version: { increment: 1 } } });
        if (count === 0) return stale;
        await audit("case.goal", "goal", input.goalId);
        return { ok: true };
      }
      case "add-activity": {
        if (input.followUpTitle && !input.followUpDue) return invalid("followUpDue", "case.followUpDueRequired");
        const goalId = input.goalId ? foundOr404(await tx.goal.findFirst({ where: { id: input.goalId, caseId: found.id }, select: { id: true } })).id : null;
        const occurredAt = instantOf(input.occurredOn, input.occurredTime ?? "12:00", serverConfig().timeZone);
        const activity = await tx.activity.create({
          data: { caseId: found.id, goalId, kind: input.kind, occurredAt, place: input.place || null, note: input.note, recordedById: viewer.accountId },
        });
        await audit("case.activity", "activity", activity.id);
        if (input.followUpTitle && input.followUpDue) {
          // The follow-up is the recorder's own, as a task added on its own would be by default.
          const task = await newTask(tx, viewer, found.id, input.followUpTitle, input.followUpDue, viewer.accountId);
          await audit("case.task", "task", task.id);
        }
        return { ok: true };
      }
      case "add-note": {
        const note = await tx.note.create({ data: { caseId: found.id, body: input.body, restricted: input.restricted === "on", authorId: viewer.accountId } });
        await audit("case.note", "note", note.id);
        return { ok: true };
      }
      case "add-task": {
        const assigneeId = input.assigneeId || viewer.accountId;
        if (!(await worksOnCase(tx, viewer, found.id, assigneeId))) return invalid("assigneeId", "case.assigneeNotOnCase");
        const task = await newTask(tx, viewer, found.id, input.title, input.dueOn, assigneeId);
        await audit("case.task", "task", task.id);
        return { ok: true };
      }
      case "task-status": {
        const { count } = await tx.task.updateMany({
          where: { id: input.taskId, caseId: found.id, version: input.taskVersion },
          data: { status: input.status, completedAt: input.status === "done" ? new Date() : null, version: { increment: 1 } },
        });
        if (count === 0) return stale;
        await tx.taskEvent.create({ data: { taskId: input.taskId, caseId: found.id, kind: input.status === "open" ? "reopened" : input.status, actorId: viewer.accountId } });
        await audit("case.task", "task", input.taskId);
        return { ok: true };
      }
      case "task-change": {
        const task = foundOr404(await tx.task.findFirst({ where: { id: input.taskId, caseId: found.id }, select: { dueOn: true, assigneeId: true, version: true, status: true } }));
        if (task.version !== input.taskVersion) return stale;
        if (task.status !== "open") return invalid("form", "case.taskNotOpen");
        if (!(await worksOnCase(tx, viewer, found.id, input.assigneeId))) return invalid("assigneeId", "case.assigneeNotOnCase");
        const dueOn = new Date(`${input.dueOn}T00:00:00Z`);
        const { count } = await tx.task.updateMany({
          where: { id: input.taskId, version: input.taskVersion },
          data: { dueOn, assigneeId: input.assigneeId, reminderSentAt: null, version: { increment: 1 } },
        });
        if (count === 0) return stale;
        const event = { taskId: input.taskId, caseId: found.id, actorId: viewer.accountId };
        if (task.dueOn.getTime() !== dueOn.getTime()) await tx.taskEvent.create({ data: { ...event, kind: "rescheduled", dueOn } });
        if (task.assigneeId !== input.assigneeId) await tx.taskEvent.create({ data: { ...event, kind: "reassigned", assigneeId: input.assigneeId } });
        await audit("case.task", "task", input.taskId);
        return { ok: true };
      }
    }
  });
}

/**
 * Whether a task may be given to this account: one working on the case now (its lead or a
 * caseworker it is shared with), or the person adding it. Never just any staff account.
 */
async function worksOnCase(tx: Tx, viewer: Viewer, caseId: string, accountId: string): Promise<boolean> {
  if (accountId === viewer.accountId) return true;
  return (await tx.caseAssignment.count({ where: { caseId, accountId, endedAt: null, account: { status: "active" } } })) > 0;
}

/** A task and the event of its making, which the case's timeline shows. */
async function newTask(tx: Tx, viewer: Viewer, caseId: string, title: string, dueOn: string, assigneeId: string) {
  const task = await tx.task.create({ data: { caseId, title, dueOn: new Date(`${dueOn}T00:00:00Z`), assigneeId, createdById: viewer.accountId } });
  await tx.taskEvent.create({ data: { taskId: task.id, caseId, kind: "created", dueOn: task.dueOn, assigneeId, actorId: viewer.accountId, at: task.createdAt } });
  return task;
}

/** The version of a track's assessment that the page showed; 0 when it showed none. */
function seenVersion(seen: string, trackId: string): number {
  const entry = seen.split(",").find((pair) => pair.startsWith(`${trackId}:`));
  return entry ? Number(entry.slice(trackId.length + 1)) : 0;
}

/** A coordinator opens the case to a second caseworker, who then sees and works on it too. */
async function share(tx: Tx, viewer: Viewer, found: { id: string }, accountId: string, audit: (action: AuditAction) => Promise<void>): Promise<CaseChange> {
  if (!mayAssignCases(viewer)) throw notFound();
  const caseworker = await tx.account.findFirst({ where: { id: accountId, role: "caseworker", status: "active" }, select: { id: true, email: true, locale: true } });
  if (!caseworker) return invalid("shareAccountId", "case.caseworkerRequired");
  if (await tx.caseAssignment.findFirst({ where: { caseId: found.id, accountId: caseworker.id, endedAt: null }, select: { id: true } })) {
    return invalid("shareAccountId", "case.alreadyOnCase");
  }
  await tx.caseAssignment.create({ data: { caseId: found.id, accountId: caseworker.id, kind: "shared", assignedById: viewer.accountId } });
  await queueNotice(tx, caseworker, `/staff/cases/${found.id}`);
  await audit("case.assign");
  return { ok: true };
}

/** Gives the case a (new) lead caseworker; the former lead's assignment ends. The caseworker is told by email. */
async function assign(
  tx: Tx,
  viewer: Viewer,
  found: { id: string; version: number },
  version: number,
  accountId: string,
  audit: (action: AuditAction) => Promise<void>,
): Promise<CaseChange> {
  if (!mayAssignCases(viewer)) throw notFound();
  if (version !== found.version) return stale;
  const caseworker = await tx.account.findFirst({ where: { id: accountId, role: "caseworker", status: "active" }, select: { id: true, email: true, locale: true } });
  if (!caseworker) return invalid("accountId", "case.caseworkerRequired");
  await tx.caseAssignment.updateMany({ where: { caseId: found.id, kind: "lead", endedAt: null }, data: { endedAt: new Date() } });
  await tx.caseAssignment.create({ data: { caseId: found.id, accountId: caseworker.id, kind: "lead", assignedById: viewer.accountId } });
  const { count } = await tx.case.updateMany({ where: { id: found.id, version }, data: { unassignedSince: null, version: { increment: 1 } } });
  if (count === 0) return stale;
  await queueNotice(tx, caseworker, `/staff/cases/${found.id}`);
  await audit("case.assign");
  return { ok: true };
}
