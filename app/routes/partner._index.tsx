// The partner organisation's portal.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { AreaShell } from "~/components/area-shell";
import { Stats } from "~/components/stats";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { partnerOverview } from "~/referrals/referrals.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "shell.partner.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "partner");
  return json({ overview: await partnerOverview(viewer) });
}

export default function PartnerHome() {
  const t = useT();
  const { overview } = useLoaderData<typeof loader>();
  return (
    <AreaShell
      title={t("shell.partner.title")}
      lead={t("shell.partner.lead", { organization: overview.organizationName })}
      role="partner"
      nav={[{ to: "/partner", label: t("shell.partner.title") }]}
    >
      <Stats
        items={[
          { label: t("stat.referralsAwaiting"), value: overview.awaiting },
          { label: t("stat.referralsInProgress"), value: overview.inProgress },
        ]}
      />
    </AreaShell>
  );
}
