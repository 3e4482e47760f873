// The public help request form: only what is needed to reach the person and understand the
// need. Messages are catalogue keys, shown next to each field in the person's language.
import { z } from "zod";
import { CONTACT_KINDS, URGENCIES } from "./request-forms";

const text = (max: number) => z.string().trim().max(max, "form.tooLong");

export const HELP_CONTACT_KINDS = CONTACT_KINDS.filter((kind) => kind !== "other");

export const helpForm = z
  .object({
    preferredName: text(100).pipe(z.string().min(1, "help.nameRequired")),
    contactKind: z.enum(["signal", "telegram", "email", "phone"], { errorMap: () => ({ message: "request.contactKindRequired" }) }),
    contactValue: text(200).pipe(z.string().min(1, "request.contactRequired")),
    safeTimes: text(200),
    country: z.string().trim().toUpperCase().regex(/^([A-Z]{2})?$/, "request.countryInvalid"),
    urgency: z.enum(URGENCIES, { errorMap: () => ({ message: "help.urgencyRequired" }) }),
    trackKeys: z.array(z.string().max(40)).max(20),
    message: text(4000),
    consent: z.literal("on", { errorMap: () => ({ message: "help.consentRequired" }) }),
    // A field people do not see; bots fill it in.
    website: z.string().max(500).optional(),
  })
  .superRefine((form, ctx) => {
    const value = form.contactValue;
    const ok =
      form.contactKind === "email"
        ? z.string().email().safeParse(value).success
        : form.contactKind === "phone"
          ? /^\+?[\d\s().-]{6,20}$/.test(value)
          : form.contactKind === "telegram"
            ? /^@?[A-Za-z0-9_]{4,32}$|^\+?[\d\s().-]{6,20}$/.test(value)
            : /^@?[\p{L}\p{N}_.-]{3,64}$|^\+?[\d\s().-]{6,20}$/u.test(value);
    if (value && !ok) ctx.addIssue({ code: "custom", path: ["contactValue"], message: "help.contactInvalid" });
  });

export const statusForm = z.object({
  code: z.string().trim().toUpperCase().max(20, "form.tooLong").pipe(z.string().min(1, "help.codeRequired")),
  secret: z.string().trim().toLowerCase().max(40, "form.tooLong").pipe(z.string().min(1, "help.secretRequired")),
  intent: z.enum(["check", "withdraw"]).default("check"),
});
