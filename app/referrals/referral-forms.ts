// Referral forms and the lifecycle (HL7 Gravity: draft, requested=sent, accepted,
// rejected=declined, in-progress, on-hold, completed, failed=not_completed, cancelled).
import { z } from "zod";
import { versionField } from "~/components/forms";
import { afterParam, idParam } from "~/db/paging";

export const SHAREABLE_FIELDS = ["preferredName", "contact", "languages", "request"] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];
export const DECLINE_REASONS = ["no_capacity", "not_eligible", "could_not_contact", "other"] as const;
export const NOT_COMPLETED_REASONS = ["could_not_contact", "person_declined", "no_longer_needed", "other"] as const;
export const CONSENT_METHODS = ["in_person", "phone", "online", "written"] as const;

const text = (max: number) => z.string().trim().max(max, "form.tooLong");

export const newReferralForm = z.object({
  intent: z.literal("refer"),
  goalId: z.string().min(1, "referral.goalRequired").max(40),
  serviceId: z.string().min(1, "referral.serviceRequired").max(40),
  request: text(4000).pipe(z.string().min(1, "referral.requestRequired")),
  sharedFields: z.array(z.enum(SHAREABLE_FIELDS)).min(1, "referral.sharedFieldsRequired"),
  // Documents of the case, each shared by the person's consent (checked against the case on saving).
  documentIds: z.array(z.string().regex(/^[a-z0-9]{1,40}$/, "referral.documentUnknown")).max(50, "referral.documentUnknown").default([]),
  consentMethod: z.enum(CONSENT_METHODS, { message: "referral.consentMethodRequired" }),
  // Unchecked boxes are not sent at all: missing and wrong both get the one message.
  consentGiven: z.literal("on", { errorMap: () => ({ message: "referral.consentRequired" }) }),
});

/** The caseworker's message to the partner on a referral of the case (the partner writes back on theirs). */
export const referralMessageForm = z.object({
  intent: z.literal("referral-message"),
  referralId: z.string().min(1).max(40),
  body: text(4000).pipe(z.string().min(1, "referral.messageRequired")),
});

export const cancelReferralForm = z.object({ intent: z.literal("cancel-referral"), referralId: z.string().min(1).max(40), version: versionField, note: text(2000).default("") });

export const partnerActionForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), version: versionField, note: text(2000).default("") }),
  z.object({ intent: z.literal("decline"), version: versionField, reason: z.enum(DECLINE_REASONS, { message: "request.reasonRequired" }), note: text(2000).default("") }),
  z.object({ intent: z.literal("start"), version: versionField, note: text(2000).default("") }),
  z.object({ intent: z.literal("hold"), version: versionField, note: text(2000).default("") }),
  z.object({ intent: z.literal("progress"), version: versionField, note: text(2000).pipe(z.string().min(1, "referral.noteRequired")) }),
  z.object({ intent: z.literal("complete"), version: versionField, outcome: text(4000).pipe(z.string().min(1, "referral.outcomeRequired")) }),
  z.object({ intent: z.literal("not-complete"), version: versionField, reason: z.enum(NOT_COMPLETED_REASONS, { message: "request.reasonRequired" }), note: text(2000).default("") }),
  z.object({ intent: z.literal("message"), body: text(4000).pipe(z.string().min(1, "referral.messageRequired")) }),
]);
export type PartnerAction = z.infer<typeof partnerActionForm>;

type Status = "draft" | "sent" | "accepted" | "declined" | "in_progress" | "on_hold" | "completed" | "not_completed" | "cancelled";

/** The status a partner's action leads to, from each status where it is allowed. */
export const PARTNER_TRANSITIONS: Record<Exclude<PartnerAction["intent"], "message" | "progress">, { from: Status[]; to: Status }> = {
  accept: { from: ["sent"], to: "accepted" },
  decline: { from: ["sent"], to: "declined" },
  start: { from: ["accepted", "on_hold"], to: "in_progress" },
  hold: { from: ["accepted", "in_progress"], to: "on_hold" },
  complete: { from: ["accepted", "in_progress", "on_hold"], to: "completed" },
  "not-complete": { from: ["accepted", "in_progress", "on_hold"], to: "not_completed" },
};
export const OPEN_REFERRAL_STATUSES: Status[] = ["draft", "sent", "accepted", "in_progress", "on_hold"];

// The filters of the referrals that wait on a partner (waiting.server.ts).
/** Flagged for at least this many days, for the "waiting for" filter. */
export const WAITING_FOR = [7, 30] as const;

export const waitingFilter = z.object({
  partner: idParam,
  track: idParam,
  caseworker: idParam,
  waitingFor: z.coerce.number().pipe(z.union([z.literal(WAITING_FOR[0]), z.literal(WAITING_FOR[1])])).optional().catch(undefined),
  after: afterParam,
});
export type WaitingFilter = z.infer<typeof waitingFilter>;
