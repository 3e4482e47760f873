/// <reference types="vite/client" />
// The authorisation matrix, second edition: every action of every route gets a *valid* body
// (tests/fixtures/valid-bodies.ts). Its owner succeeds. Someone of the same role whose record it
// is not (another caseworker, partner organisation or person) gets 404, as for an id that does
// not exist, and everyone outside the route's area is refused; neither changes anything in the
// database. A route with an action but no valid body here fails the first test.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { db } from "~/db/client.server";
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

function post(path: string, fields: Record<string, string | string[]>, cookie: string | undefined): Request {
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
    db().account.findMany({ where: { id: { in: [otherCaseworker.id, otherPartner.id, otherClient.id] } } }),
    db().organization.findMany({ where: { id: world.partnerB.id } }),
  ]);
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

async function run(c: WriteCase, world: World, actor: Actor) {
  const token = await tokenFor(c.route, world);
  const path = token ? c.path(world).replace("token", token) : c.path(world);
  const params = token ? { token } : (c.params?.(world) ?? {});
  const cookie = await cookieOf(world, actor);
  const fields = await c.fields(world);
  const [before, othersBefore] = [await fingerprint(), await othersFingerprint(world)];
  const answer = await answerOf(() => actions.get(c.route)!(routeArgs(post(path, fields, cookie), params) as never));
  return { answer, changed: (await fingerprint()) !== before, othersChanged: (await othersFingerprint(world)) !== othersBefore };
}

describe("the authorisation matrix for writes", () => {
  it("has a valid body for every route with an action", () => {
    expect([...new Set(WRITE_CASES.map((c) => c.route))].sort()).toEqual([...actions.keys()].sort());
  });

  for (const c of WRITE_CASES) {
    it(`${c.route} · ${c.label}: the owner succeeds and leaves others' records as they were; someone else's record is 404 and nobody else changes anything`, { timeout: 60_000 }, async () => {
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
      const { answer, othersChanged } = await run(c, await makeWorld(), c.owner);
      if (!succeeded(answer, c.successLocation)) problems.push(`${c.owner} (owner): ${answer.status} ${answer.location}`);
      if (othersChanged) problems.push(`${c.owner} (owner): changed the other person's, case's or accounts' rows`);
      expect(problems).toEqual([]);
    });
  }
});
