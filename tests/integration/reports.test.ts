// The reports' figures come from SQL aggregates over the status history; these are the figures
// a coordinator reads for each partner and each track.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { ReferralStatus } from "~/db/generated/enums";
import { referralFigures } from "~/reports/referral-metrics.server";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

const at = (hours: number) => new Date(Date.UTC(2026, 10, 1) + hours * 3_600_000);

/** A referral to `partner`'s service whose history is the given statuses at the given hours. */
async function referral(serviceId: string, organizationId: string, status: ReferralStatus, history: [ReferralStatus, number][]) {
  const made = await db().referral.create({ data: { caseId: world.caseOne.id, serviceId, organizationId, status, request: "r", sharedFields: "" } });
  // Written out of order: the figures must not depend on the order rows were written in.
  for (const [toStatus, hours] of [...history].reverse()) await db().referralStatusChange.create({ data: { referralId: made.id, toStatus, at: at(hours) } });
}

describe("referral figures", () => {
  it("count answers, acceptance and completion from the status history, per partner and per track", async () => {
    const housing = await db().supportTrack.create({ data: { key: "housing", nameBe: "Жыллё", nameRu: "Жильё", nameEn: "Housing" } });
    const clinic = await db().organization.create({ data: { kind: "partner", name: "Clinic" } });
    const fund = await db().organization.create({ data: { kind: "partner", name: "Fund" } });
    const clinicService = await db().service.create({ data: { organizationId: clinic.id, trackId: world.track.id, name: "Care" } });
    const fundService = await db().service.create({ data: { organizationId: fund.id, trackId: housing.id, name: "Rent" } });
    // The world's own referral is sent with no history: it counts nowhere.
    await referral(clinicService.id, clinic.id, "completed", [["draft", 0], ["sent", 0], ["accepted", 10], ["in_progress", 20], ["completed", 100]]);
    await referral(clinicService.id, clinic.id, "declined", [["sent", 0], ["declined", 30]]);
    await referral(clinicService.id, clinic.id, "not_completed", [["sent", 0], ["accepted", 2], ["not_completed", 50]]);
    await referral(clinicService.id, clinic.id, "sent", [["sent", 0]]);
    await referral(clinicService.id, clinic.id, "draft", [["draft", 0]]);
    await referral(fundService.id, fund.id, "cancelled", [["sent", 0], ["cancelled", 5]]);
    // Accepted after a decline was taken back: the first answer is what counts, and its time.
    await referral(fundService.id, fund.id, "accepted", [["sent", 0], ["declined", 4], ["accepted", 6]]);
    await referral(fundService.id, fund.id, "accepted", [["sent", 0], ["accepted", 1]]);

    const clinicFigures = { sent: 4, answered: 3, medianHoursToAnswer: 10, acceptanceRate: 2 / 3, completionRate: 1 / 2 };
    // Two answers in 4 and 1 hours: the median is the mean of the middle two.
    const fundFigures = { sent: 3, answered: 2, medianHoursToAnswer: 2.5, acceptanceRate: 1 / 2, completionRate: null };
    expect(await referralFigures()).toEqual({
      partner: [
        { key: "Clinic", ...clinicFigures },
        { key: "Fund", ...fundFigures },
      ],
      track: [
        { key: "housing", ...fundFigures },
        { key: "medical", ...clinicFigures },
      ],
    });
  });
});
