// Funding sources for administrators: each grant or the organisation's own funds, with its
// budget, what approved and paid support takes of it and what is left; a form to add one and,
// per source, one to change its period, budget, threshold, track or whether it is open.
import type { ReactNode } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { allFundingSources, saveFundingSource } from "~/assistance/funding-sources.server";
import { decimalAmount, moneyText } from "~/assistance/money";
import { requireArea } from "~/auth/session.server";
import { Field } from "~/components/field";
import type { FieldErrors } from "~/components/forms";
import { SavingForm } from "~/components/saving-form";
import { SelectField } from "~/components/select-field";
import { readForm } from "~/http/form.server";
import { saveOnce } from "~/http/sent-once.server";
import { pageTitle } from "~/i18n/meta";
import { trackName, type NamedTrack } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { activeTracks } from "~/requests/requests.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "funding.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "admin");
  const [sources, tracks] = await Promise.all([allFundingSources(), activeTracks()]);
  return json({ sources, tracks });
}

type ActionData = {
  form: string;
  errors: FieldErrors;
  values: Record<string, string>;
  done: boolean;
};

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireArea(request, "admin");
  const sent = await readForm(request);
  const values = Object.fromEntries([...sent.entries()].map(([k, v]) => [k, String(v)]));
  const form = values.sourceId || "new";
  return saveOnce(request, sent, admin.accountId, async () => {
    const answer = await saveFundingSource(admin, values);
    if (!answer.ok) return json<ActionData>({ form, errors: answer.errors, values, done: false }, { status: answer.status });
    return json<ActionData>({ form, errors: {}, values: {}, done: true });
  });
}

type Source = Awaited<ReturnType<typeof allFundingSources>>[number];

export default function AdminFunding() {
  const t = useT();
  const locale = useLocale();
  const { sources, tracks } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const err = (form: string, field: string) => (data?.form === form && data.errors[field] ? t(data.errors[field]) : undefined);
  const val = (form: string, field: string, fallback: string) => (data?.form === form && !data.done ? data.values[field] ?? fallback : fallback);
  const answered = `${data ? "a" : "f"}${data?.done ? "d" : ""}`;
  const money = (source: Pick<Source, "currency">, minor: number) => moneyText(minor, source.currency, locale);
  return (
    <section>
      <h1>{t("funding.title")}</h1>
      <p className="lead">{t("funding.lead")}</p>
      {data?.done ? <p role="status">{t("form.saved")}</p> : null}
      {sources.map((source) => (
        <article key={`${source.id}-${source.version}-${answered}`} className="case-section" id={`source-${source.id}`}>
          <h2>
            {source.name} {source.active ? null : <span className="muted">({t("funding.closed")})</span>}
          </h2>
          <dl className="facts">
            <dt>{t("funding.budget")}</dt>
            <dd>{money(source, source.budgetMinor)}</dd>
            <dt>{t("funding.committed")}</dt>
            <dd>{money(source, source.committedMinor)}</dd>
            <dt>{t("funding.paid")}</dt>
            <dd>{money(source, source.paidMinor)}</dd>
            <dt>{t("funding.left")}</dt>
            <dd>{money(source, source.budgetMinor - source.committedMinor)}</dd>
          </dl>
          {err(source.id, "form") ? (
            <p className="form-error" role="alert">
              {err(source.id, "form")}
            </p>
          ) : null}
          <details className="add-form" open={data?.form === source.id && !data.done}>
            <summary>{t("funding.change")}</summary>
            <Form method="post" noValidate className="narrow">
              <input type="hidden" name="sourceId" value={source.id} />
              <input type="hidden" name="version" value={source.version} />
              <SourceFields id={source.id} source={source} tracks={tracks} value={(field, fallback) => val(source.id, field, fallback)} error={(field) => err(source.id, field)} />
              <label className="check">
                <input type="checkbox" name="active" defaultChecked={source.active} /> {t("funding.open")}
              </label>
              <button type="submit">{t("form.save")}</button>
            </Form>
          </details>
        </article>
      ))}
      <h2>{t("funding.addTitle")}</h2>
      <SavingForm noValidate className="narrow" key={`new-${answered}`} once="add-source">
        <SourceFields id="new" tracks={tracks} value={(field, fallback) => val("new", field, fallback)} error={(field) => err("new", field)}>
          <Field name="currency" id="new-currency" label={t("assistance.currency")} maxLength={3} defaultValue={val("new", "currency", "EUR")} error={err("new", "currency")} />
        </SourceFields>
        <input type="hidden" name="active" value="on" />
        <button type="submit" className="primary">
          {t("funding.add")}
        </button>
      </SavingForm>
    </section>
  );
}

type FieldsProps = {
  id: string;
  source?: Source;
  tracks: (NamedTrack & { id: string })[];
  value: (field: string, fallback: string) => string;
  error: (field: string) => string | undefined;
  /** Fields only a new source has (its currency), after its name. */
  children?: ReactNode;
};

/** The fields a source is made and changed with; amounts in its currency's units. */
function SourceFields({ id, source, tracks, value, error, children }: FieldsProps) {
  const t = useT();
  const locale = useLocale();
  const year = new Date().getUTCFullYear();
  const amount = (minor: number | undefined) => (source && minor !== undefined ? decimalAmount(minor, source.currency) : "");
  return (
    <>
      <Field name="name" id={`${id}-name`} label={t("funding.name")} defaultValue={value("name", source?.name ?? "")} error={error("name")} />
      {children}
      <Field name="startsOn" id={`${id}-starts`} type="date" label={t("funding.startsOn")} defaultValue={value("startsOn", source?.startsOn ?? `${year}-01-01`)} error={error("startsOn")} />
      <Field name="endsOn" id={`${id}-ends`} type="date" label={t("funding.endsOn")} defaultValue={value("endsOn", source?.endsOn ?? `${year}-12-31`)} error={error("endsOn")} />
      <Field name="budget" id={`${id}-budget`} inputMode="decimal" label={t("funding.budget")} defaultValue={value("budget", amount(source?.budgetMinor))} error={error("budget")} />
      <Field
        name="threshold"
        id={`${id}-threshold`}
        inputMode="decimal"
        label={t("funding.threshold")}
        defaultValue={value("threshold", amount(source?.approvalThresholdMinor))}
        error={error("threshold")}
      />
      <SelectField
        name="trackId"
        id={`${id}-track`}
        label={t("funding.track")}
        empty
        options={tracks.map((track) => ({
          value: track.id,
          label: trackName(track, locale),
        }))}
        defaultValue={value("trackId", source?.trackId ?? "")}
        error={error("trackId")}
      />
    </>
  );
}
