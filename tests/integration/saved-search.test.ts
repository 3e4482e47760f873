// A staff search keeps its words out of every address (issue 16): they go by POST, are kept on the
// server, and the address holds an opaque id that only the account that searched can read back,
// for a working day.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { deleteOldSearches } from "~/persons/saved-search.server";
import { action as searchAction, loader as searchLoader } from "~/routes/staff.search";
import { signedIn } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
let coordinator: string;
beforeEach(async () => {
  world = await makeWorld();
  coordinator = await signedIn(world.accounts.coordinator);
});

const CODE = "AC-ONE1-ONE1";
const page = async (path: string, cookie = coordinator) => (await settle(() => searchLoader(routeArgs(get(path, cookie))))).json();
const sent = async (fields: Record<string, string>) => settle(() => searchAction(routeArgs(formPost("/staff/search", fields, { Cookie: coordinator }))));

describe("a staff search", () => {
  it("sends its words by POST and reads the results at an address without them", async () => {
    const answer = await sent({ q: CODE, status: "active" });
    const location = answer.headers.get("Location")!;
    expect(location).toMatch(/^\/staff\/search\?s=[\w-]{22}$/);
    const shown = await page(location);
    expect(shown.results.items.map((r: { caseCode: string }) => r.caseCode)).toEqual([CODE]);
    expect(shown.query).toMatchObject({ q: CODE, status: "active" });
  });

  it("searches words that came in an address as they are, and writes nothing for a GET", async () => {
    const shown = await page(`/staff/search?q=${encodeURIComponent(CODE)}`);
    expect(shown.results.items.map((r: { caseCode: string }) => r.caseCode)).toEqual([CODE]);
    expect(await db().savedSearch.count()).toBe(0);
  });

  it("is read back by the account that searched only, and only for a working day", async () => {
    const location = (await sent({ q: CODE })).headers.get("Location")!;
    const colleague = await page(location, await signedIn(world.accounts.caseworker));
    expect([colleague.results, colleague.expired, colleague.query.q]).toEqual([null, true, ""]);

    await db().savedSearch.updateMany({ data: { createdAt: new Date(Date.now() - 13 * 60 * 60 * 1000) } });
    const later = await page(location);
    expect([later.results, later.expired]).toEqual([null, true]);
    expect(await deleteOldSearches()).toBe(1);
    expect(await db().savedSearch.count()).toBe(0);
  });

  it("keeps nothing for an empty form", async () => {
    const answer = await sent({ q: "  " });
    expect(answer.headers.get("Location")).toBe("/staff/search");
    expect(await db().savedSearch.count()).toBe(0);
  });
});
