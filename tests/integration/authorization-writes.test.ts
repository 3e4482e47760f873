/// <reference types="vite/client" />
// The authorisation matrix, second edition: every action of every route gets a *valid* body
// (tests/fixtures/valid-bodies.ts). Its owner succeeds. Someone of the same role whose record it
// is not (another caseworker, partner organisation or person) gets 404, as for an id that does
// not exist, and everyone outside the route's area is refused; neither changes anything in the
// database. A route with an action but no valid body here fails the first test.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "~/audit/actions";
import { startSession } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { en } from "~/i18n/en";
import { routeArgs, TEST_ORIGIN } from "../fixtures/requests";
import { tokenFor, WRITE_CASES, type Actor, type WriteCase } from "../fixtures/valid-bodies";
import { makeWorld, type World } from "../fixtures/world";
import { freshDatabase } from "../setup/fresh-database";

type RouteModule = { action?: (args: never) => Promise<unknown> | unknown };
const routeFiles = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const actions = new Map(
  Object.entries(routeFiles)
    .filter(([, module]) => module.action)
    .map(([file, module]) => [file.replace(/^.*\/routes\//, "").replace(/\.tsx$/, ""), module.action!]),
);

const EVERYONE: Actor[] = ["anonymous", "pending", "client", "otherClient", "partner", "otherPartner", "caseworker", "otherCaseworker", "coordinator", "admin"];
/** Who is inside a route's area at all; the rest must be sent away before anything is read. */
function inArea(route: string, actor: Actor): boolean {
  const area = route.split(".")[0];
  if (area === "staff") return ["caseworker", "otherCaseworker", "coordinator", "admin"].includes(actor);
  if (area === "partner") return actor === "partner" || actor === "otherPartner";
  if (area === "me") return actor === "client" || actor === "otherClient";
  if (area === "admin") return actor === "admin";
  if (area === "account") return !["anonymous", "pending"].includes(actor);
  return true;
}

async function cookieOf(world: World, actor: Actor): Promise<string | undefined> {
  if (actor === "anonymous") return undefined;
  const account = actor === "pending" ? world.accounts.caseworker : world.accounts[actor];
  const { cookie } = await startSession(account.id, account.role, { twoFactorVerified: actor !== "pending" });
  return cookie.split(";")[0];
}

function post(path: string, fields: Record<string, string | string[]>, cookie: string | undefined, file?: { bytes: Buffer; name: string; field?: string }): Request {
  if (file) {
    // The document uploads: a multipart form, as the browser sends it.
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(key, one);
    form.set(file.field ?? "file", new Blob([new Uint8Array(file.bytes)]), file.name);
    return new Request(TEST_ORIGIN + path, { method: "POST", headers: { Origin: TEST_ORIGIN, ...(cookie ? { Cookie: cookie } : {}) }, body: form });
  }
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(key, one);
  return new Request(TEST_ORIGIN + path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: TEST_ORIGIN, ...(cookie ? { Cookie: cookie } : {}) },
    body,
  });
}

async function answerOf(run: () => unknown): Promise<{ status: number; location: string }> {
  try {
    const result = await run();
    return result instanceof Response ? { status: result.status, location: result.headers.get("Location") ?? "" } : { status: 200, location: "" };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") ?? "" };
    throw error;
  }
}

const succeeded = ({ status, location }: { status: number; location: string }, expected?: RegExp) =>
  status < 400 && (expected ? expected.test(location) : !/^\/(login|two-factor)/.test(location));

// Everything a write could change, but the tables that change on any visit (sessions, the
// audit log, rate limits) or by themselves (job leases, the health probe).
const TABLES = [
  "organization", "location", "supportTrack", "service", "serviceArea", "serviceAtLocation", "serviceCapacity", "account", "recoveryCode", "authToken",
  "person", "erasureRequest", "contactChannel", "restriction", "consent", "helpRequest", "helpRequestTrack", "case", "caseStatusChange", "caseAssignment",
  "needsAssessment", "goal", "activity", "note", "task", "caseMessage", "referral", "referralStatusChange", "referralMessage", "outboxEmail", "setting",
  "document", "referralDocument", "fundingSource", "assistance", "assistanceEvent",
] as const;

async function fingerprint(): Promise<string> {
  const hash = createHash("sha256");
  for (const table of TABLES) {
    const rows = await (db()[table] as unknown as { findMany(args: object): Promise<unknown[]> }).findMany({});
    hash.update(`${table}:${JSON.stringify(rows)}`);
  }
  return hash.digest("hex");
}

/**
 * The other side of the world: the second person, their case and everything on it, the other
 * caseworker's, partner's and person's accounts, the other organisation. No write of the owner's
 * touches them: a write whose `where` lost its condition would (docs/mutation/).
 */
async function othersFingerprint(world: World): Promise<string> {
  const caseId = world.caseTwo.id;
  const personId = world.personTwo.id;
  const { otherCaseworker, otherPartner, otherClient } = world.accounts;
  const parts = await Promise.all([
    db().person.findMany({ where: { id: personId } }),
    db().contactChannel.findMany({ where: { personId } }),
    db().restriction.findMany({ where: { personId } }),
    db().consent.findMany({ where: { personId } }),
    db().case.findMany({ where: { id: caseId } }),
    db().caseAssignment.findMany({ where: { caseId } }),
    db().caseStatusChange.findMany({ where: { caseId } }),
    db().needsAssessment.findMany({ where: { caseId } }),
    db().goal.findMany({ where: { caseId } }),
    db().activity.findMany({ where: { caseId } }),
    db().note.findMany({ where: { caseId } }),
    db().task.findMany({ where: { caseId } }),
    db().caseMessage.findMany({ where: { caseId } }),
    db().referral.findMany({ where: { caseId } }),
    db().document.findMany({ where: { caseId } }),
    db().assistance.findMany({ where: { caseId }, include: { events: true } }),
    db().account.findMany({ where: { id: { in: [otherCaseworker.id, otherPartner.id, otherClient.id] } } }),
    db().organization.findMany({ where: { id: world.partnerB.id } }),
  ]);
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

// The table behind each kind of entity an audit event names.
const ENTITY_TABLES: Record<string, string> = {
  account: "account", case: "case", consent: "consent", erasure_request: "erasureRequest", help_request: "helpRequest", organization: "organization",
  outbox_email: "outboxEmail", person: "person", referral: "referral", service: "service", support_track: "supportTrack", activity: "activity",
  goal: "goal", note: "note", task: "task", document: "document", assistance: "assistance", funding_source: "fundingSource", location: "location",
};

/**
 * What is wrong with the audit events a write left: each names a known action, and the entity it
 * names is of a known kind and exists (or existed: erasure removes it). An emptied action or
 * entity kind would otherwise go unnoticed (docs/mutation/).
 */
async function auditProblems(sinceId: number): Promise<string[]> {
  const events = await db().auditEvent.findMany({ where: { id: { gt: sinceId } } });
  const problems: string[] = [];
  for (const event of events) {
    if (!(AUDIT_ACTIONS as readonly string[]).includes(event.action)) problems.push(`audit action "${event.action}"`);
    if (event.entityId === null) continue;
    // The audit log names each kind of record in words (admin.audit.tsx): a kind without them broke that page.
    if (!(`auditRecord.${event.entityType}` in en)) problems.push(`${event.action}: no words for the record kind "${event.entityType}"`);
    const table = ENTITY_TABLES[event.entityType ?? ""];
    if (!table) {
      problems.push(`${event.action}: entity type "${event.entityType}"`);
      continue;
    }
    const rows = await (db()[table as "case"] as unknown as { count(args: object): Promise<number> }).count({ where: { id: event.entityId } });
    if (rows === 0 && !event.action.startsWith("erasure.")) problems.push(`${event.action}: no ${event.entityType} ${event.entityId}`);
  }
  return problems;
}

async function run(c: WriteCase, world: World, actor: Actor) {
  const token = await tokenFor(c.route, world);
  const path = token ? c.path(world).replace("token", token) : c.path(world);
  const params = token ? { token } : (c.params?.(world) ?? {});
  const cookie = await cookieOf(world, actor);
  const fields = await c.fields(world);
  const [before, othersBefore] = [await fingerprint(), await othersFingerprint(world)];
  const lastAudit = (await db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
  const file = await c.file?.();
  const answer = await answerOf(() => actions.get(c.route)!(routeArgs(post(path, fields, cookie, file), params) as never));
  return {
    answer,
    changed: (await fingerprint()) !== before,
    othersChanged: (await othersFingerprint(world)) !== othersBefore,
    auditProblems: await auditProblems(lastAudit),
  };
}

describe("the authorisation matrix for writes", () => {
  it("has a valid body for every route with an action", () => {
    expect([...new Set(WRITE_CASES.map((c) => c.route))].sort()).toEqual([...actions.keys()].sort());
  });

  for (const c of WRITE_CASES) {
    it(`${c.route} · ${c.label}: the owner succeeds and leaves others' records as they were; someone else's record is 404 and nobody else changes anything; the audit events name what was done`, { timeout: 60_000 }, async () => {
      const problems: string[] = [];
      const refused = EVERYONE.filter((actor) => actor !== c.owner && (actor === c.outsider || !inArea(c.route, actor)));
      for (const actor of refused) {
        await freshDatabase();
        const world = await makeWorld();
        const { answer, changed } = await run(c, world, actor);
        if (succeeded(answer)) problems.push(`${actor}: succeeded (${answer.status} ${answer.location})`);
        if (actor === c.outsider && answer.status !== 404) problems.push(`${actor} (someone else's record): ${answer.status}, expected 404`);
        if (changed) problems.push(`${actor}: the database changed`);
      }
      await freshDatabase();
      const owner = await run(c, await makeWorld(), c.owner);
      if (!succeeded(owner.answer, c.successLocation)) problems.push(`${c.owner} (owner): ${owner.answer.status} ${owner.answer.location}`);
      if (owner.othersChanged) problems.push(`${c.owner} (owner): changed the other person's, case's or accounts' rows`);
      problems.push(...owner.auditProblems.map((problem) => `${c.owner} (owner): ${problem}`));
      expect(problems).toEqual([]);
    });
  }
});
