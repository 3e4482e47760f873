// Referrals that wait on a partner (flagged by the reminders: not answered in time, or no
// update for 30 days), the longest first, with filters; the overview's tile links here.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { mayAssignCases } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { caseworkerChoices } from "~/cases/cases.server";
import { countText, Pager } from "~/components/pager";
import { SelectField } from "~/components/select-field";
import { COUNT_CAP } from "~/db/paging";
import { pageTitle } from "~/i18n/meta";
import { trackName } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { partnerChoices } from "~/partners/directory.server";
import { WAITING_FOR, waitingFilter } from "~/referrals/referral-forms";
import { waitingReferrals } from "~/referrals/waiting.server";
import { activeTracks } from "~/requests/requests.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "waiting.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const filter = waitingFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [referrals, tracks, partners, caseworkers] = await Promise.all([
    waitingReferrals(viewer, filter),
    activeTracks(),
    partnerChoices(),
    mayAssignCases(viewer) ? caseworkerChoices() : Promise.resolve([]),
  ]);
  return json({ referrals, tracks, partners, caseworkers, countCap: COUNT_CAP });
}

export default function WaitingReferrals() {
  const t = useT();
  const locale = useLocale();
  const { referrals, tracks, partners, caseworkers, countCap } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const choice = (name: string, label: string, options: { value: string | number; label: string }[]) => (
    <SelectField name={name} label={label} empty options={options.map((o) => ({ value: String(o.value), label: o.label }))} defaultValue={params.get(name) ?? ""} />
  );
  return (
    <section>
      <h1>{t("waiting.title")}</h1>
      <p className="hint">{t("waiting.hint")}</p>
      <Form method="get" className="filters">
        {choice("partner", t("waiting.partner"), partners.map((p) => ({ value: p.id, label: p.name })))}
        {choice("track", t("search.track"), tracks.map((track) => ({ value: track.id, label: trackName(track, locale) })))}
        {caseworkers.length ? choice("caseworker", t("waiting.lead"), caseworkers.map((a) => ({ value: a.id, label: a.displayName }))) : null}
        {choice("waitingFor", t("waiting.waitingFor"), WAITING_FOR.map((days) => ({ value: days, label: t("triage.days", { days }) })))}
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      {referrals.items.length === 0 ? (
        <p>{t("waiting.empty")}</p>
      ) : (
        <>
          <p>{t("paging.total", { count: countText(referrals.total, countCap) })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("caseload.case")}</th>
                <th scope="col">{t("waiting.partner")}</th>
                <th scope="col">{t("waiting.why")}</th>
                <th scope="col">{t("waiting.lead")}</th>
              </tr>
            </thead>
            <tbody>
              {referrals.items.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/staff/cases/${r.caseId}#referral-${r.id}`}>{r.caseCode}</Link>
                  </td>
                  <td>
                    {r.organizationName} · {r.serviceName}
                  </td>
                  <td className="warn">
                    {r.status === "sent" ? t("waiting.unanswered") : t("waiting.stalled")} · {t("waiting.since", { days: r.daysFlagged })}
                  </td>
                  <td>{r.lead ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Pager next={referrals.next} />
    </section>
  );
}
