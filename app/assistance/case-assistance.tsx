// The case's practical support: each record with its amount, source, who is paid and its steps;
// the forms that move it on, for whom they are meant (a coordinator decides and pays, never on
// their own request; the requester or a coordinator cancels); and the request form, which shows
// what each funding source has left. Folded forms are <details>: no JavaScript needed.
import type { ReactNode } from "react";
import { Folded } from "~/cases/case-layout";
import { useRefusal } from "~/cases/case-refusal";
import { Field, TextAreaField } from "~/components/field";
import { SavingForm } from "~/components/saving-form";
import { SelectField } from "~/components/select-field";
import { trackName, type NamedTrack } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { ASSISTANCE_KINDS, PAYEE_KINDS, PAYMENT_METHODS } from "./assistance-forms";
import type { caseAssistance, fundingChoices } from "./assistance.server";
import { moneyText } from "./money";

type Record = Awaited<ReturnType<typeof caseAssistance>>[number];
type Choice = Awaited<ReturnType<typeof fundingChoices>>[number];

type Props = {
  records: Record[];
  choices: Choice[];
  tracks: (NamedTrack & { id: string })[];
  goals: { id: string; title: string }[];
  documents: { id: string; title: string }[];
  viewerId: string;
  mayDecide: boolean;
  closed: boolean;
  today: string;
  moments: { [at: string]: string };
  days: { [day: string]: string };
};

export function CaseAssistance({ records, choices, tracks, goals, documents, viewerId, mayDecide, closed, today, moments, days }: Props) {
  const t = useT();
  const locale = useLocale();
  const { here, error, value } = useRefusal();
  const v = (field: string, fallback = "") => value("request-support", field, fallback);
  const e = (field: string) => error("request-support", field);
  return (
    <>
      {records.length ? (
        <ul className="record-list support-list">
          {records.map((record) => (
            <li key={record.id} id={`support-${record.id}`}>
              <strong>{t(`assistanceKind.${record.kind}`)}</strong> · {moneyText(record.amountMinor, record.currency, locale)}
              {record.currency !== record.fundingSource.currency ? ` (${moneyText(record.sourceAmountMinor, record.fundingSource.currency, locale)})` : ""} ·{" "}
              <span className={`status status-${record.status}`}>{t(`assistanceStatus.${record.status}`)}</span>
              {record.overBudget && record.status === "requested" ? <span className="flag"> · {t("assistance.overBudget")}</span> : null}
              <br />
              <span className="muted">
                {record.fundingSource.name} · {t(`payeeKind.${record.payeeKind}`)}
                {record.payeeReference ? ` · ${record.payeeReference}` : ""}
                {record.paidOn
                  ? ` · ${t("assistance.paidOnDay", {
                      day: days[record.paidOn] ?? record.paidOn,
                    })}`
                  : ""}
                {record.paidMethod ? ` · ${t(`paymentMethod.${record.paidMethod as "cash"}`)}` : ""}
                {record.receiptReference ? ` · ${t("assistance.receipt")}: ${record.receiptReference}` : ""}
              </span>
              {record.receiptDocument ? (
                <>
                  {" · "}
                  <a href={`/documents/${record.receiptDocument.id}`}>{record.receiptDocument.title}</a>
                </>
              ) : null}
              <ol className="steps">
                {record.events.map((event, index) => (
                  <li key={index}>
                    <time dateTime={event.at}>{moments[event.at]}</time> · {t(`assistanceStatus.${event.toStatus}`)}
                    {event.author ? ` · ${event.author}` : event.toStatus === "approved" ? ` · ${t("assistance.withinThreshold")}` : ""}
                    {event.note ? ` — ${event.note}` : ""}
                  </li>
                ))}
              </ol>
              <RecordForms record={record} documents={documents} viewerId={viewerId} mayDecide={mayDecide} today={today} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("assistance.none")}</p>
      )}
      {closed ? null : choices.length === 0 ? (
        <p className="muted">{t("assistance.noSources")}</p>
      ) : (
        <Folded summary={t("assistance.requestOpen")} open={Boolean(here("request-support"))}>
          <SavingForm className="narrow" once="request-support">
            <input type="hidden" name="intent" value="request-support" />
            <SelectField
              name="kind"
              id="support-kind"
              label={t("assistance.kind")}
              options={ASSISTANCE_KINDS.map((k) => ({
                value: k,
                label: t(`assistanceKind.${k}`),
              }))}
              defaultValue={v("kind", "travel")}
              error={e("kind")}
            />
            <div className="field-row">
              <Field name="amount" id="support-amount" inputMode="decimal" label={t("assistance.amount")} defaultValue={v("amount")} error={e("amount")} />
              <Field
                name="currency"
                id="support-currency"
                label={t("assistance.currency")}
                maxLength={3}
                size={4}
                autoCapitalize="characters"
                defaultValue={v("currency", choices[0]?.currency ?? "EUR")}
                error={e("currency")}
              />
            </div>
            <SelectField
              name="fundingSourceId"
              id="support-source"
              label={t("assistance.source")}
              options={choices.map((choice) => ({
                value: choice.id,
                label: t("assistance.sourceChoice", {
                  name: choice.name,
                  left: moneyText(choice.remainderMinor, choice.currency, locale),
                  threshold: moneyText(choice.approvalThresholdMinor, choice.currency, locale),
                }),
              }))}
              defaultValue={v("fundingSourceId", choices[0]?.id)}
              error={e("fundingSourceId")}
            />
            <Field name="rate" id="support-rate" inputMode="decimal" label={t("assistance.rate")} defaultValue={v("rate")} error={e("rate")} />
            <SelectField
              name="trackId"
              id="support-track"
              label={t("assistance.track")}
              empty
              options={tracks.map((track) => ({
                value: track.id,
                label: trackName(track, locale),
              }))}
              defaultValue={v("trackId")}
              error={e("trackId")}
            />
            <SelectField name="goalId" id="support-goal" label={t("case.forGoal")} empty options={goals.map((g) => ({ value: g.id, label: g.title }))} defaultValue={v("goalId")} error={e("goalId")} />
            <SelectField
              name="payeeKind"
              id="support-payee"
              label={t("assistance.payee")}
              options={PAYEE_KINDS.map((k) => ({
                value: k,
                label: t(`payeeKind.${k}`),
              }))}
              defaultValue={v("payeeKind", "person")}
              error={e("payeeKind")}
            />
            <Field name="payeeReference" id="support-payee-reference" label={t("assistance.payeeReference")} defaultValue={v("payeeReference")} error={e("payeeReference")} />
            <TextAreaField name="note" id="support-note" rows={2} label={t("assistance.note")} defaultValue={v("note")} error={e("note")} />
            <button type="submit">{t("assistance.request")}</button>
          </SavingForm>
        </Folded>
      )}
    </>
  );
}

/** What the viewer may do to one record now, each form folded. */
function RecordForms({ record, documents, viewerId, mayDecide, today }: { record: Record; documents: Props["documents"]; viewerId: string; mayDecide: boolean; today: string }) {
  const t = useT();
  const { here, error, value } = useRefusal();
  const mine = { assistanceId: record.id };
  const open = record.status === "requested" || record.status === "approved";
  const own = record.requestedById === viewerId;
  const hidden = (intent: string): ReactNode => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="assistanceId" value={record.id} />
      <input type="hidden" name="version" value={record.version} />
    </>
  );
  const id = (field: string) => `${field}-${record.id}`;
  // What this record's form of `intent` was last sent with, and why it was refused, by field.
  const sent = (intent: string, field: string, fallback = "") => value(intent, field, fallback, mine);
  const problem = (intent: string, field: string) => error(intent, field, mine);
  return (
    <>
      {record.status === "requested" && mayDecide && own ? <p className="muted">{t("assistance.ownRequest")}</p> : null}
      {record.status === "requested" && mayDecide && !own ? (
        <Folded summary={t("assistance.decideOpen")} open={Boolean(here("decide-support", mine))}>
          <SavingForm className="narrow">
            {hidden("decide-support")}
            <TextAreaField name="note" id={id("decide-note")} rows={2} label={t("assistance.decisionNote")} defaultValue={sent("decide-support", "note")} error={problem("decide-support", "note")} />
            <button type="submit" name="decision" value="approve">
              {t("assistance.approve")}
            </button>{" "}
            <button type="submit" name="decision" value="reject">
              {t("assistance.reject")}
            </button>
          </SavingForm>
        </Folded>
      ) : null}
      {record.status === "approved" && mayDecide ? (
        <Folded summary={t("assistance.payOpen")} open={Boolean(here("pay-support", mine))}>
          <SavingForm className="narrow">
            {hidden("pay-support")}
            <Field name="paidOn" id={id("paid-on")} type="date" label={t("assistance.paidOn")} defaultValue={sent("pay-support", "paidOn", today)} error={problem("pay-support", "paidOn")} />
            <SelectField
              name="method"
              id={id("method")}
              label={t("assistance.method")}
              options={PAYMENT_METHODS.map((m) => ({
                value: m,
                label: t(`paymentMethod.${m}`),
              }))}
              defaultValue={sent("pay-support", "method", "bank_transfer")}
              error={problem("pay-support", "method")}
            />
            <Field
              name="receiptReference"
              id={id("receipt")}
              label={t("assistance.receiptReference")}
              defaultValue={sent("pay-support", "receiptReference")}
              error={problem("pay-support", "receiptReference")}
            />
            {documents.length ? (
              <SelectField
                name="receiptDocumentId"
                id={id("receipt-document")}
                label={t("assistance.receiptDocument")}
                empty
                options={documents.map((d) => ({
                  value: d.id,
                  label: d.title,
                }))}
                defaultValue={sent("pay-support", "receiptDocumentId")}
                error={problem("pay-support", "receiptDocumentId")}
              />
            ) : null}
            {record.currency !== record.fundingSource.currency ? (
              <Field
                name="rate"
                id={id("pay-rate")}
                inputMode="decimal"
                label={t("assistance.rate")}
                defaultValue={sent("pay-support", "rate", record.rate ?? "")}
                error={problem("pay-support", "rate")}
              />
            ) : null}
            <TextAreaField name="note" id={id("pay-note")} rows={2} label={t("assistance.note")} defaultValue={sent("pay-support", "note")} error={problem("pay-support", "note")} />
            <button type="submit">{t("assistance.pay")}</button>
          </SavingForm>
        </Folded>
      ) : null}
      {open && (own || mayDecide) ? (
        <Folded summary={t("assistance.cancelOpen")} open={Boolean(here("cancel-support", mine))}>
          <SavingForm className="narrow">
            {hidden("cancel-support")}
            <TextAreaField name="note" id={id("cancel-note")} rows={2} label={t("assistance.note")} defaultValue={sent("cancel-support", "note")} error={problem("cancel-support", "note")} />
            <button type="submit">{t("assistance.cancel")}</button>
          </SavingForm>
        </Folded>
      ) : null}
    </>
  );
}
