// Turns a zod error into the first message key per field, for the form to translate.
import type { ZodError } from "zod";
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
