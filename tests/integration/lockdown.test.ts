// A lost device and a lockdown (issue 16): a recovery code ends every session of its own account
// and resets the second factor, answering alike for unknown emails and wrong codes; a lockdown
// ends every session but the declaring administrator's, keeps partners out until lifted, and
// shows staff a banner. Both are in the audit log.
import { beforeEach, describe, expect, it } from "vitest";
import { issueRecoveryCodes } from "~/auth/recovery-codes.server";
import { db } from "~/db/client.server";
import { loader as rootLoader } from "~/root";
import { action as adminAction } from "~/routes/admin._index";
import { action as lostDeviceAction } from "~/routes/lost-device";
import { loader as partnerLoader } from "~/routes/partner._index";
import { passwordStep, signedIn } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

const lostDevice = (email: string, code: string, address = "203.0.113.7") =>
  lostDeviceAction({ ...routeArgs(formPost("/lost-device", { email, code })), context: { cspNonce: "test", clientAddress: address } });

describe("a lost device", () => {
  it("ends every session of the account with one recovery code, and a new second factor is needed", async () => {
    const caseworker = world.accounts.caseworker;
    await signedIn(caseworker);
    await signedIn(caseworker);
    const [code] = await issueRecoveryCodes(db(), caseworker.id);
    expect(await db().session.count({ where: { userId: caseworker.id } })).toBe(2);

    const answer = await lostDevice(caseworker.email, code!);
    expect([answer.status, (await answer.json()).ended]).toEqual([200, true]);
    expect(await db().session.count({ where: { userId: caseworker.id } })).toBe(0);
    const account = await db().account.findUniqueOrThrow({ where: { id: caseworker.id } });
    expect([account.totpSecret, await db().recoveryCode.count({ where: { accountId: caseworker.id } })]).toEqual([null, 0]);
    expect(await db().auditEvent.count({ where: { action: "auth.lost_device", actorId: caseworker.id } })).toBe(1);
    // The password still opens the first step; the second is a new enrolment.
    expect((await passwordStep(caseworker.email)).headers.get("Location")).toMatch(/^\/two-factor/);
  });

  it("answers an unknown email and a wrong code alike, ends nothing, and is throttled", async () => {
    const caseworker = world.accounts.caseworker;
    await signedIn(caseworker);
    await issueRecoveryCodes(db(), caseworker.id);
    const unknown = await lostDevice("nobody@example.org", "abcde-fghjk");
    const wrong = await lostDevice(caseworker.email, "abcde-fghjk");
    expect([unknown.status, await unknown.json()]).toEqual([400, { errors: { form: "lostDevice.refused" }, ended: false, email: "nobody@example.org" }]);
    expect([wrong.status, (await wrong.json()).errors]).toEqual([400, { form: "lostDevice.refused" }]);
    expect(await db().session.count({ where: { userId: caseworker.id } })).toBe(1);
    // Past the free tries the account's key is locked, whatever code comes next.
    let last = 0;
    for (let i = 0; i < 6; i++) last = (await lostDevice(caseworker.email, "abcde-fghjk", `198.51.100.${i}`)).status;
    expect(last).toBe(429);
  });
});

describe("a lockdown", () => {
  it("ends every session, keeps partners out until lifted, and shows staff a banner", async () => {
    const [declaring, caseworker, partner] = [await signedIn(world.accounts.admin), await signedIn(world.accounts.caseworker), await signedIn(world.accounts.partner)];
    const declared = await adminAction(routeArgs(formPost("/admin", { intent: "declare-lockdown" }, { Cookie: declaring })));
    expect([declared.status, declared.headers.get("Location")]).toEqual([302, "/login"]);
    expect(await db().session.count()).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "lockdown.declare", actorId: world.accounts.admin.id } })).toBe(1);

    // The caseworker's old cookie opens nothing; partners cannot sign in again; staff can, and see the banner.
    expect((await settle(() => partnerLoader(routeArgs(get("/partner", partner))))).status).toBe(302);
    const refused = await passwordStep(world.accounts.partner.email);
    expect([refused.status, (await refused.json()).errors]).toEqual([403, { form: "login.suspended" }]);
    expect((await (await rootLoader(routeArgs(get("/staff", caseworker)))).json()).viewer).toBeNull();
    const again = await signedIn(world.accounts.caseworker);
    expect((await (await rootLoader(routeArgs(get("/staff", again)))).json()).lockdown).toBe(true);

    const admin = await signedIn(world.accounts.admin); // the declaring administrator signs in again
    await adminAction(routeArgs(formPost("/admin", { intent: "lift-lockdown" }, { Cookie: admin })));
    expect(await db().auditEvent.count({ where: { action: "lockdown.lift" } })).toBe(1);
    expect((await (await rootLoader(routeArgs(get("/staff", again)))).json()).lockdown).toBe(false);
    const back = await signedIn(world.accounts.partner);
    expect((await settle(() => partnerLoader(routeArgs(get("/partner", back))))).status).toBe(200);
  });

  it("ends a partner's session that survived the declaration at its next request", async () => {
    const partner = await signedIn(world.accounts.partner);
    await db().lockdown.create({ data: { id: 1 } }); // as if declared by another process a moment ago
    expect((await settle(() => partnerLoader(routeArgs(get("/partner", partner))))).status).toBe(302);
    expect(await db().session.count({ where: { userId: world.accounts.partner.id } })).toBe(0);
  });
});
