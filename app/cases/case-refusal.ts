// What the case page's last refused form sent and why: the form it came from shows the errors
// at its fields and keeps what was typed; every other form stays as it was.
import { useActionData } from "@remix-run/react";
import type { FieldErrors } from "~/components/forms";
import { useT } from "~/i18n/use-t";

export type CaseAnswer = { intent: string; errors: FieldErrors; values: Record<string, string> };

/** `match`: the fields that tell one form of an intent from another (`{ taskId }`). */
export function useRefusal() {
  const t = useT();
  const data = useActionData<CaseAnswer>();
  const here = (intent: string, match: Record<string, string> = {}) =>
    data?.intent === intent && Object.entries(match).every(([field, value]) => data.values[field] === value) ? data : null;
  return {
    data: data ?? null,
    here,
    error: (intent: string, field: string, match?: Record<string, string>) => {
      const key = here(intent, match)?.errors[field];
      return key ? t(key) : undefined;
    },
    value: (intent: string, field: string, fallback = "", match?: Record<string, string>) => here(intent, match)?.values[field] ?? fallback,
  };
}
