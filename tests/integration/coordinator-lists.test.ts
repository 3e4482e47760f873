// The coordinator's lists say what to do next: the most urgent request first in triage, on the
// board of unassigned cases what each needs (urgency, support, language, country), and behind
// the overview's tiles the overdue tasks and the referrals that wait on a partner, each within
// the viewer's cases.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { DEFAULT_LOCALE } from "~/i18n/catalogue";
import { countryName, languageName } from "~/i18n/display-names";
import { loader as staffLoader } from "~/routes/staff._index";
import { loader as waitingLoader } from "~/routes/staff.referrals";
import { loader as tasksLoader } from "~/routes/staff.tasks";
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

const DAY = 86_400_000;

describe("the lists behind the overview's tiles", () => {
  it("overdue tasks: the coordinator's are everyone's, the longest overdue first, filtered by how late; a caseworker's are their own cases' only", async () => {
    const now = Date.now();
    const task = (caseId: string, title: string, daysAgo: number, assigneeId: string) =>
      db().task.create({ data: { caseId, title, dueOn: new Date(now - daysAgo * DAY), assigneeId } });
    await task(world.caseOne.id, "Call the clinic", 10, world.accounts.caseworker.id);
    await task(world.caseTwo.id, "Book the flat", 40, world.accounts.otherCaseworker.id);
    await task(world.caseOne.id, "Not yet due", -5, world.accounts.caseworker.id);
    const titles = async (cookie: string, query = "") =>
      ((await json(() => tasksLoader(routeArgs(get(`/staff/tasks${query}`, cookie))))).tasks.items as { title: string }[]).map((t) => t.title);

    const coordinator = await signedIn(world.accounts.coordinator);
    expect(await titles(coordinator)).toEqual(["Book the flat", "Call the clinic"]);
    expect(await titles(coordinator, "?lateBy=30")).toEqual(["Book the flat"]);
    expect(await titles(coordinator, `?assignee=${world.accounts.caseworker.id}`)).toEqual(["Call the clinic"]);
    expect(await titles(coordinator, "?when=open")).toEqual(["Book the flat", "Call the clinic", "Not yet due"]);

    const caseworker = await signedIn(world.accounts.caseworker);
    expect(await titles(caseworker)).toEqual(["Call the clinic"]);
    // Asking for everyone's, or for a colleague's, still shows only the caseworker's own cases.
    expect(await titles(caseworker, "?assignee=anyone&when=open")).toEqual(["Call the clinic", "Not yet due"]);
    expect(await titles(caseworker, `?assignee=${world.accounts.otherCaseworker.id}`)).toEqual([]);
  });

  it("referrals that wait: flagged ones, by partner; a caseworker sees those of their own cases only", async () => {
    await db().referral.update({ where: { id: world.referral.id }, data: { flaggedAt: new Date(Date.now() - 3 * DAY), remindedAt: new Date() } });
    const ids = async (cookie: string, query = "") =>
      ((await json(() => waitingLoader(routeArgs(get(`/staff/referrals${query}`, cookie))))).referrals.items as { id: string }[]).map((r) => r.id);
    const coordinator = await signedIn(world.accounts.coordinator);
    expect(await ids(coordinator)).toEqual([world.referral.id]);
    expect(await ids(coordinator, `?partner=${world.partnerB.id}`)).toEqual([]);
    expect(await ids(coordinator, "?waitingFor=7")).toEqual([]);
    expect((await json(() => staffLoader(routeArgs(get("/staff", coordinator))))).overview.waitingReferrals).toBe(1);
    expect(await ids(await signedIn(world.accounts.caseworker))).toEqual([world.referral.id]);
    expect(await ids(await signedIn(world.accounts.otherCaseworker))).toEqual([]);
    // A partner's answer takes it off the list.
    await db().referral.update({ where: { id: world.referral.id }, data: { status: "accepted", flaggedAt: null } });
    expect(await ids(coordinator)).toEqual([]);
  });
});
