// The administrator's area.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { adminOverview } from "~/accounts/accounts.server";
import { requireArea } from "~/auth/session.server";
import { ReferralFiguresTable } from "~/components/referral-figures";
import { referralFigures } from "~/reports/referral-metrics.server";
import { AreaShell } from "~/components/area-shell";
import { Stats } from "~/components/stats";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "shell.admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "admin");
  const [overview, { partner: partners }] = await Promise.all([adminOverview(), referralFigures()]);
  return json({ overview, partners });
}

export default function AdminHome() {
  const t = useT();
  const { overview, partners } = useLoaderData<typeof loader>();
  return (
    <AreaShell
      title={t("shell.admin.title")}
      lead={t("shell.admin.lead")}
      role="admin"
      nav={[
        { to: "/admin", label: t("nav.admin.overview") },
        { to: "/admin/accounts", label: t("nav.admin.accounts") },
        { to: "/admin/audit", label: t("nav.admin.audit") },
        { to: "/admin/partners", label: t("nav.admin.partners") },
        { to: "/admin/tracks", label: t("nav.admin.tracks") },
        { to: "/admin/emails", label: t("nav.admin.emails") },
        { to: "/staff", label: t("nav.staff.overview") },
      ]}
    >
      <Stats
        items={[
          { label: t("stat.activeAccounts"), value: overview.activeAccounts },
          { label: t("stat.partnerOrganizations"), value: overview.partnerOrganizations },
          { label: t("stat.services"), value: overview.services },
          { label: t("stat.tracks"), value: overview.tracks },
        ]}
      />
      <h2>{t("report.partnersTitle")}</h2>
      <ReferralFiguresTable rows={partners} firstColumn={t("role.partner")} />
    </AreaShell>
  );
}
