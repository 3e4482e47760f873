// Every form that changes a record people edit carries the version it was opened at: of two
// saves made from the same version, the second is refused with "form.stale" (409) and the first
// stays. (The case status, taking a request, the person record, the directory and the tracks
// have theirs in workspace, audit, directory and tracks tests.)
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { requestStatus } from "~/requests/public-requests.server";
import { action as caseAction } from "~/routes/staff.cases.$caseId";
import { action as triageAction } from "~/routes/staff.requests.$requestId";
import { action as partnerAction } from "~/routes/partner.referrals.$referralId";
import { signedIn } from "../fixtures/accounts";
import { formPost, routeArgs } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

type Post = (fields: Record<string, string>) => Promise<Response>;

/** Sends the same version twice, as two people with the same page open would. */
async function twice(first: Post, second: Post, a: Record<string, string>, b: Record<string, string>) {
  expect((await first(a)).status).toBeLessThan(400);
  const refused = await second(b);
  expect(refused.status).toBe(409);
  expect((await refused.json()).errors).toEqual({ form: "form.stale" });
}

const caseForm = (cookie: string, caseId: string): Post => (fields) => caseAction(routeArgs(formPost(`/staff/cases/${caseId}`, fields, { Cookie: cookie }), { caseId }));

describe("a stale save", () => {
  it("of a needs assessment is refused, also when the other person created it first", async () => {
    const [one, two] = [caseForm(await signedIn(world.accounts.caseworker), world.caseOne.id), caseForm(await signedIn(world.accounts.coordinator), world.caseOne.id)];
    const assess = { intent: "assess", trackId: world.track.id, level: "high" };
    // Both pages showed no assessment for the track.
    await twice(one, two, { ...assess, seen: "", summary: "first" }, { ...assess, seen: "", summary: "second" });
    // Both pages showed version 1.
    const seen = `${world.track.id}:1`;
    await twice(one, two, { ...assess, seen, summary: "third" }, { ...assess, seen, summary: "fourth" });
    const saved = await db().needsAssessment.findFirstOrThrow({ where: { caseId: world.caseOne.id } });
    expect([saved.summary, saved.version]).toEqual(["third", 2]);
  });

  it("of a goal's status, a task's status and the case's caseworker is refused", async () => {
    const [one, two] = [caseForm(await signedIn(world.accounts.coordinator), world.caseOne.id), caseForm(await signedIn(world.accounts.coordinator), world.caseOne.id)];
    const goal = await db().goal.create({ data: { caseId: world.caseOne.id, trackId: world.track.id, title: "A doctor" } });
    await twice(one, two, { intent: "goal-status", goalId: goal.id, goalVersion: "1", status: "in_progress" }, { intent: "goal-status", goalId: goal.id, goalVersion: "1", status: "dropped" });
    const task = await db().task.create({ data: { caseId: world.caseOne.id, title: "Call", dueOn: new Date(), assigneeId: world.accounts.caseworker.id, createdById: world.accounts.caseworker.id } });
    await twice(one, two, { intent: "task-status", taskId: task.id, taskVersion: "1", status: "done" }, { intent: "task-status", taskId: task.id, taskVersion: "1", status: "cancelled" });
    await twice(
      one,
      two,
      { intent: "assign", version: "1", accountId: world.accounts.otherCaseworker.id },
      { intent: "assign", version: "1", accountId: world.accounts.caseworker.id },
    );
    expect((await db().goal.findUniqueOrThrow({ where: { id: goal.id } })).status).toBe("in_progress");
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("done");
    const lead = await db().caseAssignment.findFirstOrThrow({ where: { caseId: world.caseOne.id, kind: "lead", endedAt: null } });
    expect(lead.accountId).toBe(world.accounts.otherCaseworker.id);
  });

  it("of a triage decision is refused once another decision was made", async () => {
    const post = (cookie: string): Post => (fields) => triageAction(routeArgs(formPost(`/staff/requests/${world.requestOne.id}`, fields, { Cookie: cookie }), { requestId: world.requestOne.id }));
    const [one, two] = [post(await signedIn(world.accounts.coordinator)), post(await signedIn(world.accounts.admin))];
    await twice(one, two, { intent: "decline", version: "1", reason: "out_of_scope" }, { intent: "accept-new", version: "1", fullName: "" });
    expect((await db().helpRequest.findUniqueOrThrow({ where: { id: world.requestOne.id } })).status).toBe("declined");
  });

  it("of a partner's answer and of a caseworker's cancellation of a referral is refused", async () => {
    const partner: Post = async (fields) =>
      partnerAction(routeArgs(formPost(`/partner/referrals/${world.referral.id}`, fields, { Cookie: await signedIn(world.accounts.partner) }), { referralId: world.referral.id }));
    await twice(partner, partner, { intent: "accept", version: "1", note: "" }, { intent: "decline", version: "1", reason: "no_capacity", note: "" });
    const cancel = caseForm(await signedIn(world.accounts.caseworker), world.caseOne.id);
    await twice(cancel, cancel, { intent: "cancel-referral", referralId: world.referral.id, version: "2", note: "" }, { intent: "cancel-referral", referralId: world.referral.id, version: "2", note: "again" });
    const referral = await db().referral.findUniqueOrThrow({ where: { id: world.referral.id } });
    expect([referral.status, referral.reasonNote]).toEqual(["cancelled", null]);
  });

  it("of a person's withdrawal does not undo a caseworker's decision taken meanwhile", async () => {
    await db().helpRequest.update({ where: { id: world.requestOne.id }, data: { status: "accepted" } });
    // Read as waiting, decided since: requestStatus reads, then withdraws only what still waits.
    const secret = "secret words here";
    const { hashPassword } = await import("~/auth/password.server");
    await db().helpRequest.update({ where: { id: world.requestOne.id }, data: { secretHash: await hashPassword(secret) } });
    expect(await requestStatus("R-ONE111", secret, "198.51.100.1", true)).toEqual({ kind: "found", status: "accepted", code: "R-ONE111" });
    expect((await db().helpRequest.findUniqueOrThrow({ where: { id: world.requestOne.id } })).status).toBe("accepted");
  });
});
