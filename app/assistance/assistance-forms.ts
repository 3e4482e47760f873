// Forms of practical support: on the case page (request, decide, pay, cancel) and the
// administrator's funding sources. Messages are catalogue keys; amounts are typed as text in
// the currency's own units and kept in minor units.
import { z } from "zod";
import { calendarDay, versionField } from "~/components/forms";
import { isCurrency, isRate, parseAmount } from "./money";

export const ASSISTANCE_KINDS = ["cash_grant", "transfer", "travel", "lodging", "rent_deposit", "medical", "legal", "document_fees", "goods", "voucher", "other"] as const;
export const PAYEE_KINDS = ["person", "landlord", "clinic", "carrier", "shop", "lawyer", "authority", "other"] as const;
export const PAYMENT_METHODS = ["bank_transfer", "cash", "card", "voucher", "in_kind"] as const;

const text = (max: number) => z.string().trim().max(max, "form.tooLong");
const required = (max: number, message: string) => text(max).pipe(z.string().min(1, message));
const optionalId = text(40)
  .optional()
  .transform((value) => value || undefined);
const currency = z.string().trim().toUpperCase().refine(isCurrency, "assistance.currencyInvalid");
// Absent where the page asks for none (the payment of an amount in the source's own currency).
const rate = z
  .string()
  .max(40)
  .optional()
  .transform((value) => (value ?? "").trim().replace(",", "."))
  .refine((value) => value === "" || isRate(value), "assistance.rateInvalid")
  .transform((value) => value || undefined);
const isoDate = calendarDay;

/** An amount typed in `currency`'s units ("12,50"), in minor units; more than zero. */
function amountIn(form: { amount: string; currency: string }, context: z.RefinementCtx, field = "amount"): number {
  const minor = isCurrency(form.currency) ? parseAmount(form.amount, form.currency) : null;
  if (minor === null || minor <= 0 || minor > 2_000_000_000) {
    context.addIssue({
      code: "custom",
      path: [field],
      message: "assistance.amountInvalid",
    });
    return 0;
  }
  return minor;
}

export const requestForm = z
  .object({
    kind: z.enum(ASSISTANCE_KINDS, { message: "assistance.kindRequired" }),
    amount: z.string().max(40),
    currency,
    fundingSourceId: required(40, "assistance.sourceRequired"),
    payeeKind: z.enum(PAYEE_KINDS, { message: "assistance.payeeRequired" }),
    payeeReference: text(200),
    note: text(2000),
    trackId: optionalId,
    goalId: optionalId,
    rate,
  })
  .transform(({ amount, ...form }, context) => ({
    ...form,
    amountMinor: amountIn({ amount, currency: form.currency }, context),
  }));

export const decideForm = z.object({
  assistanceId: required(40, "form.errorSummary"),
  version: versionField,
  decision: z.enum(["approve", "reject"], { message: "form.errorSummary" }),
  note: text(2000),
});

export const payForm = z.object({
  assistanceId: required(40, "form.errorSummary"),
  version: versionField,
  paidOn: isoDate.transform((day) => new Date(`${day}T12:00:00Z`)),
  method: z.enum(PAYMENT_METHODS, { message: "assistance.methodRequired" }),
  receiptReference: text(120),
  receiptDocumentId: optionalId,
  rate,
  note: text(2000),
});

export const cancelForm = z.object({
  assistanceId: required(40, "form.errorSummary"),
  version: versionField,
  note: text(2000),
});

/** The administrator's funding source: new (with its currency, fixed from then on) or changed. */
const sourceFields = z.object({
  name: required(200, "funding.nameRequired"),
  startsOn: isoDate,
  endsOn: isoDate,
  budget: z.string().max(40),
  threshold: z.string().max(40),
  trackId: optionalId,
  active: z.literal("on").optional().transform(Boolean),
});

/** A source's form as its columns: days as dates, amounts in minor units of `currencyCode`. */
function sourceColumns(form: z.infer<typeof sourceFields>, currencyCode: string, context: z.RefinementCtx) {
  if (form.endsOn < form.startsOn) context.addIssue({ code: "custom", path: ["endsOn"], message: "funding.endsBeforeStart" });
  const minor = (typed: string, field: string) => {
    const value = isCurrency(currencyCode) ? parseAmount(typed, currencyCode) : null;
    if (value === null || value > 2_000_000_000) context.addIssue({ code: "custom", path: [field], message: "assistance.amountInvalid" });
    return value ?? 0;
  };
  const day = (text: string) => new Date(`${text}T00:00:00Z`);
  return {
    name: form.name,
    startsOn: day(form.startsOn),
    endsOn: day(form.endsOn),
    trackId: form.trackId ?? null,
    active: form.active,
    budgetMinor: minor(form.budget, "budget"),
    approvalThresholdMinor: minor(form.threshold, "threshold"),
  };
}

export const newSourceForm = sourceFields.extend({ currency }).transform(({ currency, ...form }, context) => ({ currency, ...sourceColumns(form, currency, context) }));

/** A change to a source: its currency comes from the record, so the amounts are read against it. */
export const changeSourceForm = (sourceCurrency: string) =>
  sourceFields
    .extend({ sourceId: required(40, "form.errorSummary"), version: versionField })
    .transform(({ sourceId, version, ...form }, context) => ({ sourceId, version, ...sourceColumns(form, sourceCurrency, context) }));
