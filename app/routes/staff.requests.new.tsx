// A help request entered by staff after a call or a message.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { Field, TextAreaField } from "~/components/field";
import { SavingForm } from "~/components/saving-form";
import { saveOnce } from "~/http/sent-once.server";
import { SelectField } from "~/components/select-field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { LOCALE_NAMES, LOCALES } from "~/i18n/catalogue";
import { trackName } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { CONTACT_KINDS, enterRequestForm, URGENCIES } from "~/requests/request-forms";
import { activeTracks, enterRequest } from "~/requests/requests.server";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "triage.enter");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "staff");
  return json({ tracks: await activeTracks() });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const data = await readForm(request);
  const form = { ...Object.fromEntries(data), trackIds: data.getAll("trackIds").map(String) };
  return saveOnce(request, data, viewer.accountId, async () => {
    const parsed = enterRequestForm.safeParse(form);
    if (!parsed.success) {
      const { trackIds: _t, ...values } = form;
      return json({ errors: fieldErrors(parsed.error) as FieldErrors, values: values as Record<string, string>, trackIds: form.trackIds }, { status: 400 });
    }
    const id = await enterRequest(viewer, parsed.data);
    return redirect(`/staff/requests/${id}`);
  });
}

export default function EnterRequest() {
  const t = useT();
  const locale = useLocale();
  const { tracks } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors ?? {};
  const v = (name: string) => data?.values[name] ?? "";
  return (
    <section className="narrow-wide">
      <h1>{t("triage.enter")}</h1>
      <SavingForm noValidate once="enter-request">
        <Field name="preferredName" label={t("person.preferredName")} defaultValue={v("preferredName")} error={errors.preferredName && t(errors.preferredName)} required />
        <SelectField
          name="contactKind"
          label={t("request.contactKind")}
          options={CONTACT_KINDS.map((kind) => ({ value: kind, label: t(`contactKind.${kind}`) }))}
          defaultValue={v("contactKind") || "signal"}
          error={errors.contactKind && t(errors.contactKind)}
        />
        <Field name="contactValue" label={t("request.contactValue")} defaultValue={v("contactValue")} error={errors.contactValue && t(errors.contactValue)} required />
        <Field name="safeTimes" label={t("request.safeTimes")} defaultValue={v("safeTimes")} error={errors.safeTimes && t(errors.safeTimes)} />
        <Field name="country" label={t("request.country")} defaultValue={v("country")} maxLength={2} error={errors.country && t(errors.country)} />
        <SelectField name="language" label={t("lang.label")} options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))} defaultValue={v("language") || locale} />
        <SelectField name="urgency" label={t("request.urgency")} options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} defaultValue={v("urgency") || "normal"} />
        <fieldset className="field">
          <legend>{t("request.tracks")}</legend>
          {tracks.map((track) => (
            <label key={track.id} className="check">
              <input type="checkbox" name="trackIds" value={track.id} defaultChecked={data?.trackIds.includes(track.id)} /> {trackName(track, locale)}
            </label>
          ))}
        </fieldset>
        <TextAreaField name="message" rows={5} label={t("request.message")} defaultValue={v("message")} error={errors.message && t(errors.message)} />
        <button type="submit" className="primary">
          {t("triage.enterSubmit")}
        </button>
      </SavingForm>
    </section>
  );
}
