// "Leave now" (issue 16): the person's session ends on the server, the browser is told to forget
// the site, and the answer is a page that moves on to the neutral site by itself (no script).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { loader as meLoader } from "~/routes/me._index";
import { action as leaveAction, loader as leaveLoader } from "~/routes/leave";
import { signedIn } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
  process.env.LEAVE_NOW_URL = "https://weather.example/today";
});
afterEach(() => {
  delete process.env.LEAVE_NOW_URL;
});

describe("leave now", () => {
  it("ends the person's session, clears the site's data and moves on to the neutral site", async () => {
    const cookie = await signedIn(world.accounts.client);
    expect((await settle(() => meLoader(routeArgs(get("/me", cookie))))).status).toBe(200);

    const answer = await leaveAction(routeArgs(formPost("/leave", {}, { Cookie: cookie })));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Clear-Site-Data")).toBe('"cache", "cookies", "storage"');
    expect(answer.headers.get("Set-Cookie")).toMatch(/Max-Age=0/i);
    const page = await answer.text();
    expect(page).toContain('<meta http-equiv="refresh" content="0; url=https://weather.example/today">');
    expect(page).not.toMatch(/<script|aftercare/i);

    // The same cookie opens nothing any more: the session is gone on the server.
    expect(await db().session.count({ where: { userId: world.accounts.client.id } })).toBe(0);
    const after = await settle(() => meLoader(routeArgs(get("/me", cookie))));
    expect([after.status, after.headers.get("Location")]).toEqual([302, expect.stringMatching(/^\/login/)]);
    expect(await db().auditEvent.count({ where: { action: "auth.sign_out", actorId: world.accounts.client.id } })).toBe(1);
  });

  it("moves on without a session too, and a GET changes nothing", async () => {
    const answer = await leaveAction(routeArgs(formPost("/leave", {})));
    expect(answer.status).toBe(200);
    const cookie = await signedIn(world.accounts.client);
    const moved = await leaveLoader(routeArgs(get("/leave", cookie)));
    expect(moved.headers.get("Clear-Site-Data")).toBeNull();
    expect(await moved.text()).toContain("url=https://weather.example/today");
    expect(await db().session.count({ where: { userId: world.accounts.client.id } })).toBe(1);
  });
});
