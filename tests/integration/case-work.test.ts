// What each change of a case writes, field by field: the timestamps and notes of closing and
// reopening, a task's completion, who may be given a task or a case, and which goal or track a
// record may point to. (The mutation run in docs/mutation/ found these unchecked.)
import { beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "~/auth/session.server";
import { changeCase } from "~/cases/case-work.server";
import type { CaseFormInput } from "~/cases/case-forms";
import { db } from "~/db/client.server";
import { viewerOf } from "../fixtures/accounts";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
let caseworker: Viewer;
let coordinator: Viewer;
beforeEach(async () => {
  world = await makeWorld();
  caseworker = viewerOf(world.accounts.caseworker);
  coordinator = viewerOf(world.accounts.coordinator);
});

const caseOne = () => db().case.findUniqueOrThrow({ where: { id: world.caseOne.id } });
const change = (viewer: Viewer, input: CaseFormInput) => changeCase(viewer, world.caseOne.id, input);

describe("closing and reopening a case", () => {
  it("records when, why and the note on closing, and clears them on reopening, which is dated", async () => {
    expect(await change(caseworker, { intent: "status", version: 1, status: "on_hold", note: "" })).toEqual({ ok: true });
    expect((await caseOne()).reopenedAt).toBeNull();

    expect(await change(caseworker, { intent: "status", version: 2, status: "closed", reason: "goals_met", note: "Settled in Vilnius" })).toEqual({ ok: true });
    const closed = await caseOne();
    expect([closed.status, closed.closeReason, closed.closeNote, closed.reopenedAt, closed.unassignedSince]).toEqual(["closed", "goals_met", "Settled in Vilnius", null, null]);
    expect(closed.closedAt).toBeInstanceOf(Date);

    expect(await change(caseworker, { intent: "status", version: 3, status: "active", note: "" })).toEqual({ ok: true });
    const reopened = await caseOne();
    expect([reopened.status, reopened.closeReason, reopened.closeNote, reopened.closedAt]).toEqual(["active", null, null, null]);
    expect(reopened.reopenedAt).toBeInstanceOf(Date);
    // It still has its lead caseworker, so it does not go on the coordinator's board.
    expect(reopened.unassignedSince).toBeNull();

    const history = await db().caseStatusChange.findMany({ where: { caseId: world.caseOne.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.reason, h.note])).toEqual([
      ["active", "on_hold", null, null],
      ["on_hold", "closed", "goals_met", "Settled in Vilnius"],
      ["closed", "active", null, null],
    ]);
  });

  it("keeps the time a case without a lead began to wait while its status changes, and restarts it on reopening", async () => {
    const waitingSince = new Date("2026-11-01T09:00:00Z");
    await db().caseAssignment.deleteMany({ where: { caseId: world.caseOne.id } });
    await db().case.update({ where: { id: world.caseOne.id }, data: { unassignedSince: waitingSince } });
    await change(coordinator, { intent: "status", version: 1, status: "on_hold", note: "" });
    expect((await caseOne()).unassignedSince).toEqual(waitingSince);
    await change(coordinator, { intent: "status", version: 2, status: "closed", reason: "no_contact", note: "" });
    expect((await caseOne()).unassignedSince).toBeNull();
    await change(coordinator, { intent: "status", version: 3, status: "active", note: "" });
    expect((await caseOne()).unassignedSince!.getTime()).toBeGreaterThan(waitingSince.getTime());
  });

  it("closing with care cancels the open referrals (telling their partner) and tasks when asked, and leaves them open when not", async () => {
    const task = await db().task.create({ data: { caseId: world.caseOne.id, title: "Call back", dueOn: new Date(), assigneeId: world.accounts.caseworker.id } });
    const done = await db().task.create({ data: { caseId: world.caseOne.id, title: "Done already", dueOn: new Date(), status: "done" } });
    expect(await change(caseworker, { intent: "status", version: 1, status: "closed", reason: "goals_met", note: "Moved to Warsaw", cancelOpen: "on" })).toEqual({ ok: true });
    const referral = await db().referral.findUniqueOrThrow({ where: { id: world.referral.id } });
    const draft = await db().referral.findUniqueOrThrow({ where: { id: world.draft.id } });
    expect([referral.status, referral.reasonNote, draft.status]).toEqual(["cancelled", "Moved to Warsaw", "cancelled"]);
    expect(await db().referralStatusChange.findFirst({ where: { referralId: world.referral.id, toStatus: "cancelled" }, select: { fromStatus: true, note: true } })).toEqual({ fromStatus: "sent", note: "Moved to Warsaw" });
    expect((await db().noticeLink.findMany({ where: { accountId: world.accounts.partner.id } })).map((l) => l.destination)).toEqual([`/partner/referrals/${world.referral.id}`]);
    expect((await db().task.findMany({ where: { id: { in: [task.id, done.id] } }, orderBy: { title: "asc" } })).map((t) => t.status)).toEqual(["cancelled", "done"]);
    expect(await db().auditEvent.count({ where: { action: "referral.update", entityId: world.referral.id } })).toBe(1);

    // Reopened and closed again without asking: what is open stays open.
    const again = await db().task.create({ data: { caseId: world.caseOne.id, title: "New task", dueOn: new Date() } });
    expect(await change(caseworker, { intent: "status", version: 2, status: "active", note: "" })).toEqual({ ok: true });
    expect(await change(caseworker, { intent: "status", version: 3, status: "closed", reason: "goals_met", note: "" })).toEqual({ ok: true });
    expect((await db().task.findUniqueOrThrow({ where: { id: again.id } })).status).toBe("open");
  });

  it("keeps no close note when none was given", async () => {
    await change(caseworker, { intent: "status", version: 1, status: "closed", reason: "no_contact", note: "" });
    expect((await caseOne()).closeNote).toBeNull();
  });
});

describe("tasks", () => {
  it("are dated when done, and lose that date when opened again or cancelled", async () => {
    await change(caseworker, { intent: "add-task", title: "Call the clinic", dueOn: "2026-12-10", assigneeId: "" });
    const task = await db().task.findFirstOrThrow({ where: { caseId: world.caseOne.id } });
    expect(task.assigneeId).toBe(world.accounts.caseworker.id);

    expect(await change(caseworker, { intent: "task-status", taskId: task.id, taskVersion: 1, status: "done" })).toEqual({ ok: true });
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).completedAt).toBeInstanceOf(Date);
    expect(await change(caseworker, { intent: "task-status", taskId: task.id, taskVersion: 2, status: "open" })).toEqual({ ok: true });
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).completedAt).toBeNull();
  });

  it("go only to someone working on the case: not a partner, the person, or a caseworker of another case", async () => {
    for (const account of [world.accounts.partner, world.accounts.client, world.accounts.otherCaseworker]) {
      expect(await change(caseworker, { intent: "add-task", title: "Call", dueOn: "2026-12-10", assigneeId: account.id })).toEqual({
        ok: false,
        field: "assigneeId",
        problem: "case.assigneeNotOnCase",
        status: 400,
      });
    }
    expect(await db().task.count()).toBe(0);
    // Once the case is shared with them, they work on it.
    await db().caseAssignment.create({ data: { caseId: world.caseOne.id, accountId: world.accounts.otherCaseworker.id, kind: "shared" } });
    expect(await change(caseworker, { intent: "add-task", title: "Call", dueOn: "2026-12-10", assigneeId: world.accounts.otherCaseworker.id })).toEqual({ ok: true });
  });

  it("move to another day and to a colleague on the case, each step an event with its author; a stale or closed task is refused", async () => {
    await db().caseAssignment.create({ data: { caseId: world.caseOne.id, accountId: world.accounts.otherCaseworker.id, kind: "shared" } });
    await change(caseworker, { intent: "add-task", title: "Book the flat", dueOn: "2026-12-10", assigneeId: "" });
    const task = await db().task.findFirstOrThrow({ where: { caseId: world.caseOne.id } });
    const move = (taskVersion: number, dueOn: string, assigneeId: string) => change(caseworker, { intent: "task-change", taskId: task.id, taskVersion, dueOn, assigneeId });
    expect(await move(1, "2026-12-14", world.accounts.otherCaseworker.id)).toEqual({ ok: true });
    const moved = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect([moved.dueOn.toISOString().slice(0, 10), moved.assigneeId, moved.version]).toEqual(["2026-12-14", world.accounts.otherCaseworker.id, 2]);
    const events = await db().taskEvent.findMany({ where: { taskId: task.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => [e.kind, e.actorId])).toEqual([
      ["created", world.accounts.caseworker.id],
      ["rescheduled", world.accounts.caseworker.id],
      ["reassigned", world.accounts.caseworker.id],
    ]);
    expect(await move(1, "2026-12-20", world.accounts.caseworker.id)).toMatchObject({ ok: false, problem: "form.stale", status: 409 });
    expect(await move(2, "2026-12-20", world.accounts.client.id)).toMatchObject({ ok: false, field: "assigneeId", problem: "case.assigneeNotOnCase" });
    await change(caseworker, { intent: "task-status", taskId: task.id, taskVersion: 2, status: "done" });
    expect(await move(3, "2026-12-20", world.accounts.caseworker.id)).toMatchObject({ ok: false, problem: "case.taskNotOpen" });
  });

  it("a follow-up task comes from the same form as the activity, and needs its day", async () => {
    const activity = { intent: "add-activity", kind: "call", occurredOn: "2026-12-01", occurredTime: "09:30", place: "By phone", note: "Agreed", goalId: "" } as const;
    expect(await change(caseworker, { ...activity, followUpTitle: "Send the forms" })).toMatchObject({ ok: false, field: "followUpDue", problem: "case.followUpDueRequired" });
    expect(await db().activity.count()).toBe(0);
    expect(await change(caseworker, { ...activity, followUpTitle: "Send the forms", followUpDue: "2026-12-04" })).toEqual({ ok: true });
    const [saved] = await db().activity.findMany({ where: { caseId: world.caseOne.id } });
    // 09:30 in the organisation's time zone (TIME_ZONE, UTC in the tests).
    expect([saved?.occurredAt.toISOString(), saved?.place]).toEqual(["2026-12-01T09:30:00.000Z", "By phone"]);
    const task = await db().task.findFirstOrThrow({ where: { caseId: world.caseOne.id } });
    expect([task.title, task.dueOn.toISOString().slice(0, 10), task.assigneeId]).toEqual(["Send the forms", "2026-12-04", world.accounts.caseworker.id]);
  });
});

describe("who may be given a case", () => {
  it("only an active caseworker, as lead or second caseworker; the answer names the field", async () => {
    const partnerId = world.accounts.partner.id;
    expect(await change(coordinator, { intent: "assign", version: 1, accountId: partnerId })).toEqual({ ok: false, field: "accountId", problem: "case.caseworkerRequired", status: 400 });
    expect(await change(coordinator, { intent: "share", accountId: partnerId })).toEqual({ ok: false, field: "shareAccountId", problem: "case.caseworkerRequired", status: 400 });
    expect(await db().caseAssignment.count({ where: { caseId: world.caseOne.id } })).toBe(1);
  });

  it("ending a second caseworker's access that is not there is a 404 and records nothing", async () => {
    await expect(change(coordinator, { intent: "unshare", assignmentId: "no-such-assignment" })).rejects.toMatchObject({ status: 404 });
    expect(await db().auditEvent.count({ where: { action: "case.assign" } })).toBe(0);
  });

  it("a new lead ends the former lead's assignment on this case only", async () => {
    expect(await change(coordinator, { intent: "assign", version: 1, accountId: world.accounts.otherCaseworker.id })).toEqual({ ok: true });
    const assignments = await db().caseAssignment.findMany({ where: { caseId: world.caseOne.id }, orderBy: { assignedAt: "asc" } });
    expect(assignments.map((a) => [a.accountId, a.endedAt === null])).toEqual([
      [world.accounts.caseworker.id, false],
      [world.accounts.otherCaseworker.id, true],
    ]);
    expect(await db().caseAssignment.count({ where: { caseId: world.caseTwo.id, endedAt: null } })).toBe(1);
  });
});

describe("goals, activities, notes and assessments", () => {
  it("refuse a track that does not exist and a goal of another case", async () => {
    expect(await change(caseworker, { intent: "add-goal", trackId: "no-such-track", title: "A flat" })).toEqual({ ok: false, field: "trackId", problem: "case.trackRequired", status: 400 });
    const othersGoal = await db().goal.create({ data: { caseId: world.caseTwo.id, trackId: world.track.id, title: "Theirs" } });
    await expect(change(caseworker, { intent: "add-activity", kind: "call", occurredOn: "2026-12-01", note: "", goalId: othersGoal.id })).rejects.toMatchObject({ status: 404 });
    expect(await db().activity.count()).toBe(0);
  });

  it("set a goal's status and answer ok", async () => {
    const goal = await db().goal.create({ data: { caseId: world.caseOne.id, trackId: world.track.id, title: "A doctor" } });
    expect(await change(caseworker, { intent: "goal-status", goalId: goal.id, goalVersion: 1, status: "achieved" })).toEqual({ ok: true });
    expect((await db().goal.findUniqueOrThrow({ where: { id: goal.id } })).status).toBe("achieved");
  });

  it("mark a note restricted only when asked to", async () => {
    await change(caseworker, { intent: "add-note", body: "open" });
    await change(caseworker, { intent: "add-note", body: "closed", restricted: "on" });
    const notes = await db().note.findMany({ where: { caseId: world.caseOne.id }, orderBy: { body: "desc" } });
    expect(notes.map((n) => [n.body, n.restricted])).toEqual([
      ["open", false],
      ["closed", true],
    ]);
  });

  it("compare an assessment with the version the page showed for that track, among others", async () => {
    const other = await db().supportTrack.create({ data: { key: "housing", nameBe: "Жыллё", nameRu: "Жильё", nameEn: "Housing" } });
    await change(caseworker, { intent: "assess", seen: "", trackId: other.id, level: "low", summary: "" });
    await change(caseworker, { intent: "assess", seen: `${other.id}:1`, trackId: other.id, level: "medium", summary: "" });
    await change(caseworker, { intent: "assess", seen: "", trackId: world.track.id, level: "low", summary: "" });
    // The page showed the other track at version 2 first, then this one at version 1.
    const saved = await change(caseworker, { intent: "assess", seen: `${other.id}:2,${world.track.id}:1`, trackId: world.track.id, level: "high", summary: "worse" });
    expect(saved).toEqual({ ok: true });
    expect((await db().needsAssessment.findFirstOrThrow({ where: { caseId: world.caseOne.id, trackId: world.track.id } })).level).toBe("high");
  });
});
