// The case's referrals: each with its status, its thread with the partner (answered here), and
// cancel while open; a new referral, with the person's consent and what is shared, folded away.
import { authorKind } from "~/auth/policy";
import { ActionButton } from "~/components/action-button";
import { TextAreaField } from "~/components/field";
import { SavingForm } from "~/components/saving-form";
import { SelectField } from "~/components/select-field";
import { Folded } from "~/cases/case-layout";
import { useRefusal } from "~/cases/case-refusal";
import type { CaseView } from "~/cases/case-view";
import { useT } from "~/i18n/use-t";
import type { DocumentItem } from "~/documents/document-forms";
import { CONSENT_METHODS, OPEN_REFERRAL_STATUSES, SHAREABLE_FIELDS } from "./referral-forms";

type ServiceChoice = { id: string; label: string; track: string; open: boolean; available: number | null; status: string };

export function CaseReferrals({ found, services, documents, moments }: { found: CaseView; services: ServiceChoice[]; documents: DocumentItem[]; moments: Record<string, string> }) {
  const t = useT();
  const { here, error, value } = useRefusal();
  return (
    <>
      <ul className="record-list">
        {found.referrals.map((r) => {
          const mine = { referralId: r.id };
          return (
            <li key={r.id} id={`referral-${r.id}`}>
              <strong>
                {r.service.organization.name} · {r.service.name}
              </strong>{" "}
              · {t(`referralStatus.${r.status}`)}
              {r.goal ? ` · ${r.goal.title}` : ""}
              {r.outcome ? ` · ${r.outcome}` : ""}
              {r.flaggedAt ? <span className="warn"> · {r.status === "sent" ? t("referral.flaggedUnanswered") : t("referral.flaggedStalled")}</span> : null}
              {" · "}
              <a href={`/staff/referrals/${r.id}/fhir`} download>
                {t("referral.fhir")}
              </a>
              {OPEN_REFERRAL_STATUSES.includes(r.status) ? <ActionButton intent="cancel-referral" fields={{ referralId: r.id, version: r.version, note: "" }} label={t("referral.cancel")} /> : null}
              {r.messages.length ? (
                <ul className="messages">
                  {r.messages.map((m) => (
                    <li key={m.id}>
                      <span className="muted">
                        <time dateTime={m.createdAt}>{moments[m.createdAt]}</time> · {authorKind(m.author?.role) === "partner" ? t("role.partner") : t("role.caseworker")}:
                      </span>{" "}
                      {m.body}
                    </li>
                  ))}
                </ul>
              ) : null}
              {r.status !== "draft" ? (
                <Folded summary={t("referral.writeToPartner")} open={Boolean(here("referral-message", mine))}>
                  <SavingForm className="narrow" once={`referral-message-${r.id}`}>
                    <input type="hidden" name="intent" value="referral-message" />
                    <input type="hidden" name="referralId" value={r.id} />
                    <TextAreaField
                      name="body"
                      id={`referral-message-${r.id}`}
                      label={t("referral.message")}
                      defaultValue={value("referral-message", "body", "", mine)}
                      error={error("referral-message", "body", mine)}
                    />
                    <button type="submit">{t("referral.sendMessage")}</button>
                  </SavingForm>
                </Folded>
              ) : null}
            </li>
          );
        })}
      </ul>
      {found.goals.length === 0 ? (
        <p className="muted">{t("referral.needsGoal")}</p>
      ) : (
        <Folded summary={t("referral.newOpen")} open={Boolean(here("refer"))}>
          <NewReferral found={found} services={services} documents={documents} />
        </Folded>
      )}
    </>
  );
}

function NewReferral({ found, services, documents }: { found: CaseView; services: ServiceChoice[]; documents: DocumentItem[] }) {
  const t = useT();
  const { error, value } = useRefusal();
  const v = (field: string, fallback = "") => value("refer", field, fallback);
  const e = (field: string) => error("refer", field);
  return (
    <SavingForm className="narrow-wide" once="refer">
      <input type="hidden" name="intent" value="refer" />
      <SelectField name="goalId" id="refer-goal" label={t("case.forGoal")} empty options={found.goals.map((g) => ({ value: g.id, label: g.title }))} defaultValue={v("goalId")} error={e("goalId")} />
      <SelectField
        name="serviceId"
        id="refer-service"
        label={t("referral.service")}
        empty
        options={services.map((s) => ({
          value: s.id,
          label: `${s.label} — ${s.track} — ${s.open ? t("referral.capacity", { available: s.available ?? "?" }) : t(`serviceStatus.${s.status as "inactive"}`)}`,
        }))}
        defaultValue={v("serviceId")}
        error={e("serviceId")}
      />
      <TextAreaField name="request" id="refer-request" label={t("referral.request")} defaultValue={v("request")} error={e("request")} />
      <fieldset className="field" aria-describedby={e("sharedFields") ? "refer-shared-error" : undefined}>
        <legend>{t("referral.sharedFields")}</legend>
        {SHAREABLE_FIELDS.map((field) => (
          <label key={field} className="check">
            <input type="checkbox" name="sharedFields" value={field} defaultChecked /> {t(`referral.field.${field}`)}
          </label>
        ))}
        {e("sharedFields") ? (
          <p className="field-error" id="refer-shared-error">
            {e("sharedFields")}
          </p>
        ) : null}
      </fieldset>
      {documents.length ? (
        <fieldset className="field" aria-describedby={e("documentIds") ? "refer-documents-error" : undefined}>
          <legend>{t("document.shareLegend")}</legend>
          {documents.map((document) => (
            <label className="check" key={document.id}>
              <input type="checkbox" name="documentIds" value={document.id} /> {document.title} ({t(`document.kindOf.${document.kind}`)})
            </label>
          ))}
          {e("documentIds") ? (
            <p className="field-error" id="refer-documents-error">
              {e("documentIds")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <SelectField name="consentMethod" id="refer-consent-method" label={t("referral.consentMethod")} options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`consentMethod.${m}`) }))} defaultValue={v("consentMethod", "in_person")} />
      <label className="check">
        <input type="checkbox" name="consentGiven" aria-invalid={e("consentGiven") ? true : undefined} aria-describedby={e("consentGiven") ? "refer-consent-error" : undefined} />{" "}
        {t("referral.consentGiven")}
      </label>
      {e("consentGiven") ? (
        <p className="field-error" id="refer-consent-error">
          {e("consentGiven")}
        </p>
      ) : null}
      <button type="submit" className="primary">
        {t("referral.send")}
      </button>
    </SavingForm>
  );
}
