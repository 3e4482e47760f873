// The partner directory: kept by admins, searched by staff, https links only.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { action as adminAction } from "~/routes/admin.partners";
import { loader as directoryLoader } from "~/routes/staff.directory";
import { signedIn } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

describe("the partner directory", () => {
  it("takes a partner's https site only, with the message by the field", async () => {
    const cookie = await signedIn(world.accounts.admin);
    const refused = await adminAction(routeArgs(formPost("/admin/partners", { intent: "add-organization", name: "New fund", description: "", website: "http://fund.example.org", email: "" }, { Cookie: cookie })));
    expect((await refused.json()).errors).toEqual({ website: "directory.websiteHttps" });
    for (const website of ["javascript:alert(1)", "https://javascript:alert(1)", "https://localhost", "https://user:pass@fund.example.org", "https:fund.example.org"]) {
      const bad = await adminAction(routeArgs(formPost("/admin/partners", { intent: "add-organization", name: "New fund", description: "", website, email: "" }, { Cookie: cookie })));
      expect([website, (await bad.json()).errors]).toEqual([website, { website: "directory.websiteHttps" }]);
    }
    const ok = await adminAction(routeArgs(formPost("/admin/partners", { intent: "add-organization", name: "New fund", description: "", website: "https://fund.example.org", email: "" }, { Cookie: cookie })));
    expect(ok.status).toBe(200);
    expect(await db().organization.count({ where: { name: "New fund", website: "https://fund.example.org" } })).toBe(1);
  });

  it("adds a service with countries, languages and capacity, and staff find it by track, country and language", async () => {
    const admin = await signedIn(world.accounts.admin);
    const bad = await adminAction(routeArgs(formPost("/admin/partners", { intent: "add-service", organizationId: world.partnerB.id, trackId: world.track.id, name: "Therapy", eligibility: "", languages: "be, russian", countries: "", capacity: "-1", responseDays: "5" }, { Cookie: admin })));
    expect((await bad.json()).errors).toMatchObject({ languages: "directory.languagesInvalid", countries: "directory.countriesInvalid", capacity: "directory.capacityInvalid" });
    const added = await adminAction(routeArgs(formPost("/admin/partners", { intent: "add-service", organizationId: world.partnerB.id, trackId: world.track.id, name: "Therapy", eligibility: "adults", languages: "be ru", countries: "pl, lt", capacity: "4", responseDays: "7" }, { Cookie: admin })));
    expect(added.status).toBe(200);

    const staff = await signedIn(world.accounts.caseworker);
    const find = async (query: string) =>
      (await (await settle(() => directoryLoader(routeArgs(get(`/staff/directory?${query}`, staff))))).json()).services.map((s: { name: string }) => s.name);
    expect(await find(`track=${world.track.id}&country=PL&language=be`)).toEqual(["Therapy"]);
    expect(await find("country=DE")).toEqual([]);
    expect((await find(`track=${world.track.id}`)).sort()).toEqual(["Clinic", "Therapy"]);
  });

  it("closes a service; a referral to it is then refused", async () => {
    const admin = await signedIn(world.accounts.admin);
    const response = await adminAction(routeArgs(formPost("/admin/partners", { intent: "service-state", serviceId: world.service.id, version: "1", status: "temporarily_closed", capacity: "0" }, { Cookie: admin })));
    expect(response.status).toBe(200);
    const stale = await adminAction(routeArgs(formPost("/admin/partners", { intent: "service-state", serviceId: world.service.id, version: "1", status: "active", capacity: "3" }, { Cookie: admin })));
    expect(stale.status).toBe(409);
    expect((await db().service.findUniqueOrThrow({ where: { id: world.service.id } })).status).toBe("temporarily_closed");
  });
});
