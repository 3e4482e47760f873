// Referral figures for reports, computed from the status history: how long partners take to
// answer, how many referrals they accept, how many end completed. Per partner and per track.
import { db } from "~/db/client.server";
import type { ReferralStatus } from "~/db/generated/enums";
import type { ReferralFigures } from "./referral-figures";

export type { ReferralFigures };
export type ReferralHistory = { key: string; history: { toStatus: ReferralStatus; at: Date }[] };

const ANSWERS: ReferralStatus[] = ["accepted", "declined"];
const ENDS: ReferralStatus[] = ["completed", "not_completed"];

/** Pure: the figures of each group of referrals (a group is a partner or a track). */
export function referralFigures(referrals: ReferralHistory[]): ReferralFigures[] {
  const groups = new Map<string, ReferralHistory[]>();
  for (const referral of referrals) groups.set(referral.key, [...(groups.get(referral.key) ?? []), referral]);
  return [...groups.entries()].map(([key, group]) => {
    const hours: number[] = [];
    let sent = 0;
    let accepted = 0;
    let answered = 0;
    let ended = 0;
    let completed = 0;
    for (const { history } of group) {
      const sentAt = history.find((h) => h.toStatus === "sent")?.at;
      if (!sentAt) continue;
      sent++;
      const answer = history.find((h) => ANSWERS.includes(h.toStatus));
      if (answer) {
        answered++;
        hours.push((answer.at.getTime() - sentAt.getTime()) / 3_600_000);
        if (answer.toStatus === "accepted") accepted++;
      }
      const end = history.find((h) => ENDS.includes(h.toStatus));
      if (end) {
        ended++;
        if (end.toStatus === "completed") completed++;
      }
    }
    hours.sort((a, b) => a - b);
    const median = hours.length ? (hours[Math.floor((hours.length - 1) / 2)]! + hours[Math.ceil((hours.length - 1) / 2)]!) / 2 : null;
    return {
      key,
      sent,
      answered,
      medianHoursToAnswer: median === null ? null : Math.round(median * 10) / 10,
      acceptanceRate: answered ? accepted / answered : null,
      completionRate: ended ? completed / ended : null,
    };
  });
}

export async function referralFiguresBy(dimension: "partner" | "track"): Promise<ReferralFigures[]> {
  const referrals = await db().referral.findMany({
    where: { status: { not: "draft" } },
    select: {
      organization: { select: { name: true } },
      service: { select: { track: { select: { key: true } } } },
      history: { select: { toStatus: true, at: true }, orderBy: { at: "asc" } },
    },
  });
  return referralFigures(referrals.map((r) => ({ key: dimension === "partner" ? r.organization.name : r.service.track.key, history: r.history }))).sort((a, b) =>
    a.key.localeCompare(b.key),
  );
}
