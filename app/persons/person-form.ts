// The person record's forms: the record itself, and adding or removing a contact channel or a
// restriction. Messages are catalogue keys. In the record form an absent field stays as it is
// and an empty one is cleared, so that a partial post never wipes what it did not show.
import { z } from "zod";
import { versionField } from "~/components/forms";

export const RISK_FLAGS = ["under_surveillance", "family_at_risk", "urgent_health"] as const;
export const CONTACT_KINDS = ["signal", "telegram", "email", "phone", "other"] as const;
export const RESTRICTION_KINDS = ["supervision", "travel_ban", "extremist_listing", "other"] as const;

const text = (max: number) => z.string().trim().max(max, "form.tooLong");
const pastDate = z
  .string()
  .trim()
  .refine((value) => value === "" || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && value <= new Date().toISOString().slice(0, 10)), "person.datePast");
const anyDate = z
  .string()
  .trim()
  .refine((value) => value === "" || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))), "form.dateInvalid");

export const personEditForm = z.object({
  version: versionField,
  preferredName: text(100).pipe(z.string().min(1, "person.preferredNameRequired")),
  fullName: text(200).optional(),
  fullNameLatin: text(200).optional(),
  birthDate: pastDate.optional(),
  countryNow: z.string().trim().toUpperCase().refine((value) => value === "" || /^[A-Z]{2}$/.test(value), "request.countryInvalid").optional(),
  cityNow: text(100).optional(),
  languages: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === "" || /^[a-z]{2}(\s*,\s*[a-z]{2})*$/.test(value), "person.languagesInvalid")
    .transform((value) => (value ? value.split(",").map((code) => code.trim()).join(",") : ""))
    .optional(),
  releaseDate: pastDate.optional(),
  detentionPlace: text(200).optional(),
  // The form always sends an empty riskFlags first, so that "none ticked" is told from "not shown".
  riskFlags: z.array(z.union([z.enum(RISK_FLAGS), z.literal("")])).optional(),
});

export type PersonEdit = z.infer<typeof personEditForm>;

export const contactForm = z.object({
  intent: z.literal("add-contact"),
  kind: z.enum(CONTACT_KINDS, { message: "request.contactKindRequired" }),
  value: text(200).pipe(z.string().min(1, "request.contactRequired")),
  safeTimes: text(200),
});

export const restrictionForm = z.object({
  intent: z.literal("add-restriction"),
  kind: z.enum(RESTRICTION_KINDS, { message: "person.restrictionKindRequired" }),
  until: anyDate,
  note: text(500),
});

export const removeForm = z.object({ intent: z.enum(["remove-contact", "remove-restriction"]), id: z.string().min(1).max(40) });
