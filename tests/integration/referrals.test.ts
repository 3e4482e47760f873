// A referral from a goal, with consent, through the partner's answer to its outcome.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { renderEmail } from "~/email/templates";
import { action as caseAction, loader as caseLoader } from "~/routes/staff.cases.$caseId";
import { action as partnerAction, loader as partnerLoader } from "~/routes/partner.referrals.$referralId";
import { signedIn } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
let goalId: string;
beforeEach(async () => {
  world = await makeWorld();
  goalId = (await db().goal.create({ data: { caseId: world.caseOne.id, trackId: world.track.id, title: "See a doctor" } })).id;
});

const refer = (cookie: string, fields: Record<string, string>, shared = ["preferredName", "request"]) => {
  const body = new URLSearchParams({ intent: "refer", goalId, serviceId: world.service.id, request: "Please see her this week", consentMethod: "in_person", consentGiven: "on", ...fields });
  for (const field of shared) body.append("sharedFields", field);
  const request = new Request(`http://localhost:3000/staff/cases/${world.caseOne.id}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3000", Cookie: cookie },
    body,
  });
  return caseAction(routeArgs(request, { caseId: world.caseOne.id }));
};
const partnerDo = (cookie: string, referralId: string, fields: Record<string, string>) =>
  settle(() => partnerAction(routeArgs(formPost(`/partner/referrals/${referralId}`, fields, { Cookie: cookie }), { referralId })));
const partnerView = async (cookie: string, referralId: string) =>
  (await settle(() => partnerLoader(routeArgs(get(`/partner/referrals/${referralId}`, cookie), { referralId })))).json();

describe("a referral", () => {
  it("is sent only with the person's consent, recorded with exactly the shared fields", async () => {
    const cookie = await signedIn(world.accounts.caseworker);
    const refused = await refer(cookie, { consentGiven: "" });
    expect((await refused.json()).errors).toEqual({ consentGiven: "referral.consentRequired" });
    expect((await refer(cookie, {})).status).toBe(302);
    const referral = await db().referral.findFirstOrThrow({ where: { caseId: world.caseOne.id, status: "sent" }, orderBy: { createdAt: "desc" }, include: { consent: true } });
    expect(referral.sharedFields).toBe("preferredName,request");
    expect(referral.consent).toMatchObject({ purpose: "referral_sharing", recipientOrganizationId: world.partnerA.id, sharedFields: "preferredName,request", method: "in_person", recordedById: world.accounts.caseworker.id });
  });

  it("is not sent to a service that is closed now", async () => {
    await db().service.update({ where: { id: world.service.id }, data: { status: "temporarily_closed" } });
    const cookie = await signedIn(world.accounts.caseworker);
    expect((await (await refer(cookie, {})).json()).errors).toEqual({ serviceId: "referral.serviceClosed" });
  });

  it("goes from sent to completed by the partner, who sees only the shared fields, and each step is on the case's timeline", async () => {
    const caseworker = await signedIn(world.accounts.caseworker);
    await refer(caseworker, {});
    const referral = await db().referral.findFirstOrThrow({ where: { caseId: world.caseOne.id, status: "sent" }, orderBy: { createdAt: "desc" } });
    const partner = await signedIn(world.accounts.partner);

    const seen = await partnerView(partner, referral.id);
    expect(seen.referral.shared).toEqual({ preferredName: "Ганна", request: "Please see her this week" });
    expect(JSON.stringify(seen)).not.toContain("@ac-one1-one1");

    expect((await partnerDo(partner, referral.id, { intent: "complete", version: "1", outcome: "done" })).status).toBe(400);
    expect((await partnerDo(partner, referral.id, { intent: "accept", version: "1", note: "" })).status).toBe(302);
    expect((await partnerDo(partner, referral.id, { intent: "progress", version: "2", note: "First visit on Monday" })).status).toBe(302);
    expect((await partnerDo(partner, referral.id, { intent: "message", body: "Could you confirm her language?" })).status).toBe(302);
    expect((await partnerDo(partner, referral.id, { intent: "complete", version: "3", outcome: "Treatment finished" })).status).toBe(302);

    const done = await db().referral.findUniqueOrThrow({ where: { id: referral.id } });
    expect([done.status, done.outcome]).toEqual(["completed", "Treatment finished"]);
    const page = await (await settle(() => caseLoader(routeArgs(get(`/staff/cases/${world.caseOne.id}`, caseworker), { caseId: world.caseOne.id })))).json();
    const steps = page.found.timeline.filter((e: { kind: string; label: string }) => e.kind === "referral" && e.label === "Clinic").map((e: { detail: string }) => e.detail);
    expect(steps).toEqual(["draft", "sent", "accepted", "accepted", "completed"]);
    expect(JSON.stringify(page.found.referrals)).toContain("Could you confirm her language?");

    // The sender was told of each step by a neutral email, the partner of the new referral.
    const emails = await db().outboxEmail.findMany();
    expect(emails.filter((e) => e.to === world.accounts.caseworker.email)).toHaveLength(4);
    expect(emails.filter((e) => e.to === world.accounts.partner.email)).toHaveLength(1);
    for (const email of emails) {
      const rendered = renderEmail("update", "en", "https://x/" + JSON.parse(email.params).path);
      expect(rendered.text).not.toMatch(/Ганна|Clinic|Medical|Treatment/);
    }
  });

  it("answers 404 to a partner of another organisation, for reading and for acting", async () => {
    const other = await signedIn(world.accounts.otherPartner);
    expect((await settle(() => partnerLoader(routeArgs(get(`/partner/referrals/${world.referral.id}`, other), { referralId: world.referral.id })))).status).toBe(404);
    expect((await partnerDo(other, world.referral.id, { intent: "accept", version: "1", note: "" })).status).toBe(404);
    expect((await db().referral.findUniqueOrThrow({ where: { id: world.referral.id } })).status).toBe("sent");
  });

  it("can be cancelled by the sender, and a declined one needs a reason", async () => {
    const partner = await signedIn(world.accounts.partner);
    expect((await (await partnerDo(partner, world.referral.id, { intent: "decline", version: "1", note: "" })).json()).errors).toEqual({ reason: "request.reasonRequired" });
    const caseworker = await signedIn(world.accounts.caseworker);
    const body = { intent: "cancel-referral", referralId: world.referral.id, version: "1", note: "" };
    expect((await caseAction(routeArgs(formPost(`/staff/cases/${world.caseOne.id}`, body, { Cookie: caseworker }), { caseId: world.caseOne.id }))).status).toBe(302);
    expect((await db().referral.findUniqueOrThrow({ where: { id: world.referral.id } })).status).toBe("cancelled");
    expect((await partnerDo(partner, world.referral.id, { intent: "accept", version: "2", note: "" })).status).toBe(400);
  });
});
