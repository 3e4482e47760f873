/// <reference types="vite/client" />
// Every email any action sends (each valid body of tests/fixtures/valid-bodies.ts, posted by its
// owner) carries one opaque link: no path segment says partner, staff, case, referral or erasure,
// or is one of our ids. An "update" link leads its recipient, once signed in, to the page it is
// about; anyone else gets 404, a stranger the sign-in page.
import { describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { loader as noticeLoader } from "~/routes/n.$token";
import { get, routeArgs, settle, TEST_ORIGIN } from "../fixtures/requests";
import { tokenFor, WRITE_CASES } from "../fixtures/valid-bodies";
import { makeWorld } from "../fixtures/world";
import { freshDatabase } from "../setup/fresh-database";
import { workAfterResponses } from "~/jobs/after-response.server";

type RouteModule = { action?: (args: never) => unknown; loader?: (args: never) => unknown };
const routes = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const route = (id: string) => routes[`../../app/routes/${id}.tsx`]!;

const FORBIDDEN = /^(partners?|staff|cases?|referrals?|erasures?)$/i;
/** The page a destination is, with its route and params, to open it as the recipient. */
function pageOf(destination: string): { id: string; params: Record<string, string> } {
  const path = destination.split("#")[0]!;
  const [, area, kind, id] = path.split("/");
  if (area === "staff" && kind === "cases") return { id: "staff.cases.$caseId", params: { caseId: id! } };
  if (area === "partner" && kind === "referrals") return { id: "partner.referrals.$referralId", params: { referralId: id! } };
  if (path === "/staff/erasures") return { id: "staff.erasures", params: {} };
  if (path === "/me/messages") return { id: "me.messages", params: {} };
  throw new Error(`no page known for ${destination}`);
}

async function cookieFor(accountId: string, verified = true) {
  const account = await db().account.findUniqueOrThrow({ where: { id: accountId } });
  return (await startSession(account.id, account.role, { twoFactorVerified: verified })).cookie.split(";")[0]!;
}

describe("links in emails", () => {
  it("are opaque, and an update's link leads only its recipient to the page it is about", { timeout: 120_000 }, async () => {
    const checked = new Set<string>();
    const problems: string[] = [];
    for (const c of WRITE_CASES) {
      await freshDatabase();
      const world = await makeWorld();
      const owner = c.owner === "anonymous" ? null : c.owner === "pending" ? world.accounts.caseworker : world.accounts[c.owner];
      const cookie = owner ? await cookieFor(owner.id, c.owner !== "pending") : undefined;
      const token = await tokenFor(c.route, world);
      const fields = await c.fields(world);
      const before = new Set((await db().outboxEmail.findMany({ select: { id: true } })).map((row) => row.id));
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(key, one);
      const request = new Request(TEST_ORIGIN + (token ? c.path(world).replace("token", token) : c.path(world)), {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: TEST_ORIGIN, ...(cookie ? { Cookie: cookie } : {}) },
        body,
      });
      await settle(async () => (await route(c.route).action!(routeArgs(request, token ? { token } : (c.params?.(world) ?? {})) as never)) as Response);
      await workAfterResponses();

      const ids = new Set((await Promise.all([db().account.findMany(), db().person.findMany(), db().case.findMany(), db().referral.findMany(), db().erasureRequest.findMany()])).flat().map((row) => row.id));
      for (const email of await db().outboxEmail.findMany({ where: { id: { notIn: [...before] } } })) {
        const { path } = JSON.parse(email.params) as { path: string };
        checked.add(`${email.template} ${path.split("/")[1]}`);
        for (const segment of path.split(/[/?#]/).filter(Boolean)) {
          if (FORBIDDEN.test(segment) || ids.has(segment)) problems.push(`${c.route} · ${c.label}: ${email.template} link ${path} says ${segment}`);
        }
        if (email.template !== "update") continue;
        const recipient = await db().account.findUniqueOrThrow({ where: { email: email.to } });
        const linkToken = path.replace(/^\/n\//, "");
        const follow = async (as: string | undefined) => settle(async () => (await noticeLoader(routeArgs(get(path, as), { token: linkToken }))) as Response);
        const led = await follow(await cookieFor(recipient.id));
        const destination = led.headers.get("Location") ?? "";
        if (led.status !== 302 || !destination.startsWith("/")) {
          problems.push(`${c.route} · ${c.label}: the recipient's link answered ${led.status}`);
          continue;
        }
        const page = pageOf(destination);
        const opened = await settle(async () => (await route(page.id).loader!(routeArgs(get(destination, await cookieFor(recipient.id)), page.params) as never)) as Response);
        if (opened.status !== 200) problems.push(`${c.route} · ${c.label}: the page ${destination} answered its recipient ${opened.status}`);
        const someoneElse = recipient.id === world.accounts.admin.id ? world.accounts.coordinator : world.accounts.admin;
        if ((await follow(await cookieFor(someoneElse.id))).status !== 404) problems.push(`${c.route} · ${c.label}: another account was let through`);
        const stranger = await follow(undefined);
        if (!stranger.headers.get("Location")?.startsWith("/login?")) problems.push(`${c.route} · ${c.label}: a stranger was not sent to sign in`);
      }
    }
    expect(problems).toEqual([]);
    // The kinds of email the actions sent, so that a new kind shows up here.
    expect([...checked].sort()).toEqual(["activation welcome", "invitation welcome", "password_reset reset-password", "update n"]);
  });
});
