// The partner directory for administrators: organisations and their services, with where they
// serve, languages, capacity and whether they are open now.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { SelectField } from "~/components/select-field";
import { pageTitle } from "~/i18n/meta";
import { trackName } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { directoryAdminForm, SERVICE_STATUSES } from "~/partners/directory-forms";
import { addOrganization, addService, directory, setServiceState } from "~/partners/directory.server";
import { activeTracks } from "~/requests/requests.server";
import { readForm } from "~/http/form.server";
import { saveOnce } from "~/http/sent-once.server";
import { SavingForm } from "~/components/saving-form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "directory.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "admin");
  const [organizations, tracks] = await Promise.all([directory(), activeTracks()]);
  return json({ organizations, tracks });
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string>; done: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireArea(request, "admin");
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const intent = values.intent ?? "";
  return saveOnce(request, form, admin.accountId, async () => {
    const parsed = directoryAdminForm.safeParse(values);
    if (!parsed.success) return json<ActionData>({ intent, errors: fieldErrors(parsed.error), values, done: false }, { status: 400 });
    if (parsed.data.intent === "add-organization") await addOrganization(admin, parsed.data);
    else if (parsed.data.intent === "add-service") await addService(admin, parsed.data);
    else if (!(await setServiceState(admin, parsed.data))) return json<ActionData>({ intent, errors: { form: "form.stale" }, values, done: false }, { status: 409 });
    return json<ActionData>({ intent, errors: {}, values: {}, done: true });
  });
}

export default function AdminPartners() {
  const t = useT();
  const locale = useLocale();
  const { organizations, tracks } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const err = (intent: string, field: string) => (data?.intent === intent && data.errors[field] ? t(data.errors[field]) : undefined);
  const val = (intent: string, field: string, fallback = "") => (data?.intent === intent && !data.done ? (data.values[field] ?? fallback) : fallback);
  return (
    <section>
      <h1>{t("directory.title")}</h1>
      <p>
        <Link to="/admin/partners/hsds">{t("hsds.link")}</Link>
      </p>
      {data?.done ? <p role="status">{t("form.saved")}</p> : null}
      {data?.errors.form ? (
        <p className="form-error" role="alert">
          {t(data.errors.form)}
        </p>
      ) : null}

      {organizations.map((organization) => (
        <article key={organization.id} className="case-section">
          <h2>{organization.name}</h2>
          {organization.website ? <p className="muted">{organization.website}</p> : null}
          <table className="table">
            <tbody>
              {organization.services.map((service) => (
                <tr key={service.id}>
                  <td>
                    <strong>{service.name}</strong>
                    <br />
                    <span className="muted">
                      {trackName(service.track, locale)} · {service.areas.map((a) => [a.country, a.city].filter(Boolean).join(" ")).join(", ")} · {service.languages}
                    </span>
                  </td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="service-state" />
                      <input type="hidden" name="serviceId" value={service.id} />
                      <input type="hidden" name="version" value={service.version} />
                      <SelectField name="status" id={`status-${service.id}`} label={t("directory.status")} options={SERVICE_STATUSES.map((s) => ({ value: s, label: t(`serviceStatus.${s}`) }))} defaultValue={service.status} />
                      <Field name="capacity" id={`capacity-${service.id}`} type="number" min={0} label={t("directory.capacity")} defaultValue={String(service.capacities[0]?.available ?? 0)} />
                      <button type="submit">{t("form.save")}</button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ))}

      <h2>{t("directory.addService")}</h2>
      <SavingForm className="narrow-wide" noValidate once="add-service">
        <input type="hidden" name="intent" value="add-service" />
        <SelectField name="organizationId" id="service-organization" label={t("role.partner")} empty options={organizations.map((o) => ({ value: o.id, label: o.name }))} defaultValue={val("add-service", "organizationId")} error={err("add-service", "organizationId")} />
        <SelectField name="trackId" id="service-track" label={t("search.track")} empty options={tracks.map((track) => ({ value: track.id, label: trackName(track, locale) }))} defaultValue={val("add-service", "trackId")} error={err("add-service", "trackId")} />
        <Field name="name" id="service-name" label={t("directory.serviceName")} defaultValue={val("add-service", "name")} error={err("add-service", "name")} />
        <Field name="countries" id="service-countries" label={t("directory.countries")} defaultValue={val("add-service", "countries")} error={err("add-service", "countries")} />
        <Field name="languages" id="service-languages" label={t("directory.languages")} defaultValue={val("add-service", "languages")} error={err("add-service", "languages")} />
        <Field name="eligibility" id="service-eligibility" label={t("directory.eligibility")} defaultValue={val("add-service", "eligibility")} error={err("add-service", "eligibility")} />
        <Field name="capacity" id="service-capacity" type="number" min={0} label={t("directory.capacity")} defaultValue={val("add-service", "capacity", "0")} error={err("add-service", "capacity")} />
        <Field name="responseDays" id="service-days" type="number" min={1} label={t("directory.responseDays")} defaultValue={val("add-service", "responseDays", "5")} error={err("add-service", "responseDays")} />
        <button type="submit" className="primary">
          {t("directory.addService")}
        </button>
      </SavingForm>

      <h2>{t("directory.addOrganization")}</h2>
      <SavingForm className="narrow" noValidate once="add-organization">
        <input type="hidden" name="intent" value="add-organization" />
        <Field name="name" id="organization-name" label={t("directory.organizationName")} defaultValue={val("add-organization", "name")} error={err("add-organization", "name")} />
        <Field name="description" id="organization-description" label={t("directory.description")} defaultValue={val("add-organization", "description")} error={err("add-organization", "description")} />
        <Field name="website" id="organization-website" label={t("directory.website")} defaultValue={val("add-organization", "website")} error={err("add-organization", "website")} />
        <Field name="email" id="organization-email" type="email" label={t("login.email")} defaultValue={val("add-organization", "email")} error={err("add-organization", "email")} />
        <button type="submit" className="primary">
          {t("directory.addOrganization")}
        </button>
      </SavingForm>
    </section>
  );
}
