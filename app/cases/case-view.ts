// The case page's data as its sections receive it (dates as strings, after the loader).
import type { SerializeFrom } from "@remix-run/node";
import { OPEN_REFERRAL_STATUSES } from "~/referrals/referral-forms";
import type { viewCase } from "./cases.server";

export type CaseView = SerializeFrom<typeof viewCase>;
export type Colleague = { id: string; displayName: string };

/** The case's referrals and tasks still open: what the header counts and closing offers to cancel. */
export function stillOpen(found: CaseView) {
  return { referrals: found.referrals.filter((r) => OPEN_REFERRAL_STATUSES.includes(r.status)), tasks: found.tasks.filter((task) => task.status === "open") };
}
