// Finding a person: by case code, by name in any script or spelling, or by a contact. The words
// go by POST and are kept on the server; the address holds an opaque id (saved-search.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { caseworkerChoices } from "~/cases/cases.server";
import { NumberedPager } from "~/components/pager";
import { Field } from "~/components/field";
import { SelectField } from "~/components/select-field";
import { pageTitle } from "~/i18n/meta";
import { trackName } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { searchForm, searchPersons } from "~/persons/search.server";
import { savedSearch, saveSearch, type SavedQuery } from "~/persons/saved-search.server";
import { readForm } from "~/http/form.server";
import { activeTracks } from "~/requests/requests.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "search.title");

const EMPTY: SavedQuery = { q: "" };
const WORDS = ["q", "track", "status", "caseworker", "country"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const params = new URL(request.url).searchParams;
  // The form never puts words in the address; one that has them (a bookmark, a typed address)
  // is searched as it is: a GET writes nothing (SECURITY.md), so nothing is saved for it.
  const id = params.get("s");
  const { page: _page, ...inAddress } = searchForm.parse(Object.fromEntries(params));
  const saved = id ? await savedSearch(viewer, id) : WORDS.some((field) => inAddress[field]) ? inAddress : null;
  const { page } = searchForm.parse({ page: params.get("page") ?? undefined });
  const [results, tracks, caseworkers] = await Promise.all([
    saved ? searchPersons(viewer, { ...saved, page }) : Promise.resolve(null),
    activeTracks(),
    caseworkerChoices(),
  ]);
  return json({ results, tracks, caseworkers, query: saved ?? EMPTY, expired: Boolean(id) && !saved });
}

/** The form is sent by POST, so its words never enter an address; the answer is the saved search's. */
export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const { page: _page, ...query } = searchForm.parse(Object.fromEntries(await readForm(request)));
  if (!WORDS.some((field) => query[field])) return redirect("/staff/search");
  return redirect(`/staff/search?s=${await saveSearch(viewer, query)}`);
}

export default function Search() {
  const t = useT();
  const locale = useLocale();
  const { results, tracks, caseworkers, query, expired } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("search.title")}</h1>
      {expired ? <p className="hint">{t("search.expired")}</p> : null}
      <Form method="post" className="filters" role="search">
        <Field name="q" type="search" label={t("search.query")} defaultValue={query.q ?? ""} />
        <SelectField
          name="track"
          label={t("search.track")}
          empty
          options={tracks.map((track) => ({ value: track.id, label: trackName(track, locale) }))}
          defaultValue={query.track ?? ""}
        />
        <SelectField
          name="status"
          label={t("caseload.status")}
          empty
          options={(["open", "active", "on_hold", "closed"] as const).map((s) => ({ value: s, label: t(`caseState.${s}`) }))}
          defaultValue={query.status ?? ""}
        />
        <SelectField
          name="caseworker"
          label={t("role.caseworker")}
          empty
          options={caseworkers.map((a) => ({ value: a.id, label: a.displayName }))}
          defaultValue={query.caseworker ?? ""}
        />
        <Field name="country" label={t("request.country")} defaultValue={query.country ?? ""} maxLength={2} />
        <button type="submit" className="primary">
          {t("search.submit")}
        </button>
      </Form>
      {results && results.total === 0 ? <p>{t("search.none")}</p> : null}
      {results && results.total > 0 ? <p>{t("paging.total", { count: results.more ? `${results.total}+` : String(results.total) })}</p> : null}
      {results?.more ? <p className="hint">{t("search.more")}</p> : null}
      <ul className="record-list">
        {(results?.items ?? []).map((r) => (
          <li key={r.id}>
            <Link to={`/staff/persons/${r.id}`}>{r.caseCode}</Link> · <span className="pii">{r.preferredName}</span>
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
      {results ? <NumberedPager page={results.page} pages={results.pages} /> : null}
    </section>
  );
}
