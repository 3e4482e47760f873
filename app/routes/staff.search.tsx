// Finding a person: by case code, by name in any script or spelling, or by a contact.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { caseworkerChoices } from "~/cases/cases.server";
import { NumberedPager } from "~/components/pager";
import { Field } from "~/components/field";
import { SelectField } from "~/components/select-field";
import { pageTitle } from "~/i18n/meta";
import { trackName } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { searchForm, searchPersons } from "~/persons/search.server";
import { activeTracks } from "~/requests/requests.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "search.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const query = searchForm.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [results, tracks, caseworkers] = await Promise.all([searchPersons(viewer, query), activeTracks(), caseworkerChoices()]);
  return json({ results, tracks, caseworkers });
}

export default function Search() {
  const t = useT();
  const locale = useLocale();
  const { results, tracks, caseworkers } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const searched = [...params.values()].some(Boolean);
  return (
    <section>
      <h1>{t("search.title")}</h1>
      <Form method="get" className="filters" role="search">
        <Field name="q" type="search" label={t("search.query")} defaultValue={params.get("q") ?? ""} />
        <SelectField
          name="track"
          label={t("search.track")}
          empty
          options={tracks.map((track) => ({ value: track.id, label: trackName(track, locale) }))}
          defaultValue={params.get("track") ?? ""}
        />
        <SelectField
          name="status"
          label={t("caseload.status")}
          empty
          options={(["open", "active", "on_hold", "closed"] as const).map((s) => ({ value: s, label: t(`caseState.${s}`) }))}
          defaultValue={params.get("status") ?? ""}
        />
        <SelectField
          name="caseworker"
          label={t("role.caseworker")}
          empty
          options={caseworkers.map((a) => ({ value: a.id, label: a.displayName }))}
          defaultValue={params.get("caseworker") ?? ""}
        />
        <Field name="country" label={t("request.country")} defaultValue={params.get("country") ?? ""} maxLength={2} />
        <button type="submit" className="primary">
          {t("search.submit")}
        </button>
      </Form>
      {searched && results.total === 0 ? <p>{t("search.none")}</p> : null}
      {results.total > 0 ? <p>{t("paging.total", { count: results.more ? `${results.total}+` : String(results.total) })}</p> : null}
      {results.more ? <p className="hint">{t("search.more")}</p> : null}
      <ul className="record-list">
        {results.items.map((r) => (
          <li key={r.id}>
            <Link to={`/staff/persons/${r.id}`}>{r.caseCode}</Link> · {r.preferredName}
            {r.countryNow ? ` · ${r.countryNow}` : ""}
            {r.latestCase ? (
              <>
                {" · "}
                <Link to={`/staff/cases/${r.latestCase.id}`}>{t(`caseState.${r.latestCase.status}`)}</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <NumberedPager page={results.page} pages={results.pages} />
    </section>
  );
}
