// Triage of one request: what the person asked, the persons on file it resembles (and why),
// and the decision: a new case, an existing person's case, declined, or a duplicate.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { ActionButton } from "~/components/action-button";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { countryName, languageName } from "~/i18n/display-names";
import { localeFor } from "~/i18n/locale.server";
import { trackName } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { DECLINE_REASONS, takeForm, triageForm } from "~/requests/request-forms";
import { mayOpenCase, requestForTriage, takeRequest, triage } from "~/requests/requests.server";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "triage.requestTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const [found, locale] = await Promise.all([requestForTriage(viewer, params.requestId ?? ""), localeFor(request)]);
  // Language and country named here, not in the browser (whose names may differ from the server's).
  return json({ ...found, names: { language: languageName(found.request.language, locale), country: found.request.country && countryName(found.request.country, locale) } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const form = Object.fromEntries(await readForm(request));
  const taking = takeForm.safeParse(form);
  if (taking.success) {
    const taken = await takeRequest(viewer, params.requestId ?? "", taking.data.intent, taking.data.version);
    if (!taken.ok) return json({ errors: { form: "form.stale" } as FieldErrors }, { status: 409 });
    return redirect(`/staff/requests/${params.requestId ?? ""}`);
  }
  const parsed = triageForm.safeParse(form);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) as FieldErrors }, { status: 400 });
  const result = await triage(viewer, params.requestId ?? "", parsed.data);
  if (!result.ok && result.problem === "triage.fullNameLooksLike") {
    const { duplicates, duplicatesOutOfSight } = result;
    return json({ errors: { fullName: result.problem } as FieldErrors, lookalikes: { duplicates, duplicatesOutOfSight }, fullName: parsed.data.intent === "accept-new" ? parsed.data.fullName : "" }, { status: 409 });
  }
  if (!result.ok) return json({ errors: { form: result.problem } as FieldErrors }, { status: result.problem === "form.stale" ? 409 : 400 });
  if (result.caseId && (await mayOpenCase(viewer, result.caseId))) return redirect(`/staff/cases/${result.caseId}`);
  return redirect("/staff/requests");
}

export default function TriageRequest() {
  const t = useT();
  const locale = useLocale();
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors = answer?.errors ?? {};
  // After a full name that resembles someone on file, its look-alikes are the ones to show.
  const checked = answer as { lookalikes?: Pick<typeof loaded, "duplicates" | "duplicatesOutOfSight">; fullName?: string } | undefined;
  const lookalikes = checked?.lookalikes ?? null;
  const { request, names } = loaded;
  const { duplicates, duplicatesOutOfSight } = lookalikes ?? loaded;
  const open = request.status === "in_triage" || request.status === "new";
  return (
    <section>
      <h1>
        {t("triage.requestTitle")} {request.code}
      </h1>
      <dl className="facts">
        <dt>{t("person.preferredName")}</dt>
        <dd className="pii">{request.preferredName}</dd>
        <dt>{t("request.contactValue")}</dt>
        <dd>
          {t(`contactKind.${request.contactKind}`)}: <span className="pii">{request.contactValue}</span>
          {request.safeTimes ? ` (${request.safeTimes})` : ""}
        </dd>
        <dt>{t("request.country")}</dt>
        <dd>{names.country ?? "—"}</dd>
        <dt>{t("lang.label")}</dt>
        <dd>{names.language}</dd>
        <dt>{t("request.urgency")}</dt>
        <dd>{t(`urgency.${request.urgency}`)}</dd>
        <dt>{t("request.tracks")}</dt>
        <dd>{request.tracks.map((x) => trackName(x.track, locale)).join(", ") || "—"}</dd>
        <dt>{t("request.status")}</dt>
        <dd>
          {t(`requestStatus.${request.status}`)}
          {request.status === "in_triage" && request.triagedBy ? ` · ${t("triage.takenBy", { name: request.triagedBy.displayName })}` : ""}
          {open ? (
            <ActionButton
              intent={request.status === "new" ? "take" : "release"}
              fields={{ version: request.version }}
              label={request.status === "new" ? t("triage.take") : t("triage.release")}
            />
          ) : null}
        </dd>
      </dl>
      {request.message ? (
        <p className="quote" lang={request.language}>
          {request.message}
        </p>
      ) : null}

      {errors.form ? (
        <p className="form-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}

      {open ? (
        <>
          <h2>{t("triage.duplicatesTitle")}</h2>
          {duplicatesOutOfSight ? <p className="warn">{t("triage.duplicatesOutOfSight")}</p> : null}
          {duplicates.length === 0 ? (
            duplicatesOutOfSight ? null : <p>{t("triage.noDuplicates")}</p>
          ) : (
            <ul className="record-list duplicates" aria-live="polite">
              {duplicates.map((d) => (
                <li key={d.personId}>
                  <Link to={`/staff/persons/${d.personId}`}>{d.caseCode}</Link> · <span className="pii">{d.preferredName}</span> —{" "}
                  {d.reasons.map((r) => t(`duplicate.${r}`)).join(", ")}
                  <ActionButton intent="accept-existing" fields={{ version: request.version, personId: d.personId }} label={t("triage.acceptExisting")} />
                </li>
              ))}
            </ul>
          )}

          <h2>{t("triage.acceptNew")}</h2>
          <Form method="post" className="narrow">
            <input type="hidden" name="intent" value="accept-new" />
            <input type="hidden" name="version" value={request.version} />
            <Field name="fullName" label={t("triage.fullNameOptional")} defaultValue={checked?.fullName} error={errors.fullName && t(errors.fullName)} />
            {lookalikes ? (
              <div className="field checkbox">
                <label>
                  <input type="checkbox" name="confirmNew" value="1" /> {t("triage.confirmNew")}
                </label>
              </div>
            ) : null}
            <button type="submit" className="primary">
              {t("triage.acceptNewSubmit")}
            </button>
          </Form>

          <h2>{t("triage.declineTitle")}</h2>
          <Form method="post" className="narrow">
            <input type="hidden" name="intent" value="decline" />
            <input type="hidden" name="version" value={request.version} />
            <div className="field">
              <label htmlFor="reason">{t("triage.reason")}</label>
              <select id="reason" name="reason" defaultValue="">
                <option value="">—</option>
                {DECLINE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`declineReason.${r}`)}
                  </option>
                ))}
              </select>
              {errors.reason ? <p className="field-error">{t(errors.reason)}</p> : null}
            </div>
            <button type="submit">{t("triage.declineSubmit")}</button>
          </Form>

          <h2>{t("triage.duplicateTitle")}</h2>
          <Form method="post" className="narrow">
            <input type="hidden" name="intent" value="duplicate" />
            <input type="hidden" name="version" value={request.version} />
            <Field name="duplicateOfCode" label={t("triage.duplicateOf")} error={errors.duplicateOfCode && t(errors.duplicateOfCode)} />
            <button type="submit">{t("triage.duplicateSubmit")}</button>
          </Form>
        </>
      ) : request.caseId ? (
        <p>
          <Link to={`/staff/cases/${request.caseId}`}>{t("case.title")}</Link>
        </p>
      ) : null}
    </section>
  );
}
