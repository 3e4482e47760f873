// A referral as the partner organisation sees it: the shared fields only, its history, the
// answer (accept or decline with a reason), progress, the outcome, and messages with the
// referring caseworker.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireArea } from "~/auth/session.server";
import { TextAreaField } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { SavingForm } from "~/components/saving-form";
import { serverConfig } from "~/config/env.server";
import { saveOnce } from "~/http/sent-once.server";
import { localeFor } from "~/i18n/locale.server";
import { daysOf, momentsOf } from "~/i18n/moments";
import { DocumentTable } from "~/documents/document-views";
import { referralDocuments } from "~/documents/documents.server";
import { SelectField } from "~/components/select-field";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { DECLINE_REASONS, NOT_COMPLETED_REASONS, PARTNER_TRANSITIONS, partnerActionForm, SHAREABLE_FIELDS, type PartnerAction } from "~/referrals/referral-forms";
import { actOnReferral } from "~/referrals/referral-work.server";
import { viewReferralAsPartner } from "~/referrals/referrals.server";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "referral.title");
// Works without JavaScript and loads none (a person at risk may browse with scripts off).
export const handle = { scripts: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "partner");
  const [referral, locale] = await Promise.all([viewReferralAsPartner(viewer, params.referralId ?? ""), localeFor(request)]);
  // The documents the person agreed to share with this referral, while that consent stands.
  const documents = await referralDocuments(viewer, referral.id);
  // Moments as words in the organisation's zone, keyed by the stored instant.
  const { timeZone } = serverConfig();
  const moments = momentsOf([referral.sentAt, ...referral.history.map((h) => h.at), ...referral.messages.map((m) => m.at)], locale, timeZone);
  return json({ referral, moments, documents, days: daysOf(documents.map((document) => document.createdAt), locale) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "partner");
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  return saveOnce(request, form, viewer.accountId, async () => {
    const parsed = partnerActionForm.safeParse(values);
    if (!parsed.success) return json({ intent: values.intent ?? "", errors: fieldErrors(parsed.error) as FieldErrors, values }, { status: 400 });
    const result = await actOnReferral(viewer, params.referralId ?? "", parsed.data);
    if (!result.ok) return json({ intent: parsed.data.intent, errors: { [result.field]: result.problem } as FieldErrors, values }, { status: result.status });
    return redirect(`/partner/referrals/${result.referralId}`);
  });
}

type Intent = PartnerAction["intent"];

export default function PartnerReferral() {
  const t = useT();
  const { referral, moments, documents, days } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const err = (intent: Intent, field: string) => (data?.intent === intent && data.errors[field] ? t(data.errors[field]) : undefined);
  const val = (intent: Intent, field: string) => (data?.intent === intent ? (data.values[field] ?? "") : "");
  const shown = SHAREABLE_FIELDS.filter((field) => referral.shared[field] !== undefined);
  const allowed = (intent: keyof typeof PARTNER_TRANSITIONS) => PARTNER_TRANSITIONS[intent].from.includes(referral.status);
  const working = ["accepted", "in_progress", "on_hold"].includes(referral.status);

  return (
    <section>
      <h1>{t("referral.title")}</h1>
      <p className="case-status">
        {referral.serviceName} · <strong>{t(`referralStatus.${referral.status}`)}</strong>
        {referral.sentAt ? ` · ${moments[referral.sentAt]}` : ""}
        {" · "}
        <a href={`/partner/referrals/${referral.id}/fhir`} download>
          {t("referral.fhir")}
        </a>
      </p>
      {data?.errors.form ? (
        <p className="form-error" role="alert">
          {t(data.errors.form)}
        </p>
      ) : null}
      {shown.length === 0 ? (
        <p>{t("referral.nothingShared")}</p>
      ) : (
        <dl className="facts">
          {shown.map((field) => (
            <div key={field} className="fact-row">
              <dt>{t(`referral.field.${field}`)}</dt>
              <dd>{referral.shared[field]}</dd>
            </div>
          ))}
        </dl>
      )}

      <h2>{t("document.shared")}</h2>
      {documents.length ? <DocumentTable documents={documents} days={days} audience={false} /> : <p className="muted">{t("document.sharedNone")}</p>}

      <h2>{t("referral.answerTitle")}</h2>
      {allowed("accept") ? <StepForm version={referral.version} intent="accept" label={t("referral.accept")} /> : null}
      {allowed("decline") ? (
        <StepForm version={referral.version} intent="decline" label={t("referral.decline")}>
          <SelectField name="reason" id="decline-reason" label={t("triage.reason")} empty options={DECLINE_REASONS.map((r) => ({ value: r, label: t(`referralDecline.${r}`) }))} defaultValue={val("decline", "reason")} error={err("decline", "reason")} />
          <NoteField intent="decline" label={t("referral.note")} value={val} error={err} />
        </StepForm>
      ) : null}
      {allowed("start") ? <StepForm version={referral.version} intent="start" label={t("referral.start")} /> : null}
      {working ? (
        <StepForm version={referral.version} intent="progress" label={t("referral.postProgress")}>
          <NoteField intent="progress" label={t("referral.progress")} value={val} error={err} />
        </StepForm>
      ) : null}
      {allowed("hold") ? <StepForm version={referral.version} intent="hold" label={t("referral.hold")} /> : null}
      {allowed("complete") ? (
        <StepForm version={referral.version} intent="complete" label={t("referral.complete")}>
          <NoteField intent="complete" name="outcome" label={t("referral.outcome")} value={val} error={err} />
        </StepForm>
      ) : null}
      {allowed("not-complete") ? (
        <StepForm version={referral.version} intent="not-complete" label={t("referral.notComplete")}>
          <SelectField name="reason" id="not-complete-reason" label={t("triage.reason")} empty options={NOT_COMPLETED_REASONS.map((r) => ({ value: r, label: t(`notCompleted.${r}`) }))} defaultValue={val("not-complete", "reason")} error={err("not-complete", "reason")} />
          <NoteField intent="not-complete" label={t("referral.note")} value={val} error={err} />
        </StepForm>
      ) : null}

      <h2>{t("referral.historyTitle")}</h2>
      <ol className="timeline">
        {referral.history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{moments[h.at]}</time> {t(`referralStatus.${h.toStatus}`)}
            {h.note ? ` — ${h.note}` : ""}
          </li>
        ))}
      </ol>

      <h2>{t("referral.messagesTitle")}</h2>
      <ul className="messages">
        {referral.messages.map((m) => (
          <li key={m.id}>
            <span className="muted">
              <time dateTime={m.at}>{moments[m.at]}</time> · {m.fromPartner ? t("role.partner") : t("role.caseworker")}:
            </span>{" "}
            {m.body}
          </li>
        ))}
      </ul>
      <SavingForm className="narrow" id="do-message" once="message">
        <input type="hidden" name="intent" value="message" />
        <TextAreaField name="body" id="message-body" label={t("referral.message")} defaultValue={val("message", "body")} error={err("message", "body")} />
        <button type="submit">{t("referral.sendMessage")}</button>
      </SavingForm>
    </section>
  );
}

/** One step of the referral's lifecycle, as a small form of its own. */
function StepForm({ intent, label, version, children }: { intent: Intent; label: string; version: number; children?: ReactNode }) {
  return (
    <SavingForm className="narrow partner-action" id={`do-${intent}`}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      {children}
      <button type="submit">{label}</button>
    </SavingForm>
  );
}

function NoteField(props: {
  intent: Intent;
  name?: string;
  label: string;
  value: (intent: Intent, field: string) => string;
  error: (intent: Intent, field: string) => string | undefined;
}) {
  const { intent, name = "note", label } = props;
  return <TextAreaField name={name} id={`${intent}-${name}`} rows={2} label={label} defaultValue={props.value(intent, name)} error={props.error(intent, name)} />;
}
