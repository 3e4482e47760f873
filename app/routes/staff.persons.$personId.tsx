// A person's record: read it, edit it (a stale save is refused and the input stays on the
// page), keep its contact channels and restrictions, and open the person's own space.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { inviteClientForm } from "~/accounts/account-forms";
import { inviteClient, resendActivation } from "~/accounts/accounts.server";
import { requireArea } from "~/auth/session.server";
import { ActionButton } from "~/components/action-button";
import { Field } from "~/components/field";
import { SavingForm } from "~/components/saving-form";
import { saveOnce } from "~/http/sent-once.server";
import type { Viewer } from "~/auth/session.server";
import { SelectField } from "~/components/select-field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { LOCALE_NAMES, LOCALES } from "~/i18n/catalogue";
import { useLocale, useT } from "~/i18n/use-t";
import { CONTACT_KINDS, contactForm, personEditForm, removeForm, RESTRICTION_KINDS, restrictionForm, RISK_FLAGS } from "~/persons/person-form";
import { addToPerson, removeFromPerson, updatePerson, viewPerson } from "~/persons/persons.server";
import { readForm } from "~/http/form.server";
import { localeFor } from "~/i18n/locale.server";
import { daysOf } from "~/i18n/moments";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "person.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const [person, locale] = await Promise.all([viewPerson(viewer, params.personId ?? ""), localeFor(request)]);
  const days = daysOf([person.releaseDate, ...person.restrictions.map((r) => r.until), ...person.consents.flatMap((c) => [c.givenAt, c.withdrawnAt])], locale);
  return json({ person, days });
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string>; saved?: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const formData = await readForm(request);
  return saveOnce(request, formData, viewer.accountId, () => changePerson(viewer, params.personId ?? "", formData));
}

async function changePerson(viewer: Viewer, personId: string, formData: FormData) {
  const form = Object.fromEntries(formData);
  const values = {
    ...Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)])),
    riskFlags: formData.getAll("riskFlags").map(String).filter(Boolean).join(","),
  };
  const intent = String(form.intent ?? "edit");
  const answer = (errors: FieldErrors, status = 200) => json<ActionData>({ intent, errors, values, saved: status === 200 }, { status });

  if (intent === "invite") {
    const parsed = inviteClientForm.safeParse(form);
    if (!parsed.success) return answer(fieldErrors(parsed.error), 400);
    await inviteClient(viewer, personId, parsed.data.email, parsed.data.locale);
    return answer({});
  }
  if (intent === "resend-invite") {
    await resendActivation(viewer, personId);
    return answer({});
  }
  if (intent === "add-contact" || intent === "add-restriction") {
    const parsed = intent === "add-contact" ? contactForm.safeParse(form) : restrictionForm.safeParse(form);
    if (!parsed.success) return answer(fieldErrors(parsed.error), 400);
    await addToPerson(viewer, personId, parsed.data.intent === "add-contact" ? { contact: parsed.data } : { restriction: parsed.data });
    return answer({});
  }
  if (intent === "remove-contact" || intent === "remove-restriction") {
    const parsed = removeForm.safeParse(form);
    if (!parsed.success) return answer({ form: "form.errorSummary" }, 400);
    await removeFromPerson(viewer, personId, parsed.data.intent === "remove-contact" ? "contact" : "restriction", parsed.data.id);
    return answer({});
  }
  const parsed = personEditForm.safeParse({ ...form, riskFlags: formData.has("riskFlags") ? formData.getAll("riskFlags").map(String) : undefined });
  if (!parsed.success) return answer(fieldErrors(parsed.error), 400);
  const result = await updatePerson(viewer, personId, parsed.data);
  if (!result.ok) return answer({ form: "form.stale" }, 409);
  return answer({});
}

export default function PersonRecord() {
  const t = useT();
  const locale = useLocale();
  const { person, days } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  // Errors and kept input belong to the form that was sent; after a good save, the record shows.
  const of = (intent: string) => (data?.intent === intent ? data : null);
  const err = (intent: string, field: string) => {
    const key = of(intent)?.errors[field];
    return key ? t(key) : undefined;
  };
  const kept = (intent: string, field: string, fallback: string) => {
    const sent = of(intent);
    return sent && !sent.saved ? (sent.values[field] ?? fallback) : fallback;
  };
  const day = (value: string | null) => (value ? value.slice(0, 10) : "");
  const edit = {
    preferredName: kept("edit", "preferredName", person.preferredName),
    fullName: kept("edit", "fullName", person.fullName ?? ""),
    fullNameLatin: kept("edit", "fullNameLatin", person.fullNameLatin ?? ""),
    birthDate: kept("edit", "birthDate", day(person.birthDate)),
    countryNow: kept("edit", "countryNow", person.countryNow ?? ""),
    cityNow: kept("edit", "cityNow", person.cityNow ?? ""),
    languages: kept("edit", "languages", person.languages.split(",").filter(Boolean).join(", ")),
    releaseDate: kept("edit", "releaseDate", day(person.releaseDate)),
    detentionPlace: kept("edit", "detentionPlace", person.detentionPlace ?? ""),
    riskFlags: kept("edit", "riskFlags", person.riskFlags).split(","),
  };
  // A new key after each answer, so that the fields show the record (or the kept input) anew.
  const formKey = `${person.version}-${data ? "answered" : "fresh"}-${data?.intent ?? ""}`;

  return (
    <section>
      <p className="role-badge">{person.caseCode}</p>
      <h1 className="pii">{person.preferredName}</h1>
      <dl className="facts">
        {person.fullName ? (
          <>
            <dt>{t("person.fullName")}</dt>
            <dd>
              <span className="pii">
                {person.fullName}
                {person.fullNameLatin ? ` / ${person.fullNameLatin}` : ""}
              </span>
            </dd>
          </>
        ) : null}
        <dt>{t("person.country")}</dt>
        <dd>{[person.countryNow, person.cityNow].filter(Boolean).join(", ") || "—"}</dd>
        <dt>{t("person.languages")}</dt>
        <dd>{person.languages || "—"}</dd>
        <dt>{t("person.release")}</dt>
        <dd>
          {person.releaseDate ? days[person.releaseDate] : "—"}
          {person.detentionPlace ? ` · ${person.detentionPlace}` : ""}
        </dd>
        {person.riskFlags ? (
          <>
            <dt>{t("person.riskFlags")}</dt>
            <dd className="warn">
              {person.riskFlags
                .split(",")
                .map((flag) => (RISK_FLAGS.includes(flag as "under_surveillance") ? t(`riskFlag.${flag as "under_surveillance"}`) : flag))
                .join(", ")}
            </dd>
          </>
        ) : null}
      </dl>

      <h2 id="contacts">{t("person.contacts")}</h2>
      <ul className="record-list">
        {person.contacts.map((contact) => (
          <li key={contact.id}>
            {t(`contactKind.${contact.kind}`)}: <span className="pii">{contact.value}</span>
            {contact.safeTimes ? ` (${contact.safeTimes})` : ""}
            <ActionButton intent="remove-contact" fields={{ id: contact.id }} label={t("person.remove")} />
          </li>
        ))}
      </ul>
      <SavingForm noValidate className="inline-form" key={`contact-${formKey}`} once="add-contact">
        <input type="hidden" name="intent" value="add-contact" />
        <SelectField name="kind" id="contact-kind" label={t("request.contactKind")} empty options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`contactKind.${k}`) }))} defaultValue={kept("add-contact", "kind", "")} error={err("add-contact", "kind")} />
        <Field name="value" id="contact-value" label={t("request.contactValue")} defaultValue={kept("add-contact", "value", "")} error={err("add-contact", "value")} />
        <Field name="safeTimes" id="contact-safe" label={t("request.safeTimes")} defaultValue={kept("add-contact", "safeTimes", "")} error={err("add-contact", "safeTimes")} />
        <button type="submit">{t("person.addContact")}</button>
      </SavingForm>

      <h2 id="restrictions">{t("person.restrictions")}</h2>
      <ul className="record-list">
        {person.restrictions.map((restriction) => (
          <li key={restriction.id}>
            {t(`restriction.${restriction.kind}`)}
            {restriction.until ? ` · ${t("person.until")} ${days[restriction.until]}` : ""}
            {restriction.note ? ` · ${restriction.note}` : ""}
            <ActionButton intent="remove-restriction" fields={{ id: restriction.id }} label={t("person.remove")} />
          </li>
        ))}
      </ul>
      <SavingForm noValidate className="inline-form" key={`restriction-${formKey}`} once="add-restriction">
        <input type="hidden" name="intent" value="add-restriction" />
        <SelectField name="kind" id="restriction-kind" label={t("person.restriction")} empty options={RESTRICTION_KINDS.map((k) => ({ value: k, label: t(`restriction.${k}`) }))} defaultValue={kept("add-restriction", "kind", "")} error={err("add-restriction", "kind")} />
        <Field name="until" id="restriction-until" type="date" label={t("person.restrictionUntil")} defaultValue={kept("add-restriction", "until", "")} error={err("add-restriction", "until")} />
        <Field name="note" id="restriction-note" label={t("person.restrictionNote")} defaultValue={kept("add-restriction", "note", "")} error={err("add-restriction", "note")} />
        <button type="submit">{t("person.addRestriction")}</button>
      </SavingForm>

      <h2>{t("person.consents")}</h2>
      <ul className="record-list">
        {person.consents.map((consent) => (
          <li key={consent.id}>
            {t(`consentPurpose.${consent.purpose}`)}
            {consent.recipientOrganization ? ` · ${consent.recipientOrganization.name}` : ""} · {days[consent.givenAt]}
            {consent.withdrawnAt ? ` · ${t("person.withdrawn")} ${days[consent.withdrawnAt]}` : ""}
          </li>
        ))}
      </ul>
      <h2>{t("case.title")}</h2>
      <ul>
        {person.cases.map((c) => (
          <li key={c.id}>
            <Link to={`/staff/cases/${c.id}`}>{t(`caseState.${c.status}`)}</Link>
          </li>
        ))}
      </ul>

      <h2 id="space">{t("invite.title")}</h2>
      {of("invite")?.saved || of("resend-invite")?.saved ? <p role="status">{t("invite.sent")}</p> : null}
      {person.account && person.account.status !== "invited" ? (
        <p>{t(person.account.status === "active" ? "invite.active" : "invite.disabled")}</p>
      ) : (
        <>
          <p className="muted">{person.account ? t("invite.waiting") : t("invite.lead")}</p>
          {person.account ? (
            <ActionButton intent="resend-invite" label={t("invite.resend")} />
          ) : (
            <Form method="post" noValidate className="narrow">
              <input type="hidden" name="intent" value="invite" />
              <Field name="email" id="invite-email" type="email" label={t("invite.email")} defaultValue={kept("invite", "email", "")} error={err("invite", "email")} required />
              <SelectField
                name="locale"
                id="invite-locale"
                label={t("invite.language")}
                options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
                defaultValue={kept("invite", "locale", locale)}
                error={err("invite", "locale")}
              />
              <button type="submit">{t("invite.send")}</button>
            </Form>
          )}
        </>
      )}

      <h2 id="edit">{t("person.editTitle")}</h2>
      {of("edit")?.saved ? <p role="status">{t("form.saved")}</p> : null}
      {of("edit")?.errors.form ? (
        <p className="form-error" role="alert">
          {t(of("edit")!.errors.form!)}
        </p>
      ) : null}
      <Form method="post" noValidate className="narrow" key={`edit-${formKey}`}>
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="version" value={person.version} />
        <Field name="preferredName" label={t("person.preferredName")} defaultValue={edit.preferredName} error={err("edit", "preferredName")} required />
        <Field name="fullName" label={t("person.fullName")} defaultValue={edit.fullName} error={err("edit", "fullName")} />
        <Field name="fullNameLatin" label={t("person.fullNameLatin")} defaultValue={edit.fullNameLatin} error={err("edit", "fullNameLatin")} />
        <Field name="birthDate" type="date" label={t("person.birthDate")} defaultValue={edit.birthDate} error={err("edit", "birthDate")} />
        <Field name="countryNow" label={t("request.country")} defaultValue={edit.countryNow} error={err("edit", "countryNow")} />
        <Field name="cityNow" label={t("person.city")} defaultValue={edit.cityNow} error={err("edit", "cityNow")} />
        <Field name="languages" label={t("person.languagesField")} defaultValue={edit.languages} error={err("edit", "languages")} />
        <Field name="releaseDate" type="date" label={t("person.releaseDate")} defaultValue={edit.releaseDate} error={err("edit", "releaseDate")} />
        <Field name="detentionPlace" label={t("person.detentionPlace")} defaultValue={edit.detentionPlace} error={err("edit", "detentionPlace")} />
        <fieldset className="field">
          <legend>{t("person.riskFlags")}</legend>
          <input type="hidden" name="riskFlags" value="" />
          {RISK_FLAGS.map((flag) => (
            <label key={flag} className="check">
              <input type="checkbox" name="riskFlags" value={flag} defaultChecked={edit.riskFlags.includes(flag)} /> {t(`riskFlag.${flag}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          {t("form.save")}
        </button>
      </Form>
    </section>
  );
}
