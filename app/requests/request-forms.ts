// Forms of the triage queue. Messages are catalogue keys.
import { afterParam } from "~/db/paging";
import { z } from "zod";
import { versionField } from "~/components/forms";

const text = (max: number) => z.string().trim().max(max, "form.tooLong");
export const CONTACT_KINDS = ["signal", "telegram", "email", "phone", "other"] as const;
export const URGENCIES = ["low", "normal", "urgent"] as const;
export const DECLINE_REASONS = ["out_of_scope", "cannot_contact", "no_capacity", "other"] as const;

export const enterRequestForm = z.object({
  preferredName: text(100).pipe(z.string().min(1, "person.preferredNameRequired")),
  contactKind: z.enum(CONTACT_KINDS, { message: "request.contactKindRequired" }),
  contactValue: text(200).pipe(z.string().min(1, "request.contactRequired")),
  safeTimes: text(200),
  country: z.string().trim().toUpperCase().regex(/^([A-Z]{2})?$/, "request.countryInvalid"),
  language: z.enum(["be", "ru", "en"]),
  urgency: z.enum(URGENCIES),
  message: text(4000),
  trackIds: z.array(z.string().max(40)).max(20),
});

export const triageForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("accept-new"),
    version: versionField,
    fullName: text(200),
    // Ticked after the full name was found to resemble someone on file: "this is someone else".
    confirmNew: z.literal("1").optional().catch(undefined),
  }),
  z.object({ intent: z.literal("accept-existing"), version: versionField, personId: z.string().min(1).max(40) }),
  z.object({
    intent: z.literal("decline"),
    version: versionField,
    reason: z.enum(DECLINE_REASONS, { message: "request.reasonRequired" }),
  }),
  z.object({ intent: z.literal("duplicate"), version: versionField, duplicateOfCode: text(20).pipe(z.string().min(1, "request.duplicateOfRequired")) }),
]);

/** Taking a request means "I am on it", so that two caseworkers do not triage the same one. */
export const takeForm = z.object({ intent: z.enum(["take", "release"]), version: versionField });

export const queueFilter = z.object({
  status: z.enum(["new", "in_triage", "accepted", "declined", "duplicate", "withdrawn", "open"]).catch("open"),
  urgency: z.enum(URGENCIES).optional().catch(undefined),
  after: afterParam,
});
