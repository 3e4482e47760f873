// The staff workspace (caseworkers, coordinators, administrators).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { recentCases, staffOverview } from "~/cases/cases.server";
import { AreaShell } from "~/components/area-shell";
import { Stats } from "~/components/stats";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "shell.staff.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const [overview, cases] = await Promise.all([staffOverview(viewer), recentCases(viewer)]);
  return json({ role: viewer.role, overview, cases });
}

export default function StaffHome() {
  const t = useT();
  const { role, overview, cases } = useLoaderData<typeof loader>();
  const items =
    overview.scope === "own"
      ? [
          { label: t("stat.myOpenCases"), value: overview.myOpenCases },
          { label: t("stat.myOverdueTasks"), value: overview.myOverdueTasks },
        ]
      : [
          { label: t("stat.newRequests"), value: overview.newRequests },
          { label: t("stat.openCases"), value: overview.openCases },
          { label: t("stat.unassignedCases"), value: overview.unassignedCases },
          { label: t("stat.overdueTasks"), value: overview.overdueTasks },
        ];
  return (
    <AreaShell
      title={t("shell.staff.title")}
      lead={t("shell.staff.lead")}
      role={role}
      nav={[{ to: "/staff", label: t("nav.staff.overview") }]}
    >
      <Stats items={items} />
      <h2>{overview.scope === "own" ? t("stat.myOpenCases") : t("stat.openCases")}</h2>
      <ul className="record-list">
        {cases.map((c) => (
          <li key={c.id}>
            <Link to={`/staff/cases/${c.id}`}>{c.person.caseCode}</Link> · {t(`caseStatus.${c.status}`)}
          </li>
        ))}
      </ul>
    </AreaShell>
  );
}
