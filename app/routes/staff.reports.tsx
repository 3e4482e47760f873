// Reports for coordinators: anonymous counts and referral figures. No name, no case code.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { mayReadReports } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { ReferralFiguresTable } from "~/components/referral-figures";
import { Stats } from "~/components/stats";
import { notFound } from "~/http/not-found";
import { pageTitle } from "~/i18n/meta";
import { trackName } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { referralFigures } from "~/reports/referral-metrics.server";
import { serviceCounts } from "~/reports/service-counts.server";
import { activeTracks } from "~/requests/requests.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "report.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  if (!mayReadReports(viewer)) throw notFound();
  const [counts, figures, tracks] = await Promise.all([serviceCounts(), referralFigures(), activeTracks()]);
  return json({ counts, byPartner: figures.partner, byTrack: figures.track, tracks });
}

export default function Reports() {
  const t = useT();
  const locale = useLocale();
  const { counts, byPartner, byTrack, tracks } = useLoaderData<typeof loader>();
  const nameOf = (match: (track: (typeof tracks)[number]) => boolean, fallback: string) => {
    const track = tracks.find(match);
    return track ? trackName(track, locale) : fallback;
  };
  return (
    <section>
      <h1>{t("report.title")}</h1>
      <p className="lead">{t("report.lead")}</p>
      <Stats
        items={[
          { label: t("report.requestsReceived"), value: counts.requestsReceived },
          { label: t("report.personsSupported"), value: counts.personsSupported },
          { label: t("report.casesOpened"), value: counts.casesOpened },
        ]}
      />
      <h2>{t("report.requestsByTrack")}</h2>
      <CountTable id="requests-by-track" heading={t("search.track")} rows={counts.requestsByTrack.map((row) => ({ label: nameOf((x) => x.id === row.trackId, "—"), count: row.count }))} />
      <h2>{t("report.activitiesByKind")}</h2>
      <CountTable id="activities-by-kind" heading={t("case.activityKind")} rows={counts.activitiesByKind.map((row) => ({ label: t(`activityKind.${row.kind as "call"}`), count: row.count }))} />
      <h2>{t("report.partnersTitle")}</h2>
      <ReferralFiguresTable rows={byPartner} firstColumn={t("role.partner")} />
      <h2>{t("report.tracksTitle")}</h2>
      <ReferralFiguresTable rows={byTrack} firstColumn={t("search.track")} label={(key) => nameOf((x) => x.key === key, key)} />
    </section>
  );
}

function CountTable({ id, heading, rows }: { id: string; heading: string; rows: { label: string; count: number }[] }) {
  const t = useT();
  return (
    <table className="table" id={id}>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">{t("report.count")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <td>{row.label}</td>
            <td>{row.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
