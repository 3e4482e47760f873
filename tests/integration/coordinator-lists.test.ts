// The coordinator's lists say what to do next: the most urgent request first in triage, and on
// the board of unassigned cases what each needs (urgency, support, language, country).
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { DEFAULT_LOCALE } from "~/i18n/catalogue";
import { countryName, languageName } from "~/i18n/display-names";
import { loader as staffLoader } from "~/routes/staff._index";
import { loader as queueLoader } from "~/routes/staff.requests._index";
import { signedIn } from "../fixtures/accounts";
import { get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

const json = async (load: () => Promise<Response>) => (await settle(load)).json();

describe("the coordinator's lists", () => {
  it("triage shows the urgent request first, even when it came last and others are in triage", async () => {
    await db().helpRequest.update({ where: { id: world.requestOne.id }, data: { status: "in_triage", createdAt: new Date("2026-01-01T00:00:00Z") } });
    const urgent = await db().helpRequest.create({
      data: { code: "R-URGENT1", source: "public_form", language: "ru", preferredName: "U", contactKind: "signal", contactValue: "@u", urgency: "urgent", createdAt: new Date("2026-06-01T00:00:00Z") },
    });
    const coordinator = await signedIn(world.accounts.coordinator);
    const queue = await json(() => queueLoader(routeArgs(get("/staff/requests", coordinator))));
    const codes = (queue.requests as { code: string }[]).map((r) => r.code);
    expect(codes[0]).toBe(urgent.code);
    expect(codes).toContain(world.requestOne.code);
  });

  it("the board shows each unassigned case's urgency, tracks, language and country, from the request it came from", async () => {
    await db().caseAssignment.deleteMany({ where: { caseId: world.caseOne.id } });
    await db().case.update({ where: { id: world.caseOne.id }, data: { unassignedSince: new Date("2026-11-01T09:00:00Z") } });
    await db().person.update({ where: { id: world.personOne.id }, data: { countryNow: "LT" } });
    await db().helpRequest.update({ where: { id: world.requestOne.id }, data: { caseId: world.caseOne.id, urgency: "urgent", language: "ru", status: "accepted" } });
    await db().helpRequestTrack.create({ data: { requestId: world.requestOne.id, trackId: world.track.id } });
    const coordinator = await signedIn(world.accounts.coordinator);
    const page = await json(() => staffLoader(routeArgs(get("/staff", coordinator))));
    const row = (page.board.unassigned.items as { id: string; urgency: string; language: string; country: string; tracks: { nameEn: string }[] }[]).find((c) => c.id === world.caseOne.id);
    // Named in the page's language, never as codes.
    expect(row).toMatchObject({ urgency: "urgent", language: languageName("ru", DEFAULT_LOCALE), country: countryName("LT", DEFAULT_LOCALE), tracks: [{ nameEn: "Medical" }] });
    expect(row?.country).not.toBe("LT");
  });
});
