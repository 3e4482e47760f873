// The caseworker's workspace through its routes: triage, the case's lifecycle, assignment,
// editing without losses, and search.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { action as caseAction, loader as caseLoader } from "~/routes/staff.cases.$caseId";
import { action as enterAction } from "~/routes/staff.requests.new";
import { action as triageAction, loader as triageLoader } from "~/routes/staff.requests.$requestId";
import { loader as queueLoader } from "~/routes/staff.requests._index";
import { searchPage } from "../fixtures/search";
import { action as boardAction } from "~/routes/staff._index";
import { signedIn } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, setNames, type World } from "../fixtures/world";
import { noticeDestination } from "../fixtures/notices";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

const caseUrl = (id: string) => `/staff/cases/${id}`;
const postCase = (cookie: string, caseId: string, fields: Record<string, string>) =>
  caseAction(routeArgs(formPost(caseUrl(caseId), fields, { Cookie: cookie }), { caseId }));
const loadCase = async (cookie: string, caseId: string) => (await settle(() => caseLoader(routeArgs(get(caseUrl(caseId), cookie), { caseId })))).json();

describe("triage", () => {
  it("compares a full name typed at triage with the persons on file before it makes a new one", async () => {
    await setNames(world.personOne.id, "Ганна", "Ганна Сарока");
    const request = await db().helpRequest.create({ data: { code: "R-FULL-NAME", source: "public_form", language: "be", preferredName: "Г.", contactKind: "signal", contactValue: "@new" } });
    const cookie = await signedIn(world.accounts.coordinator);
    const post = (fields: Record<string, string>) => settle(() => triageAction(routeArgs(formPost(`/staff/requests/${request.id}`, fields, { Cookie: cookie }), { requestId: request.id })));
    const checked = await post({ intent: "accept-new", version: "1", fullName: "Hanna Saroka" });
    expect(checked.status).toBe(409);
    const answer = await checked.json();
    expect(answer.errors).toEqual({ fullName: "triage.fullNameLooksLike" });
    expect(answer.lookalikes.duplicates.map((d: { personId: string }) => d.personId)).toEqual([world.personOne.id]);
    expect(answer.fullName).toBe("Hanna Saroka");
    expect(await db().person.count()).toBe(2);
    // Another name goes straight through; so does the same one once the coordinator says "someone else".
    expect((await post({ intent: "accept-new", version: "1", fullName: "Hanna Saroka", confirmNew: "1" })).status).toBe(302);
    expect(await db().person.count()).toBe(3);
  });

  it("takes a staff-entered request into a new case that the caseworker keeps", async () => {
    const cookie = await signedIn(world.accounts.caseworker);
    const entered = await enterAction(
      routeArgs(formPost("/staff/requests/new", { preferredName: "Марыя", contactKind: "telegram", contactValue: "@maryia_x", safeTimes: "", country: "pl", language: "be", urgency: "urgent", message: "Патрэбна жыллё" }, { Cookie: cookie })),
    );
    const requestId = entered.headers.get("Location")!.split("/").pop()!;
    const page = await (await settle(() => triageLoader(routeArgs(get(`/staff/requests/${requestId}`, cookie), { requestId })))).json();
    // Reading the request changes nothing (no state change on GET).
    expect(page.request.status).toBe("new");
    expect(page.request.country).toBe("PL");

    const accepted = await triageAction(routeArgs(formPost(`/staff/requests/${requestId}`, { intent: "accept-new", version: String(page.request.version), fullName: "Марыя Гурская" }, { Cookie: cookie }), { requestId }));
    const caseId = accepted.headers.get("Location")!.split("/").pop()!;
    const opened = await loadCase(cookie, caseId);
    expect(opened.found.status).toBe("open");
    expect(opened.found.assignments[0].account.id).toBe(world.accounts.caseworker.id);
    const person = await db().person.findUniqueOrThrow({ where: { id: opened.found.person.id }, include: { contacts: true } });
    expect([person.preferredName, person.fullName, person.contacts[0]?.value]).toEqual(["Марыя", "Марыя Гурская", "@maryia_x"]);
    expect((await db().helpRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("accepted");
  });

  it("shows field messages for a bad request instead of failing, and keeps the input", async () => {
    const cookie = await signedIn(world.accounts.coordinator);
    const response = await enterAction(routeArgs(formPost("/staff/requests/new", { preferredName: "", contactKind: "pigeon", contactValue: "", country: "Poland", language: "be", urgency: "normal", message: "x" }, { Cookie: cookie })));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toMatchObject({ preferredName: "person.preferredNameRequired", contactKind: "request.contactKindRequired", contactValue: "request.contactRequired", country: "request.countryInvalid" });
    expect(body.values.message).toBe("x");
  });

  it("warns of a duplicate and accepts into that person's case; declines and marks duplicates", async () => {
    const cookie = await signedIn(world.accounts.coordinator);
    await setNames(world.personOne.id, "Ганна", "Ганна Сарока", "Hanna Saroka");
    const request = await db().helpRequest.create({ data: { code: "R-DUPL01", source: "public_form", language: "en", preferredName: "Hanna Saroka", contactKind: "email", contactValue: "h@example.org" } });
    const page = await (await settle(() => triageLoader(routeArgs(get(`/staff/requests/${request.id}`, cookie), { requestId: request.id })))).json();
    expect(page.duplicates.map((d: { caseCode: string }) => d.caseCode)).toEqual(["AC-ONE1-ONE1"]);
    const accepted = await triageAction(routeArgs(formPost(`/staff/requests/${request.id}`, { intent: "accept-existing", version: String(page.request.version), personId: world.personOne.id }, { Cookie: cookie }), { requestId: request.id }));
    expect(accepted.headers.get("Location")).toBe(caseUrl(world.caseOne.id));

    const other = await db().helpRequest.create({ data: { code: "R-DECL01", source: "public_form", language: "ru", preferredName: "X", contactKind: "email", contactValue: "x@example.org" } });
    const noReason = await triageAction(routeArgs(formPost(`/staff/requests/${other.id}`, { intent: "decline", version: "1" }, { Cookie: cookie }), { requestId: other.id }));
    expect((await noReason.json()).errors).toEqual({ reason: "request.reasonRequired" });
    await triageAction(routeArgs(formPost(`/staff/requests/${other.id}`, { intent: "duplicate", version: "1", duplicateOfCode: "r-one111" }, { Cookie: cookie }), { requestId: other.id }));
    expect(await db().helpRequest.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: "duplicate", duplicateOfId: world.requestOne.id });
  });
});

describe("taking a request", () => {
  it("marks it as being reviewed by one caseworker, shown in the queue, until it is given back", async () => {
    const cookie = await signedIn(world.accounts.caseworker);
    const other = await signedIn(world.accounts.otherCaseworker);
    const send = (as: string, fields: Record<string, string>) =>
      settle(() => triageAction(routeArgs(formPost(`/staff/requests/${world.requestOne.id}`, fields, { Cookie: as }), { requestId: world.requestOne.id })));

    expect((await send(cookie, { intent: "take", version: "1" })).status).toBe(302);
    const taken = await db().helpRequest.findUniqueOrThrow({ where: { id: world.requestOne.id } });
    expect([taken.status, taken.triagedById]).toEqual(["in_triage", world.accounts.caseworker.id]);
    const queue = await (await settle(() => queueLoader(routeArgs(get("/staff/requests", other))))).json();
    expect(queue.requests.find((r: { id: string }) => r.id === world.requestOne.id)).toMatchObject({ status: "in_triage", triagedBy: { displayName: "caseworker fixture" } });

    // A page opened before the change is stale.
    expect((await send(other, { intent: "release", version: "1" })).status).toBe(409);
    expect((await send(other, { intent: "release", version: "2" })).status).toBe(302);
    expect((await db().helpRequest.findUniqueOrThrow({ where: { id: world.requestOne.id } })).status).toBe("new");
    expect(await db().auditEvent.count({ where: { action: { in: ["help_request.take", "help_request.release"] }, entityId: world.requestOne.id } })).toBe(2);
  });
});

describe("a case", () => {
  it("follows its lifecycle: closing needs a reason, and it can be reopened", async () => {
    const cookie = await signedIn(world.accounts.caseworker);
    const id = world.caseOne.id;
    expect((await (await postCase(cookie, id, { intent: "status", version: "1", status: "closed", note: "" })).json()).errors).toEqual({ reason: "case.closeReasonRequired" });
    expect((await postCase(cookie, id, { intent: "status", version: "1", status: "on_hold", note: "away for a month" })).status).toBe(302);
    expect((await postCase(cookie, id, { intent: "status", version: "2", status: "closed", reason: "goals_met", note: "" })).status).toBe(302);
    expect((await (await postCase(cookie, id, { intent: "status", version: "3", status: "on_hold", note: "" })).json()).errors).toEqual({ status: "case.transitionNotAllowed" });
    expect((await postCase(cookie, id, { intent: "status", version: "3", status: "active", note: "came back" })).status).toBe(302);
    const timeline = (await loadCase(cookie, id)).found.timeline.filter((e: { kind: string }) => e.kind === "status").map((e: { label: string }) => e.label);
    expect(timeline).toEqual(["on_hold", "closed", "active"]);
  });

  it("refuses the second of two edits made from the same version, overwrites nothing, and keeps the input", async () => {
    const first = await signedIn(world.accounts.caseworker);
    const second = await signedIn(world.accounts.coordinator);
    expect((await postCase(first, world.caseOne.id, { intent: "status", version: "1", status: "on_hold", note: "first" })).status).toBe(302);
    const refused = await postCase(second, world.caseOne.id, { intent: "status", version: "1", status: "closed", reason: "no_contact", note: "my careful note" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      intent: "status",
      errors: { form: "form.stale" },
      values: { intent: "status", version: "1", status: "closed", reason: "no_contact", note: "my careful note" },
    });
    const saved = await db().case.findUniqueOrThrow({ where: { id: world.caseOne.id } });
    expect([saved.status, saved.closeReason, saved.version]).toEqual(["on_hold", null, 2]);
  });

  it("records needs, goals, activities, notes and tasks, each on the timeline and in the audit log", async () => {
    const cookie = await signedIn(world.accounts.caseworker);
    const id = world.caseOne.id;
    const ok = async (fields: Record<string, string>) => expect((await postCase(cookie, id, fields)).status).toBe(302);
    await ok({ intent: "assess", trackId: world.track.id, level: "high", summary: "needs a cardiologist" });
    await ok({ intent: "add-goal", trackId: world.track.id, title: "See a cardiologist", targetDate: "" });
    await ok({ intent: "add-activity", kind: "call", occurredOn: "2026-11-20", note: "called", goalId: "" });
    await ok({ intent: "add-note", body: "prefers evenings", restricted: "on" });
    await ok({ intent: "add-task", title: "Book the visit", dueOn: "2026-12-01", assigneeId: "" });
    const task = await db().task.findFirstOrThrow({ where: { caseId: id } });
    await ok({ intent: "task-status", taskId: task.id, taskVersion: "1", status: "done" });

    type Entry = { kind: string; detail: string | null; author: string | null; at: string };
    const page = await loadCase(cookie, id);
    const timeline = page.found.timeline as Entry[];
    const moments = page.moments as Record<string, string>;
    const steps = timeline.map((e) => (e.kind === "task" ? `task ${e.detail}` : e.kind));
    for (const step of ["assessment", "goal", "activity", "note", "task created", "task done"]) expect(steps).toContain(step);
    // Each step says who took it, and when, to the minute, in the organisation's zone (UTC in the tests).
    expect(timeline.filter((e) => e.author !== world.accounts.caseworker.displayName).map((e) => e.kind)).toEqual(["assignment"]); // made with the world, by no one
    expect(moments[timeline.find((e) => e.kind === "activity")!.at]).toMatch(/^11\/20\/2026, 12:00 UTC$/);
    const actions = (await db().auditEvent.findMany({ where: { personId: world.personOne.id, actorId: world.accounts.caseworker.id } })).map((e) => e.action);
    for (const action of ["case.assess", "case.goal", "case.activity", "case.note", "case.task"]) expect(actions).toContain(action);
  });

  it("keeps restricted notes from other caseworkers", async () => {
    await db().caseAssignment.create({ data: { caseId: world.caseOne.id, accountId: world.accounts.otherCaseworker.id, kind: "shared" } });
    await db().note.create({ data: { caseId: world.caseOne.id, body: "secret note", restricted: true, authorId: world.accounts.caseworker.id } });
    const other = await loadCase(await signedIn(world.accounts.otherCaseworker), world.caseOne.id);
    expect(JSON.stringify(other)).not.toContain("secret note");
    const coordinator = await loadCase(await signedIn(world.accounts.coordinator), world.caseOne.id);
    expect(JSON.stringify(coordinator)).toContain("secret note");
  });
});

describe("assignment", () => {
  it("lets a coordinator reassign in one click, tells the caseworker by a neutral email, and audits it", async () => {
    const cookie = await signedIn(world.accounts.coordinator);
    const response = await boardAction(routeArgs(formPost("/staff", { caseId: world.caseOne.id, version: "1", accountId: world.accounts.otherCaseworker.id }, { Cookie: cookie })));
    expect(response.status).toBe(200);
    const active = await db().caseAssignment.findMany({ where: { caseId: world.caseOne.id, endedAt: null } });
    expect(active.map((a) => a.accountId)).toEqual([world.accounts.otherCaseworker.id]);
    const email = await db().outboxEmail.findFirstOrThrow();
    expect([email.to, email.template, await noticeDestination(email)]).toEqual([world.accounts.otherCaseworker.email, "update", caseUrl(world.caseOne.id)]);
    expect(await db().auditEvent.count({ where: { action: "case.assign", entityId: world.caseOne.id } })).toBe(1);
  });

  it("is not a caseworker's to do", async () => {
    const cookie = await signedIn(world.accounts.caseworker);
    const response = await settle(() => postCase(cookie, world.caseOne.id, { intent: "assign", version: "1", accountId: world.accounts.otherCaseworker.id }));
    expect(response.status).toBe(404);
    expect(await db().caseAssignment.count({ where: { caseId: world.caseOne.id, endedAt: null } })).toBe(1);
  });

  it("lets a coordinator open a case to a second caseworker, and end that again", async () => {
    const coordinator = await signedIn(world.accounts.coordinator);
    const second = await signedIn(world.accounts.otherCaseworker);
    const opened = () => settle(() => caseLoader(routeArgs(get(caseUrl(world.caseOne.id), second), { caseId: world.caseOne.id })));
    expect((await opened()).status).toBe(404);

    const caseworker = await signedIn(world.accounts.caseworker);
    expect((await settle(() => postCase(caseworker, world.caseOne.id, { intent: "share", accountId: world.accounts.otherCaseworker.id }))).status).toBe(404);

    expect((await settle(() => postCase(coordinator, world.caseOne.id, { intent: "share", accountId: world.accounts.otherCaseworker.id }))).status).toBe(302);
    expect((await opened()).status).toBe(200);
    expect((await db().outboxEmail.findFirstOrThrow()).to).toBe(world.accounts.otherCaseworker.email);
    const twice = await settle(() => postCase(coordinator, world.caseOne.id, { intent: "share", accountId: world.accounts.otherCaseworker.id }));
    expect(twice.status).toBe(400);
    expect((await twice.json()).errors).toEqual({ shareAccountId: "case.alreadyOnCase" });

    const shared = await db().caseAssignment.findFirstOrThrow({ where: { caseId: world.caseOne.id, kind: "shared", endedAt: null } });
    expect((await settle(() => postCase(coordinator, world.caseOne.id, { intent: "unshare", assignmentId: shared.id }))).status).toBe(302);
    expect((await opened()).status).toBe(404);
    // The lead stays.
    expect((await settle(() => caseLoader(routeArgs(get(caseUrl(world.caseOne.id), caseworker), { caseId: world.caseOne.id })))).status).toBe(200);
  });
});

describe("search", () => {
  const search = async (cookie: string, query: string) =>
    (await (await searchPage(query, cookie)).json()).results.items.map((r: { caseCode: string }) => r.caseCode);

  it("finds by case code, by name in another script, and by contact, within the viewer's scope", async () => {
    const { contactKey } = await import("~/persons/search-key");
    await setNames(world.personOne.id, "Ганна", "Ганна Сарока");
    await setNames(world.personTwo.id, "Алесь", "Алесь Мядзведзеў");
    await db().contactChannel.updateMany({ where: { personId: world.personTwo.id }, data: { searchKey: contactKey("@ac-two2-two2") } });
    const coordinator = await signedIn(world.accounts.coordinator);
    expect(await search(coordinator, "q=ac-one1")).toEqual(["AC-ONE1-ONE1"]);
    expect(await search(coordinator, "q=Anna+Soroka")).toEqual(["AC-ONE1-ONE1"]);
    expect(await search(coordinator, "q=Медведев")).toEqual(["AC-TWO2-TWO2"]);
    expect(await search(coordinator, "q=%40ac-two2")).toEqual(["AC-TWO2-TWO2"]);
    expect(await search(coordinator, `caseworker=${world.accounts.otherCaseworker.id}`)).toEqual(["AC-TWO2-TWO2"]);
    const caseworker = await signedIn(world.accounts.caseworker);
    expect(await search(caseworker, "q=Медведев")).toEqual([]);
  });
});
