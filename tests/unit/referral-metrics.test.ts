import { describe, expect, it } from "vitest";
import { referralFigures } from "~/reports/referral-metrics.server";

const at = (hours: number) => new Date(Date.UTC(2026, 10, 1) + hours * 3_600_000);

describe("referral figures", () => {
  it("count answers, acceptance and completion from the status history", () => {
    const figures = referralFigures([
      { key: "Clinic", history: [{ toStatus: "draft", at: at(0) }, { toStatus: "sent", at: at(0) }, { toStatus: "accepted", at: at(10) }, { toStatus: "in_progress", at: at(20) }, { toStatus: "completed", at: at(100) }] },
      { key: "Clinic", history: [{ toStatus: "sent", at: at(0) }, { toStatus: "declined", at: at(30) }] },
      { key: "Clinic", history: [{ toStatus: "sent", at: at(0) }, { toStatus: "accepted", at: at(2) }, { toStatus: "not_completed", at: at(50) }] },
      { key: "Clinic", history: [{ toStatus: "sent", at: at(0) }] },
      { key: "Clinic", history: [{ toStatus: "draft", at: at(0) }] },
      { key: "Fund", history: [{ toStatus: "sent", at: at(0) }, { toStatus: "cancelled", at: at(5) }] },
    ]);
    expect(figures).toEqual([
      { key: "Clinic", sent: 4, answered: 3, medianHoursToAnswer: 10, acceptanceRate: 2 / 3, completionRate: 1 / 2 },
      { key: "Fund", sent: 1, answered: 0, medianHoursToAnswer: null, acceptanceRate: null, completionRate: null },
    ]);
  });
});
