// Turns a zod error into the first message key per field, for the form to translate.
import { z, type ZodError } from "zod";
import { en, type MessageKey } from "~/i18n/en";

export type FieldErrors = Record<string, MessageKey>;

export function fieldErrors(error: ZodError): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    // Our schemas put catalogue keys into their messages; anything else gets a generic text.
    const key = issue.message in en ? (issue.message as MessageKey) : "form.errorSummary";
    result[field] ??= key;
  }
  return result;
}

/** "2026-12-03": a day that exists on the calendar (2026-02-30 does not: it would be a database error later). */
export const calendarDay = z
  .string()
  .trim()
  .refine((value) => {
    const day = new Date(`${value}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
  }, "form.dateInvalid");

/**
 * The version a form was opened at. Anything that is not a version we could have written (not a
 * number, beyond a 32-bit integer as the database keeps it) is answered as a stale form.
 */
export const versionField = z.coerce.number({ message: "form.stale" }).int("form.stale").min(1, "form.stale").max(2_147_483_647, "form.stale");
