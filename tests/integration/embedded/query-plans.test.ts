// Every statement the busy pages send is looked at with SQLite's EXPLAIN QUERY PLAN: none may
// read a whole table (or a whole index) of the tables that grow with the organisation, and no
// paged list may be sorted in a temporary B-tree. The plans come from the schema alone (no
// ANALYZE statistics, as in a real installation), so they hold at 2,000 or 200,000 persons.
import { beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { databaseConnection } from "~/db/connection";
import { Prisma } from "~/db/generated/client";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as meLoader } from "~/routes/me._index";
import { loader as myMessagesLoader } from "~/routes/me.messages";
import { loader as inboxLoader } from "~/routes/partner._index";
import { loader as partnerReferralLoader } from "~/routes/partner.referrals.$referralId";
import { loader as staffLoader } from "~/routes/staff._index";
import { loader as caseLoader } from "~/routes/staff.cases.$caseId";
import { loader as personLoader } from "~/routes/staff.persons.$personId";
import { loader as queueLoader } from "~/routes/staff.requests._index";
import { loader as reportsLoader } from "~/routes/staff.reports";
import { loader as waitingLoader } from "~/routes/staff.referrals";
import { searchPage } from "../../fixtures/search";
import { loader as tasksLoader } from "~/routes/staff.tasks";
import { signedIn } from "../../fixtures/accounts";
import { get, routeArgs, settle } from "../../fixtures/requests";
import { makeWorld } from "../../fixtures/world";
import { COMMON, tokensOfKey } from "~/persons/name-tokens.server";
import { searchKey } from "~/persons/search-key";

/** The tables whose rows grow with the persons an organisation holds. */
const GROWING = [
  ...["Person", "Case", "CaseAssignment", "Task", "Activity", "Note", "CaseMessage", "Referral", "AuditEvent", "HelpRequest", "ContactChannel", "NameToken"],
  // and the rows each of those holds more of: history, messages, goals, consents.
  ...["CaseStatusChange", "ReferralStatusChange", "ReferralMessage", "HelpRequestTrack", "Goal", "NeedsAssessment", "Restriction", "Consent", "Session"],
  // and practical support with its steps (issue 19).
  ...["Assistance", "AssistanceEvent"],
];

type Statement = { sql: string; params: unknown[] };
let captured: Statement[] = [];
let client: Db;

beforeEach(async () => {
  client = createDb(databaseConnection(), { onQuery: (statement) => captured.push(statement) });
  (globalThis as { aftercareDb?: Db }).aftercareDb = client;
});

/** How many rows the statement asks for; Prisma sends LIMIT -1 for "all". */
function limitOf(statement: Statement): number | null {
  // At the end, or at the end of a count's sub-select ("… LIMIT ? OFFSET ?) AS `sub`").
  if (/LIMIT \? OFFSET \?(?:\) AS `sub`)?$/.test(statement.sql)) {
    const limit = Number(statement.params.at(-2));
    return limit >= 0 ? limit : null;
  }
  // read() in SQL (app/db/read.server.ts): "… LIMIT ?" at the end or at the end of a count's sub-select.
  if (/LIMIT \?(?:\) AS "\w+")?\s*$/.test(statement.sql)) return Number(statement.params.at(-1));
  const literal = /LIMIT (\d+)(?: OFFSET \d+)?$/.exec(statement.sql);
  return literal ? Number(literal[1]) : null;
}

const SORTED_IN_MEMORY = /USE TEMP B-TREE FOR (?:ORDER BY|RIGHT PART OF ORDER BY|LAST TERM OF ORDER BY)/;

/** Columns that narrow a growing table by a state or a time only: a range over the whole organisation. */
const BROAD = new Set(["status", "kind", "role", "urgency", "action", "dueOn", "createdAt", "openedAt", "at", "sentAt", "unassignedSince", "readAt"]);

/** A SEARCH of a growing table constrained only by broad columns, e.g. "(status=?)": every open task of everyone. */
function searchesBroadly(detail: string): boolean {
  const found = /^SEARCH (?:main\.)?(\w+) USING (?:COVERING )?INDEX \w+ \((.+)\)$/.exec(detail);
  if (!found || !GROWING.includes(found[1]!)) return false;
  const columns = found[2]!.split(" AND ").map((term) => /^(\w+)/.exec(term)?.[1] ?? "");
  return columns.every((column) => BROAD.has(column));
}

/** The plan's lines that read too much: a scan of a growing table, or a sort of a paged list of one. */
async function problemsOf(statement: Statement): Promise<string[]> {
  if (!/^\s*(SELECT|WITH)/i.test(statement.sql)) return [];
  // The statement as Prisma sent it, its parameters bound again in their places.
  const parts = `EXPLAIN QUERY PLAN ${statement.sql}`.split("?");
  const plan = (await client.$queryRaw<{ detail: string }[]>(Prisma.sql(parts, ...statement.params))).map((line) => line.detail);
  const limit = limitOf(statement);
  const table = /FROM (?:`main`\.`(\w+)`|"(\w+)")/.exec(statement.sql.replace(/^SELECT COUNT\(\*\) AS `_count\$_all` FROM \(/, ""))?.slice(1).find(Boolean) ?? "";
  const sorted = plan.some((detail) => SORTED_IN_MEMORY.test(detail));
  return plan.filter((detail) => {
    const scanned = /^SCAN (?:main\.)?(\w+)/.exec(detail)?.[1];
    if (scanned && GROWING.includes(scanned)) {
      // The newest rows of a whole table, read in the order of its key and stopped at the
      // limit (the audit chain's last hash, the unfiltered audit log): that reads `limit` rows.
      const newestOfAll = limit !== null && !sorted && new RegExp(`FROM (?:\`main\`\\.\`${scanned}\` WHERE 1=1|"${scanned}")\\s+ORDER BY`).test(statement.sql);
      return !newestOfAll;
    }
    // Without a limit, a growing table must be narrowed by something of the viewer's (an id, a token).
    if (limit === null && searchesBroadly(detail)) return true;
    return limit !== null && GROWING.includes(table) && SORTED_IN_MEMORY.test(detail);
  });
}

/** Loads a page as a signed-in person would and returns what its statements' plans did wrong. */
async function planProblems(load: () => Promise<unknown>): Promise<string[]> {
  captured = [];
  const response = await settle(load);
  expect(response.status).toBe(200);
  const statements = captured;
  captured = [];
  const problems: string[] = [];
  for (const statement of statements) {
    for (const detail of await problemsOf(statement)) problems.push(`${detail}\n    in: ${statement.sql}`);
  }
  return problems;
}

describe("the busy pages read only what the viewer's work needs", () => {
  it("every page's statements use indexes", async () => {
    const world = await makeWorld();
    // A full page of cases, so that lists ask for many ids at once, as they do in use.
    for (let index = 0; index < 30; index++) {
      const person = await client.person.create({ data: { caseCode: `AC-QP${String(index).padStart(2, "0")}-PLAN`, preferredName: "P" } });
      const opened = await client.case.create({ data: { personId: person.id, status: "active", assignments: { create: { accountId: world.accounts.caseworker.id } } } });
      await client.task.create({ data: { caseId: opened.id, title: "Call", dueOn: new Date(Date.UTC(2026, 0, 1 + index)), assigneeId: world.accounts.caseworker.id } });
      await client.caseMessage.create({ data: { caseId: opened.id, body: "?", authorId: world.accounts.client.id } });
    }
    // A name more persons hold than COMMON, so that its search goes along the pair token.
    const common = Array.from({ length: COMMON + 1 }, (_, index) => ({ id: `common-${index}`, caseCode: `AC-CN${String(index).padStart(3, "0")}-PLAN`, preferredName: "Андрэй", searchKey: searchKey("Андрэй", "Андрэй Сарока") }));
    await client.person.createMany({ data: common });
    await client.nameToken.createMany({ data: common.flatMap((person) => tokensOfKey(person.searchKey).map((token) => ({ token, personId: person.id }))) });
    const [caseworker, coordinator, partner, client_, admin] = await Promise.all([
      signedIn(world.accounts.caseworker),
      signedIn({ ...(await client.account.create({ data: { email: "coord-plan@test.local", role: "coordinator", status: "active", displayName: "Coordinator", passwordHash: (await client.account.findUniqueOrThrow({ where: { id: world.accounts.caseworker.id } })).passwordHash, totpSecret: world.accounts.caseworker.totpSecret, organizationId: world.host.id } })) }),
      signedIn(world.accounts.partner),
      signedIn(world.accounts.client),
      signedIn(world.accounts.admin),
    ]);
    const { personOne, caseOne, referral } = world;
    const staff = (path: string, cookie: string) => () => staffLoader(routeArgs(get(path, cookie)));
    const search = (query: string) => () => searchPage(query, caseworker);
    const audit = (query: string) => () => auditLoader(routeArgs(get(`/admin/audit?${query}`, admin)));
    const inbox = (query: string) => () => inboxLoader(routeArgs(get(`/partner?${query}`, partner)));
    const pages: Record<string, () => Promise<unknown>> = {
      "caseworker /staff": staff("/staff", caseworker),
      "caseworker /staff, a later page": staff("/staff?after=someAssignmentId", caseworker),
      "coordinator /staff": staff("/staff", coordinator),
      "coordinator /staff, a later page": staff(`/staff?after=${caseOne.id}`, coordinator),
      "triage queue": () => queueLoader(routeArgs(get("/staff/requests", coordinator))),
      "triage queue, urgent, a later page": () => queueLoader(routeArgs(get(`/staff/requests?urgency=urgent&after=${world.requestOne.id}`, coordinator))),
      "search by a name in two words": search("q=Ганна+Сарока"),
      "search by a name of two common words": search("q=Андрэй+Сарока"),
      "search by a name of two common words, a later page": search("q=Андрэй+Сарока&page=3"),
      "search by a beginning of a name": search("q=Han"),
      "search by case code": search("q=AC-ONE1"),
      "search by contact": search("q=%40ac-one1"),
      "search by caseworker": search(`caseworker=${world.accounts.caseworker.id}`),
      "search by status": search("status=active"),
      "search by country": search("country=PL"),
      "search by track": search(`track=${world.track.id}`),
      "caseworker's tasks": () => tasksLoader(routeArgs(get("/staff/tasks?when=open", caseworker))),
      "overdue tasks, everyone's": () => tasksLoader(routeArgs(get("/staff/tasks?assignee=anyone", coordinator))),
      "overdue tasks of a caseworker, late by 30 days, a later page": () =>
        tasksLoader(routeArgs(get(`/staff/tasks?assignee=${world.accounts.caseworker.id}&lateBy=30&after=1767225600000-someTaskId`, coordinator))),
      "overdue tasks of a track": () => tasksLoader(routeArgs(get(`/staff/tasks?assignee=anyone&track=${world.track.id}`, coordinator))),
      "referrals that wait": () => waitingLoader(routeArgs(get("/staff/referrals", coordinator))),
      "referrals that wait, a later page": () => waitingLoader(routeArgs(get("/staff/referrals?after=1767225600000-someReferralId", coordinator))),
      "referrals that wait of a partner and a caseworker": () =>
        waitingLoader(routeArgs(get(`/staff/referrals?partner=${world.partnerA.id}&caseworker=${world.accounts.caseworker.id}&waitingFor=7`, coordinator))),
      "caseworker's referrals that wait": () => waitingLoader(routeArgs(get("/staff/referrals", caseworker))),
      person: () => personLoader(routeArgs(get(`/staff/persons/${personOne.id}`, caseworker), { personId: personOne.id })),
      case: () => caseLoader(routeArgs(get(`/staff/cases/${caseOne.id}`, caseworker), { caseId: caseOne.id })),
      "partner inbox": inbox(""),
      "partner inbox, one status, a later page": inbox(`status=sent&after=${referral.id}`),
      "partner referral": () => partnerReferralLoader(routeArgs(get(`/partner/referrals/${referral.id}`, partner), { referralId: referral.id })),
      "/me": () => meLoader(routeArgs(get("/me", client_))),
      "/me/messages": () => myMessagesLoader(routeArgs(get("/me/messages", client_))),
      "audit log": audit(""),
      "audit log, a later page": audit("after=5"),
      "audit log of a person": audit(`personId=${personOne.id}`),
      "audit log of an account": audit(`accountId=${world.accounts.caseworker.id}`),
      "audit log of an action": audit("action=case.view"),
      "audit log of a period": audit("from=2026-01-01&to=2026-12-31"),
    };
    const found: Record<string, string[]> = {};
    for (const [page, load] of Object.entries(pages)) {
      const problems = await planProblems(load);
      if (problems.length) found[page] = problems;
    }
    expect(found).toEqual({});
  });

  it("the reports, which count the whole organisation, read indexes and never a growing table's rows", async () => {
    const world = await makeWorld();
    const coordinator = await signedIn(world.accounts.coordinator);
    /** The plan lines of the reports' statements that read a growing table's rows. */
    const rowsRead = async () => {
      captured = [];
      const response = await settle(() => reportsLoader(routeArgs(get("/staff/reports", coordinator))));
      expect(response.status).toBe(200);
      const statements = captured.filter((one) => /^\s*(SELECT|WITH)/i.test(one.sql));
      expect(statements.length).toBeGreaterThan(3);
      const found: string[] = [];
      for (const statement of statements) {
        const parts = `EXPLAIN QUERY PLAN ${statement.sql}`.split("?");
        const plan = (await client.$queryRaw<{ detail: string }[]>(Prisma.sql(parts, ...statement.params))).map((line) => line.detail);
        // A count over a whole index is what a report over all time is; a scan of the table's rows is not.
        for (const detail of plan) {
          const scanned = /^SCAN (?:main\.)?(\w+)/.exec(detail)?.[1];
          if (scanned && GROWING.includes(scanned) && !/USING COVERING INDEX/.test(detail)) found.push(`${detail}\n    in: ${statement.sql}`);
        }
      }
      return found;
    };
    expect(await rowsRead()).toEqual([]);
    // And it bites: without the index of activities by kind, counting them reads every activity.
    const dropper = createDb(databaseConnection());
    await dropper.$executeRaw`DROP INDEX "Activity_occurredAt_kind_idx"`;
    await dropper.$disconnect();
    await client.$queryRaw`SELECT count(*) FROM sqlite_master`;
    expect((await rowsRead()).join("\n")).toMatch(/SCAN (main\.)?Activity/);
  });

  it("notices a dropped index (the check bites)", async () => {
    const world = await makeWorld();
    const caseworker = await signedIn(world.accounts.caseworker);
    const caseload = () => staffLoader(routeArgs(get("/staff", caseworker)));
    expect(await planProblems(caseload)).toEqual([]);
    // On a connection of its own: the page's connection still holds its prepared statements.
    const dropper = createDb(databaseConnection());
    await dropper.$executeRaw`DROP INDEX "CaseAssignment_accountId_endedAt_assignedAt_id_idx"`;
    await dropper.$disconnect();
    // EXPLAIN reads the schema this connection last saw: a statement that reads it catches up first.
    await client.$queryRaw`SELECT count(*) FROM sqlite_master`;
    const problems = await planProblems(caseload);
    expect(problems.join("\n")).toMatch(/SCAN (main\.)?CaseAssignment/);
  });
});
