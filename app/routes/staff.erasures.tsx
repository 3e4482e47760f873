// Erasure requests waiting for a coordinator (confirming erases the person's data for good), and
// what the retention schedule erases in the next 30 days, with a hold for what must be kept.
import { serverConfig } from "~/config/env.server";
import { localeFor } from "~/i18n/locale.server";
import { dayText, momentsOf } from "~/i18n/moments";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { mayConfirmErasure } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { notFound } from "~/http/not-found";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { confirmErasureForm, retentionHoldForm } from "~/persons/erasure-form";
import { retentionDue, setRetentionHold } from "~/cases/case-retention.server";
import { RetentionDue } from "~/cases/retention-due";
import type { Viewer } from "~/auth/session.server";
import { confirmErasure, pendingErasures } from "~/persons/erasure.server";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "erasure.queueTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  if (!mayConfirmErasure(viewer)) throw notFound();
  const [requests, retention, locale] = await Promise.all([pendingErasures(viewer), retentionDue(viewer), localeFor(request)]);
  const now = Date.now();
  const due = retention.due.map((d) => ({ ...d, closedOn: dayText(d.closedAt, locale), dueOn: d.dueAt.getTime() <= now ? null : dayText(d.dueAt, locale) }));
  return json({ requests, retention: { months: retention.months, due }, moments: momentsOf(requests.map((r) => r.requestedAt), locale, serverConfig().timeZone) });
}

type ActionData = { requestId: string; errors: FieldErrors };

/** Holding a case past the schedule, or lifting the hold: its own answer, next to its line. */
async function holdAction(viewer: Viewer, values: Record<string, FormDataEntryValue>) {
  const parsed = retentionHoldForm.safeParse(values);
  const caseId = String(values.caseId ?? "");
  if (!parsed.success) return json<ActionData>({ requestId: caseId, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await setRetentionHold(viewer, parsed.data.caseId, parsed.data.version, parsed.data.intent === "hold" ? parsed.data.reason : null);
  if (!result.ok) return json<ActionData>({ requestId: caseId, errors: { reason: result.problem } }, { status: 409 });
  return redirect("/staff/erasures#retention");
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  if (!mayConfirmErasure(viewer)) throw notFound();
  const values = Object.fromEntries(await readForm(request));
  if (values.intent === "hold" || values.intent === "release") return holdAction(viewer, values);
  const requestId = String(values.requestId ?? "");
  const parsed = confirmErasureForm.safeParse(values);
  if (!parsed.success) return json<ActionData>({ requestId, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await confirmErasure(viewer, parsed.data.requestId, parsed.data.caseCode);
  if (!result.ok) return json<ActionData>({ requestId, errors: { caseCode: result.problem } }, { status: 400 });
  return redirect("/staff/erasures?done=1");
}

export default function ErasureQueue() {
  const t = useT();
  const { requests, retention, moments } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("erasure.queueTitle")}</h1>
      <p className="lead">{t("erasure.queueLead")}</p>
      {requests.length === 0 ? <p className="muted">{t("erasure.queueEmpty")}</p> : null}
      <ul className="record-list">
        {requests.map((r) => {
          const error = data?.requestId === r.id ? data.errors.caseCode : undefined;
          return (
            <li key={r.id} className="erasure-request">
              <p>
                <strong>{r.caseCode}</strong> · <span className="pii">{r.preferredName}</span> · {t("erasure.requestedOn")} {moments[r.requestedAt]} · {t("case.lead")}: {r.caseworker ?? t("case.noLead")}
              </p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="requestId" value={r.id} />
                <Field name="caseCode" id={`code-${r.id}`} label={t("erasure.typeCode", { code: r.caseCode })} autoComplete="off" error={error ? t(error) : undefined} />
                <button type="submit" className="danger">
                  {t("erasure.confirm")}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
      <RetentionDue months={retention.months} due={retention.due} problem={data} />
    </section>
  );
}
