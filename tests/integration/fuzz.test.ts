/// <reference types="vite/client" />
// Malformed input never answers 5xx: every action gets bodies that are not forms at all, and
// forms of odd fields and values (huge numbers, unknown ids, overlong and control-character
// text), from the actor who may use the route, so that the bodies get past the area check.
// Fixed seed, so a failure repeats. The HTTP server's own handling is fuzzed in
// tests/e2e/fuzz.spec.ts; `npm run fuzz:forms` sends 10,000 bodies per form.
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { routeArgs, TEST_ORIGIN } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";
import { boundaryBodies, fuzzedBody, nearlyValid, type FuzzedBody } from "../fixtures/fuzz";
import { tokenFor, WRITE_CASES, type Actor } from "../fixtures/valid-bodies";

type RouteModule = { action?: (args: never) => Promise<unknown> | unknown };
const routeFiles = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const actions = Object.entries(routeFiles)
  .filter(([, module]) => module.action)
  .map(([file, module]) => [file.replace(/^.*\/routes\//, "").replace(/\.tsx$/, ""), module.action!] as const);

const BODIES_PER_ROUTE = 120;

function requestOf(path: string, body: FuzzedBody, cookie: string | undefined): Request {
  const headers: Record<string, string> = { Origin: TEST_ORIGIN, ...(cookie ? { Cookie: cookie } : {}) };
  if (body.contentType) headers["Content-Type"] = body.contentType;
  return new Request(TEST_ORIGIN + path, { method: "POST", headers, body: body.body });
}

/** The status an action answered with, returned or thrown; a thrown non-Response is a 500. */
async function statusOf(run: () => unknown): Promise<number | string> {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    return `threw ${error instanceof Error ? `${error.name}: ${error.message.split("\n").at(-1)}` : String(error)}`;
  }
}

async function cookieOf(world: World, actor: Actor): Promise<string | undefined> {
  if (actor === "anonymous") return undefined;
  const account = actor === "pending" ? world.accounts.caseworker : world.accounts[actor];
  return (await startSession(account.id, account.role, { twoFactorVerified: actor !== "pending" })).cookie.split(";")[0];
}

describe("malformed input", () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });

  for (const [id, action] of actions) {
    it(`is answered below 500 by ${id}`, { timeout: 120_000 }, async () => {
      // The route's valid bodies (from the owner, so that they get past the area check), each
      // bent one field at a time, and bodies that are not forms or are made of odd fields.
      const cases = WRITE_CASES.filter((c) => c.route === id);
      const target = cases[0]!;
      const cookie = await cookieOf(world, target.owner);
      const token = await tokenFor(id, world);
      const path = token ? target.path(world).replace("token", token) : target.path(world);
      const params = token ? { token } : (target.params?.(world) ?? {});
      const ids = [world.caseOne.id, world.caseTwo.id, world.personTwo.id, world.referral.id, world.requestTwo.id, world.track.id, world.accounts.admin.id];
      const valid = await Promise.all(cases.map((c) => c.fields(world)));
      const arbitrary = fc.oneof(fuzzedBody(ids), ...valid.map((fields) => nearlyValid(fields, ids)));
      const failures: string[] = [];
      const bodies = [...valid.flatMap(boundaryBodies), ...fc.sample(arbitrary, { seed: 1450, numRuns: BODIES_PER_ROUTE })];
      for (const body of bodies) {
        const status = await statusOf(() => action(routeArgs(requestOf(path, body, cookie), params) as never));
        if (typeof status === "string" || status >= 500) failures.push(`${status} for ${JSON.stringify(body).slice(0, 300)}`);
      }
      expect(failures.slice(0, 5)).toEqual([]);
    });
  }
});
