// The public help request. Sent as a plain HTML form: no script is loaded or needed (Tor
// Browser "Safest", slow links). Only what is needed, and a contact channel the person chooses.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { SelectField } from "~/components/select-field";
import { localeFor } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { helpForm, HELP_CONTACT_KINDS } from "~/requests/help-form";
import { submitHelpRequest } from "~/requests/public-requests.server";
import { URGENCIES } from "~/requests/request-forms";
import { TRACK_KEYS } from "~/requests/tracks";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "help.title");
export const handle = { scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ locale: await localeFor(request) });
}

type ActionData = { errors: FieldErrors; values: Record<string, string>; trackKeys: string[]; receipt: { code: string; secret: string } | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const data = await readForm(request);
  const values = Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]));
  const trackKeys = data.getAll("trackKeys").map(String);
  const parsed = helpForm.safeParse({ ...values, trackKeys });
  if (!parsed.success) return json<ActionData>({ errors: fieldErrors(parsed.error), values, trackKeys, receipt: null }, { status: 400 });
  const result = await submitHelpRequest(parsed.data, await localeFor(request), context.clientAddress);
  if (result.kind === "throttled") return json<ActionData>({ errors: { form: "help.throttled" }, values, trackKeys, receipt: null }, { status: 429 });
  return json<ActionData>({ errors: {}, values: {}, trackKeys: [], receipt: result.receipt });
}

export default function HelpRequestPage() {
  const t = useT();
  useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors ?? {};
  const v = (name: string, fallback = "") => data?.values[name] ?? fallback;

  if (data?.receipt) {
    return (
      <section className="narrow">
        <h1>{t("help.receiptTitle")}</h1>
        <p>{t("help.receiptLead")}</p>
        <dl className="facts receipt">
          <dt>{t("request.code")}</dt>
          <dd>
            <code>{data.receipt.code}</code>
          </dd>
          <dt>{t("help.secret")}</dt>
          <dd>
            <code>{data.receipt.secret}</code>
          </dd>
        </dl>
        <p>{t("help.receiptKeep")}</p>
        <p>
          <a href="/help/status">{t("help.statusLink")}</a>
        </p>
      </section>
    );
  }

  return (
    <section className="narrow-wide">
      <h1>{t("help.title")}</h1>
      <p className="lead">{t("help.lead")}</p>
      {errors.form ? (
        <p className="form-error" role="alert">
          {t(errors.form)}
        </p>
      ) : Object.keys(errors).length ? (
        <p className="form-error" role="alert">
          {t("form.errorSummary")}
        </p>
      ) : null}
      {/* Nothing typed here is kept in the browser's form history (a shared or seized device). */}
      <Form method="post" noValidate reloadDocument autoComplete="off">
        <Field name="preferredName" autoComplete="off" label={t("help.name")} defaultValue={v("preferredName")} error={errors.preferredName && t(errors.preferredName)} required />
        <SelectField name="contactKind" autoComplete="off" label={t("help.contactKind")} options={HELP_CONTACT_KINDS.map((kind) => ({ value: kind, label: t(`contactKind.${kind}`) }))} defaultValue={v("contactKind", "signal")} error={errors.contactKind && t(errors.contactKind)} />
        <Field name="contactValue" autoComplete="off" label={t("help.contactValue")} defaultValue={v("contactValue")} error={errors.contactValue && t(errors.contactValue)} required />
        <Field name="safeTimes" autoComplete="off" label={t("request.safeTimes")} defaultValue={v("safeTimes")} error={errors.safeTimes && t(errors.safeTimes)} />
        <Field name="country" autoComplete="off" label={t("request.country")} maxLength={2} defaultValue={v("country")} error={errors.country && t(errors.country)} />
        <fieldset className="field">
          <legend>{t("help.tracks")}</legend>
          {TRACK_KEYS.map((key) => (
            <label key={key} className="check">
              <input type="checkbox" name="trackKeys" autoComplete="off" value={key} defaultChecked={data?.trackKeys.includes(key)} /> {t(`track.${key}`)}
            </label>
          ))}
        </fieldset>
        <SelectField name="urgency" autoComplete="off" label={t("request.urgency")} options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} defaultValue={v("urgency", "normal")} error={errors.urgency && t(errors.urgency)} />
        <div className="field">
          <label htmlFor="message">{t("help.message")}</label>
          <textarea id="message" name="message" rows={5} autoComplete="off" defaultValue={v("message")} />
          {errors.message ? <p className="field-error">{t(errors.message)}</p> : null}
        </div>
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="website">Website</label>
          <input id="website" name="website" tabIndex={-1} autoComplete="off" />
        </div>
        <p>{t("help.consentText")}</p>
        <label className="check">
          <input type="checkbox" name="consent" autoComplete="off" /> {t("help.consent")}
        </label>
        {errors.consent ? <p className="field-error">{t(errors.consent)}</p> : null}
        <button type="submit" className="primary">
          {t("help.submit")}
        </button>
      </Form>
    </section>
  );
}
