// Erasure requests waiting for a coordinator. Confirming erases the person's data for good.
import { serverConfig } from "~/config/env.server";
import { localeFor } from "~/i18n/locale.server";
import { momentsOf } from "~/i18n/moments";
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
import { confirmErasureForm } from "~/persons/erasure-form";
import { confirmErasure, pendingErasures } from "~/persons/erasure.server";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "erasure.queueTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  if (!mayConfirmErasure(viewer)) throw notFound();
  const [requests, locale] = await Promise.all([pendingErasures(viewer), localeFor(request)]);
  return json({ requests, moments: momentsOf(requests.map((r) => r.requestedAt), locale, serverConfig().timeZone) });
}

type ActionData = { requestId: string; errors: FieldErrors };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  if (!mayConfirmErasure(viewer)) throw notFound();
  const values = Object.fromEntries(await readForm(request));
  const requestId = String(values.requestId ?? "");
  const parsed = confirmErasureForm.safeParse(values);
  if (!parsed.success) return json<ActionData>({ requestId, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await confirmErasure(viewer, parsed.data.requestId, parsed.data.caseCode);
  if (!result.ok) return json<ActionData>({ requestId, errors: { caseCode: result.problem } }, { status: 400 });
  return redirect("/staff/erasures?done=1");
}

export default function ErasureQueue() {
  const t = useT();
  const { requests, moments } = useLoaderData<typeof loader>();
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
                <strong>{r.caseCode}</strong> · {r.preferredName} · {t("erasure.requestedOn")} {moments[r.requestedAt]} · {t("case.lead")}: {r.caseworker ?? t("case.noLead")}
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
    </section>
  );
}
