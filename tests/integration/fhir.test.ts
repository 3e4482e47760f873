// A referral as a FHIR R4 Bundle (app/standards/fhir.server.ts), validated by the `fhir` package
// offline: in every status, the Task's status is the Gravity code PRODUCT.md maps it to, and the
// person is in it only as far as their consent, while it stands, shares.
import { Fhir } from "fhir";
import type { Bundle, Patient, ServiceRequest, Task } from "fhir/r4";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { ReferralStatus } from "~/db/generated/enums";
import { loader as partnerLoader } from "~/routes/partner.referrals.$referralId_.fhir";
import { loader as staffLoader } from "~/routes/staff.referrals_.$referralId.fhir";
import { signedIn } from "../fixtures/accounts";
import { get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

// PRODUCT.md: "draft, requested, accepted, rejected, in-progress, on-hold, completed, failed, cancelled", in our order.
const GRAVITY: Record<ReferralStatus, string> = {
  draft: "draft",
  sent: "requested",
  accepted: "accepted",
  declined: "rejected",
  in_progress: "in-progress",
  on_hold: "on-hold",
  completed: "completed",
  not_completed: "failed",
  cancelled: "cancelled",
};

const fhir = new Fhir();
let world: World;
let staff: string;
let partner: string;
beforeEach(async () => {
  world = await makeWorld();
  [staff, partner] = [await signedIn(world.accounts.caseworker), await signedIn(world.accounts.partner)];
});

async function bundleAs(cookie: string, who: "staff" | "partner", referralId = world.referral.id): Promise<{ status: number; text: string; bundle: Bundle }> {
  const loader = who === "staff" ? staffLoader : partnerLoader;
  const response = await settle(() => loader(routeArgs(get(`/${who}/referrals/${referralId}/fhir`, cookie), { referralId })));
  const text = await response.text();
  return { status: response.status, text, bundle: response.status === 200 ? (JSON.parse(text) as Bundle) : ({} as Bundle) };
}
const resource = <T>(bundle: Bundle, type: string) => bundle.entry?.map((entry) => entry.resource).find((r) => r?.resourceType === type) as T | undefined;
const errorsOf = (bundle: Bundle) => fhir.validate(bundle, {}).messages?.filter((message) => message.severity === "error").map((m) => `${m.location}: ${m.message}`) ?? [];

describe("a referral as FHIR", () => {
  it("validates in every status, with the Gravity Task status, the partner as owner and us as requester", async () => {
    for (const status of Object.keys(GRAVITY) as ReferralStatus[]) {
      await db().referral.update({
        where: { id: world.referral.id },
        data: { status, declineReason: status === "declined" ? "no_capacity" : null, notCompletedReason: status === "not_completed" ? "person_declined" : null },
      });
      const { status: code, bundle } = await bundleAs(staff, "staff");
      expect([status, code]).toEqual([status, 200]);
      expect([status, errorsOf(bundle)]).toEqual([status, []]);
      const task = resource<Task>(bundle, "Task");
      expect([status, task?.status]).toEqual([status, GRAVITY[status]]);
      expect(task?.businessStatus?.coding?.[0]?.code).toBe(status);
      expect(task?.owner?.display).toBe("Partner A");
      expect(task?.requester?.display).toBe("Host");
      expect(task?.focus?.reference).toBe(`urn:uuid:${resource<ServiceRequest>(bundle, "ServiceRequest")?.id}`);
      if (status === "declined") expect(task?.statusReason?.coding?.[0]?.code).toBe("no_capacity");
      if (status === "not_completed") expect(task?.statusReason?.coding?.[0]?.code).toBe("person_declined");
    }
  });

  it("the validator is not lenient: a Task with a status Gravity does not use is refused", async () => {
    const { bundle } = await bundleAs(staff, "staff");
    const task = resource<Task>(bundle, "Task")!;
    (task as { status: string }).status = "declined";
    expect(errorsOf(bundle)).toEqual(["Task.status: Code \"declined\" not found in value set"]);
  });

  it("holds the consented fields of the person under a pseudonym, and nothing of them otherwise", async () => {
    // The world's consent shares the preferred name, the contact and the request with partner A.
    const shared = await bundleAs(partner, "partner");
    expect(errorsOf(shared.bundle)).toEqual([]);
    const patient = resource<Patient>(shared.bundle, "Patient");
    expect(patient?.name).toEqual([{ text: "Ганна" }]);
    expect(patient?.telecom).toEqual([{ system: "other", value: "@ac-one1-one1" }]);
    expect(patient?.communication).toBeUndefined();
    expect(patient?.id).not.toBe(world.personOne.id);
    expect(shared.text).not.toContain(world.personOne.id);
    expect(shared.text).not.toContain("Сарока");
    expect(shared.text).not.toContain(world.personOne.caseCode);
    expect(resource<ServiceRequest>(shared.bundle, "ServiceRequest")?.note).toEqual([{ text: "Please see her this week" }]);

    // A referral that shares nothing: no Patient, the subject marked as withheld, no request text.
    await db().referral.update({ where: { id: world.referral.id }, data: { sharedFields: "" } });
    const nothing = await bundleAs(partner, "partner");
    expect(errorsOf(nothing.bundle)).toEqual([]);
    expect(resource(nothing.bundle, "Patient")).toBeUndefined();
    expect(resource<ServiceRequest>(nothing.bundle, "ServiceRequest")?.subject).toEqual({ extension: [{ url: "http://hl7.org/fhir/StructureDefinition/data-absent-reason", valueCode: "masked" }] });
    expect(resource<Task>(nothing.bundle, "Task")?.for).toBeUndefined();
    for (const personal of ["Ганна", "@ac-one1-one1", "Please see her this week", "be", "ru"]) expect([personal, nothing.text.includes(`"${personal}"`)]).toEqual([personal, false]);

    // Shared again, then the consent withdrawn: nothing of the person, for the partner and the caseworker alike.
    await db().referral.update({ where: { id: world.referral.id }, data: { sharedFields: "preferredName,contact,request" } });
    await db().consent.update({ where: { id: world.consent.id }, data: { withdrawnAt: new Date() } });
    for (const [cookie, who] of [[partner, "partner"], [staff, "staff"]] as const) {
      const withdrawn = await bundleAs(cookie, who);
      expect(errorsOf(withdrawn.bundle)).toEqual([]);
      expect(resource(withdrawn.bundle, "Patient")).toBeUndefined();
      for (const personal of ["Ганна", "@ac-one1-one1", "Please see her this week"]) expect([who, personal, withdrawn.text.includes(personal)]).toEqual([who, personal, false]);
    }
  });

  it("is the sending staff's and the receiving partner's only, and each download is in the audit log", async () => {
    expect((await bundleAs(await signedIn(world.accounts.otherCaseworker), "staff")).status).toBe(404);
    expect((await bundleAs(await signedIn(world.accounts.otherPartner), "partner")).status).toBe(404);
    // A draft was never sent: the partner does not know of it.
    expect((await bundleAs(partner, "partner", world.draft.id)).status).toBe(404);
    expect((await bundleAs(staff, "staff", world.draft.id)).status).toBe(200);
    const exports = await db().auditEvent.findMany({ where: { action: "referral.export" }, select: { actorId: true, entityId: true, personId: true } });
    expect(exports).toEqual([{ actorId: world.accounts.caseworker.id, entityId: world.draft.id, personId: world.personOne.id }]);
  });
});
