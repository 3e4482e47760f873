// Lists come a page at a time: following each page's "next" link reaches every row once, in
// order, and the coordinator's board follows the cases as they are assigned, closed, reopened.
import { beforeEach, describe, expect, it } from "vitest";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/client.server";
import { HELD_CAP, PAGE_SIZE } from "~/db/paging";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as inboxLoader } from "~/routes/partner._index";
import { action as boardAction, loader as staffLoader } from "~/routes/staff._index";
import { action as caseAction, loader as caseLoader } from "~/routes/staff.cases.$caseId";
import { HISTORY_PAGE } from "~/cases/cases.server";
import { loader as queueLoader } from "~/routes/staff.requests._index";
import { searchPage } from "../fixtures/search";
import { signedIn } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, setNames, type World } from "../fixtures/world";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

const MANY = PAGE_SIZE + 7;
const DAY = 86_400_000;

/** Persons with an open case each, opened a day apart (the oldest first). */
async function personsWithCases(count: number, prefix: string) {
  const made = [];
  for (let index = 0; index < count; index++) {
    const at = new Date(Date.UTC(2026, 0, 1) + index * DAY);
    const person = await db().person.create({ data: { caseCode: `AC-${prefix}${String(index).padStart(3, "0")}-PAGE`, preferredName: `P${index}` } });
    const opened = await db().case.create({ data: { personId: person.id, status: "active", openedAt: at } });
    made.push({ person, case: opened, at });
  }
  return made;
}

/** Loads a list page after page through its `next` cursor; returns every row's key in order. */
async function everyPage<T>(load: (after: string | null) => Promise<{ rows: T[]; next: string | null }>, key: (row: T) => string): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 10; pages++) {
    const { rows, next } = await load(after);
    expect(rows.length).toBeLessThanOrEqual(PAGE_SIZE);
    seen.push(...rows.map(key));
    if (!next) return seen;
    after = next;
  }
  throw new Error("the pages never ended");
}

const json = async (run: () => Promise<unknown>) => (await settle(run)).json();
const withAfter = (path: string, after: string | null) => (after ? `${path}${path.includes("?") ? "&" : "?"}after=${encodeURIComponent(after)}` : path);

describe("paged lists", () => {
  it("the caseload reaches every one of the caseworker's cases once, newest assignment first", async () => {
    const made = await personsWithCases(MANY, "CL");
    for (const { case: c, at } of made) await db().caseAssignment.create({ data: { caseId: c.id, accountId: world.accounts.caseworker.id, assignedAt: at } });
    const cookie = await signedIn(world.accounts.caseworker);
    const codes = await everyPage(
      async (after) => {
        const data = await json(() => staffLoader(routeArgs(get(withAfter("/staff", after), cookie))));
        return { rows: data.caseload.items as { caseCode: string }[], next: data.caseload.next };
      },
      (row) => row.caseCode,
    );
    const expected = ["AC-ONE1-ONE1", ...made.map((m) => m.person.caseCode).reverse()];
    expect(codes.sort()).toEqual([...expected].sort());
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("counts a caseworker's open cases up to HELD_CAP, on the caseload and on the board, and no further", async () => {
    const made = await personsWithCases(HELD_CAP + 2, "HC");
    await db().caseAssignment.createMany({ data: made.map(({ case: c }) => ({ caseId: c.id, accountId: world.accounts.otherCaseworker.id })) });
    // One of them closed: closed cases are not held.
    await db().case.update({ where: { id: made[0]!.case.id }, data: { status: "closed" } });
    const held = async () => {
      const own = await json(() => staffLoader(routeArgs(get("/staff", signedInOther))));
      const board = await json(() => staffLoader(routeArgs(get("/staff", signedInCoordinator))));
      const row = (board.board.caseworkers as { id: string; openCases: number }[]).find((a) => a.id === world.accounts.otherCaseworker.id);
      return [own.overview.myOpenCases, row?.openCases, own.heldCap];
    };
    const [signedInOther, signedInCoordinator] = [await signedIn(world.accounts.otherCaseworker), await signedIn(world.accounts.coordinator)];
    // The world's case of theirs and HELD_CAP + 1 open ones: more than the cap, so the cap and one ("100+").
    expect(await held()).toEqual([HELD_CAP + 1, HELD_CAP + 1, HELD_CAP]);
    await db().case.updateMany({ where: { id: { in: made.slice(1, 4).map((m) => m.case.id) } }, data: { status: "closed" } });
    // 1 + HELD_CAP + 1 - 3 = HELD_CAP - 1: counted exactly.
    expect(await held()).toEqual([HELD_CAP - 1, HELD_CAP - 1, HELD_CAP]);
  });

  it("the coordinator's board holds the cases without a lead: assigned they leave, closed they stay off, reopened they return", async () => {
    const made = await personsWithCases(MANY, "BD");
    for (const { case: c, at } of made) await db().case.update({ where: { id: c.id }, data: { unassignedSince: at } });
    const cookie = await signedIn(world.accounts.coordinator);
    const board = async (after: string | null = null) => (await json(() => staffLoader(routeArgs(get(withAfter("/staff", after), cookie))))).board.unassigned;
    const codes = await everyPage(
      async (after) => {
        const page = await board(after);
        return { rows: page.items as { caseCode: string }[], next: page.next };
      },
      (row) => row.caseCode,
    );
    // Longest waiting first, each once.
    expect(codes).toEqual(made.map((m) => m.person.caseCode));

    const first = made[0]!.case;
    const assigned = await boardAction(routeArgs(formPost("/staff", { caseId: first.id, version: "1", accountId: world.accounts.caseworker.id }, { Cookie: cookie })));
    expect(assigned.status).toBe(200);
    expect((await board()).items.map((c: { id: string }) => c.id)).not.toContain(first.id);

    const second = made[1]!.case;
    const post = (fields: Record<string, string>) => settle(() => caseAction(routeArgs(formPost(`/staff/cases/${second.id}`, fields, { Cookie: cookie }), { caseId: second.id })));
    expect((await post({ intent: "status", version: "1", status: "closed", reason: "goals_met", note: "" })).status).toBe(302);
    expect((await board()).items.map((c: { id: string }) => c.id)).not.toContain(second.id);
    expect((await post({ intent: "status", version: "2", status: "active", note: "" })).status).toBe(302);
    // Back on the board, now the case that waited least (since it was reopened).
    const last = await everyPage(
      async (after) => {
        const page = await board(after);
        return { rows: page.items as { id: string }[], next: page.next };
      },
      (row) => row.id,
    );
    expect(last.at(-1)).toBe(second.id);
    expect(last).toHaveLength(MANY - 1);
  });

  it("the triage queue, the partner's inbox and the audit log page through every row once", async () => {
    const URGENCY_IN_TURN = ["urgent", "normal", "low"] as const;
    for (let index = 0; index < MANY; index++) {
      // Urgent, normal and low in turn, every other one already in triage: the most urgent come
      // first whatever their status, each urgency oldest first, so pages cross urgencies and statuses.
      await db().helpRequest.create({
        data: {
          code: `R-PG${String(index).padStart(4, "0")}`, source: "public_form", language: "be", preferredName: "X", contactKind: "signal", contactValue: "@x",
          createdAt: new Date(Date.UTC(2026, 0, 1) + index * DAY), status: index % 2 === 0 ? "in_triage" : "new", urgency: URGENCY_IN_TURN[index % 3],
        },
      });
      await db().referral.create({
        data: { caseId: world.caseOne.id, serviceId: world.service.id, organizationId: world.partnerA.id, status: "sent", request: "r", sharedFields: "", sentAt: new Date(Date.UTC(2026, 0, 1) + index * DAY) },
      });
    }
    const coordinator = await signedIn(world.accounts.coordinator);
    const queue = await everyPage(
      async (after) => {
        const data = await json(() => queueLoader(routeArgs(get(withAfter("/staff/requests", after), coordinator))));
        return { rows: data.requests as { code: string }[], next: data.next };
      },
      (row) => row.code,
    );
    const codes = Array.from({ length: MANY }, (_, index) => `R-PG${String(index).padStart(4, "0")}`);
    expect(queue.filter((code) => code.startsWith("R-PG"))).toEqual([0, 1, 2].flatMap((turn) => codes.filter((_, index) => index % 3 === turn)));
    expect(new Set(queue).size).toBe(queue.length);

    const partner = await signedIn(world.accounts.partner);
    const inbox = await everyPage(
      async (after) => {
        const data = await json(() => inboxLoader(routeArgs(get(withAfter("/partner", after), partner))));
        return { rows: data.referrals.items as { id: string }[], next: data.referrals.next };
      },
      (row) => row.id,
    );
    expect(inbox).toHaveLength(MANY + 1); // and the world's one sent referral; never the draft
    const firstInbox = await json(() => inboxLoader(routeArgs(get("/partner", partner))));
    expect(firstInbox.referrals.total).toBe(MANY + 1);
    // The count follows the filter: one of them accepted.
    await db().referral.updateMany({ where: { id: inbox[0] }, data: { status: "accepted" } });
    expect((await json(() => inboxLoader(routeArgs(get("/partner?status=accepted", partner))))).referrals.total).toBe(1);
    expect(new Set(inbox).size).toBe(inbox.length);

    const admin = await signedIn(world.accounts.admin);
    for (let index = 0; index < MANY; index++) {
      await db().$transaction((tx) => recordAudit(tx, { action: "person.view", actorId: world.accounts.caseworker.id, entityType: "person", entityId: world.personOne.id, personId: world.personOne.id }));
    }
    const audit = await everyPage(
      async (after) => {
        const data = await json(() => auditLoader(routeArgs(get(withAfter(`/admin/audit?personId=${world.personOne.id}`, after), admin))));
        return { rows: data.rows as { id: number }[], next: data.next };
      },
      (row) => String(row.id),
    );
    expect(audit.map(Number)).toEqual([...audit.map(Number)].sort((a, b) => b - a));
    expect(audit).toHaveLength(await db().auditEvent.count({ where: { personId: world.personOne.id } }));
    expect(audit.length).toBeGreaterThan(MANY - 1);
    const firstAudit = await json(() => auditLoader(routeArgs(get(`/admin/audit?personId=${world.personOne.id}`, admin))));
    expect(firstAudit.total).toBe(audit.length);
    expect([firstAudit.countCap, (await json(() => auditLoader(routeArgs(get(`/admin/audit?personId=nobody`, admin))))).total]).toEqual([1000, 0]);
  });

  it("search results are ranked and paged, and say how many", async () => {
    const made = await personsWithCases(MANY, "SR");
    for (const { person } of made) await setNames(person.id, "Сяргей", "Сяргей Ціханоўскі");
    await setNames(made[3]!.person.id, "Ціхан", "Ціхан Сяргееў"); // shares only beginnings of the words
    const cookie = await signedIn(world.accounts.coordinator);
    const search = async (query: string) => (await json(() => searchPage(query, cookie))).results;
    const first = await search("q=Siarhei+Tsikhanouski");
    expect(first.total).toBe(MANY - 1);
    expect(first.items).toHaveLength(PAGE_SIZE);
    const second = await search("q=Siarhei+Tsikhanouski&page=2");
    expect(second.items).toHaveLength(MANY - 1 - PAGE_SIZE);
    const all = [...first.items, ...second.items].map((p: { caseCode: string }) => p.caseCode);
    expect(new Set(all).size).toBe(MANY - 1);
    expect(all).not.toContain(made[3]!.person.caseCode);
  });

  it("a case with 500 activities opens on its newest page, and its earlier pages hold every entry once", async () => {
    const start = Date.UTC(2025, 0, 1);
    await db().activity.createMany({
      data: Array.from({ length: 500 }, (_, index) => ({ caseId: world.caseOne.id, kind: "call" as const, note: `call ${index}`, occurredAt: new Date(start + index * 3_600_000) })),
    });
    const cookie = await signedIn(world.accounts.caseworker);
    const load = async (before: string | null) =>
      (await json(() => caseLoader(routeArgs(get(`/staff/cases/${world.caseOne.id}${before ? `?before=${encodeURIComponent(before)}` : ""}`, cookie), { caseId: world.caseOne.id })))).found;
    const first = await load(null);
    const calls = (page: { timeline: { kind: string; detail: string }[] }) => page.timeline.filter((entry) => entry.kind === "activity").map((entry) => entry.detail);
    expect(first.timeline.length).toBeLessThanOrEqual(HISTORY_PAGE + 5);
    expect(calls(first).at(-1)).toBe("call 499");
    const seen: string[] = [];
    let page = first;
    for (let pages = 0; pages < 20 && page; pages++) {
      seen.unshift(...calls(page));
      page = page.earlier ? await load(page.earlier) : null;
    }
    expect(seen).toEqual(Array.from({ length: 500 }, (_, index) => `call ${index}`));
  });
});
