// A person's record: read, and a first edit form that refuses stale saves and keeps the input.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { inviteClientForm } from "~/accounts/account-forms";
import { inviteClient, resendActivation } from "~/accounts/accounts.server";
import { requireArea } from "~/auth/session.server";
import { Field } from "~/components/field";
import { SelectField } from "~/components/select-field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { LOCALE_NAMES, LOCALES } from "~/i18n/catalogue";
import { useLocale, useT } from "~/i18n/use-t";
import { personEditForm } from "~/persons/person-form";
import { updatePerson, viewPerson } from "~/persons/persons.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "person.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  return json({ person: await viewPerson(viewer, params.personId ?? "") });
}

type ActionData = { intent?: "invite" | "resend-invite"; errors: FieldErrors; values: Record<string, string>; saved?: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "invite") {
    const values = { email: String(form.email ?? ""), locale: String(form.locale ?? "") };
    const parsed = inviteClientForm.safeParse(form);
    if (!parsed.success) return json<ActionData>({ intent: "invite", errors: fieldErrors(parsed.error), values }, { status: 400 });
    await inviteClient(viewer, params.personId ?? "", parsed.data.email, parsed.data.locale);
    return json<ActionData>({ intent: "invite", errors: {}, values, saved: true });
  }
  if (form.intent === "resend-invite") {
    await resendActivation(viewer, params.personId ?? "");
    return json<ActionData>({ intent: "resend-invite", errors: {}, values: {}, saved: true });
  }
  const values = { preferredName: String(form.preferredName ?? ""), cityNow: String(form.cityNow ?? "") };
  const parsed = personEditForm.safeParse(form);
  if (!parsed.success) return json<ActionData>({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await updatePerson(viewer, params.personId ?? "", parsed.data);
  if (!result.ok) return json<ActionData>({ errors: { form: "form.stale" }, values }, { status: 409 });
  return json<ActionData>({ errors: {}, values, saved: true });
}

export default function PersonRecord() {
  const t = useT();
  const { person } = useLoaderData<typeof loader>();
  const locale = useLocale();
  const result = useActionData<typeof action>();
  const invite = result?.intent ? result : null;
  const data = result?.intent ? undefined : result;
  const errors = data?.errors ?? {};
  // After a refused save the person's own input stays on the page; after a good one, the record's.
  const values = data && !data.saved ? data.values : { preferredName: person.preferredName, cityNow: person.cityNow ?? "" };
  const inviteError = (field: string) => (invite?.errors[field] ? t(invite.errors[field]) : undefined);
  return (
    <section>
      <p className="role-badge">{person.caseCode}</p>
      <h1>{person.preferredName}</h1>
      <dl className="facts">
        {person.fullName ? (
          <>
            <dt>{t("person.fullName")}</dt>
            <dd>
              {person.fullName}
              {person.fullNameLatin ? ` / ${person.fullNameLatin}` : ""}
            </dd>
          </>
        ) : null}
        <dt>{t("person.country")}</dt>
        <dd>{[person.countryNow, person.cityNow].filter(Boolean).join(", ") || "—"}</dd>
        <dt>{t("person.languages")}</dt>
        <dd>{person.languages || "—"}</dd>
        <dt>{t("person.release")}</dt>
        <dd>
          {person.releaseDate ? person.releaseDate.slice(0, 10) : "—"}
          {person.detentionPlace ? ` · ${person.detentionPlace}` : ""}
        </dd>
        {person.riskFlags ? (
          <>
            <dt>{t("person.riskFlags")}</dt>
            <dd className="warn">{person.riskFlags}</dd>
          </>
        ) : null}
        {person.restrictions.map((restriction) => (
          <div key={restriction.id} className="fact-row">
            <dt>{t("person.restriction")}</dt>
            <dd>
              {t(`restriction.${restriction.kind}`)}
              {restriction.until ? ` · ${t("person.until")} ${restriction.until.slice(0, 10)}` : ""}
              {restriction.note ? ` · ${restriction.note}` : ""}
            </dd>
          </div>
        ))}
        {person.contacts.map((contact) => (
          <div key={contact.kind + contact.value} className="fact-row">
            <dt>{t("person.contact")}</dt>
            <dd>
              {contact.kind}: {contact.value}
              {contact.safeTimes ? ` (${contact.safeTimes})` : ""}
            </dd>
          </div>
        ))}
      </dl>
      <h2>{t("person.consents")}</h2>
      <ul className="record-list">
        {person.consents.map((consent) => (
          <li key={consent.id}>
            {t(`consentPurpose.${consent.purpose}`)}
            {consent.recipientOrganization ? ` · ${consent.recipientOrganization.name}` : ""} · {consent.givenAt.slice(0, 10)}
            {consent.withdrawnAt ? ` · ${t("person.withdrawn")} ${consent.withdrawnAt.slice(0, 10)}` : ""}
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
      {invite?.saved ? <p role="status">{t("invite.sent")}</p> : null}
      {person.account && person.account.status !== "invited" ? (
        <p>{t(person.account.status === "active" ? "invite.active" : "invite.disabled")}</p>
      ) : (
        <>
          <p className="muted">{person.account ? t("invite.waiting") : t("invite.lead")}</p>
          {person.account ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="resend-invite" />
              <button type="submit">{t("invite.resend")}</button>
            </Form>
          ) : (
            <Form method="post" noValidate className="narrow">
              <input type="hidden" name="intent" value="invite" />
              <Field name="email" id="invite-email" type="email" label={t("invite.email")} defaultValue={invite && !invite.saved ? invite.values.email : ""} error={inviteError("email")} required />
              <SelectField
                name="locale"
                id="invite-locale"
                label={t("invite.language")}
                options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
                defaultValue={invite?.values.locale ?? locale}
                error={inviteError("locale")}
              />
              <button type="submit">{t("invite.send")}</button>
            </Form>
          )}
        </>
      )}

      <h2>{t("person.editTitle")}</h2>
      {data?.saved ? <p role="status">{t("form.saved")}</p> : null}
      {errors.form ? (
        <p className="form-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}
      <Form method="post" noValidate className="narrow">
        <input type="hidden" name="version" value={person.version} />
        <Field name="preferredName" label={t("person.preferredName")} defaultValue={values.preferredName} key={`p${person.version}${data ? "d" : ""}`} error={errors.preferredName ? t(errors.preferredName) : undefined} required />
        <Field name="cityNow" label={t("person.city")} defaultValue={values.cityNow} key={`c${person.version}${data ? "d" : ""}`} error={errors.cityNow ? t(errors.cityNow) : undefined} />
        <button type="submit" className="primary">
          {t("form.save")}
        </button>
      </Form>
    </section>
  );
}
