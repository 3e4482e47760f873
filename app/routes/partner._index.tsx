// The partner organisation's portal.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { AreaShell } from "~/components/area-shell";
import { Stats } from "~/components/stats";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { partnerInbox, partnerOverview } from "~/referrals/referrals.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "shell.partner.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "partner");
  const [overview, referrals] = await Promise.all([partnerOverview(viewer), partnerInbox(viewer)]);
  return json({ overview, referrals });
}

export default function PartnerHome() {
  const t = useT();
  const { overview, referrals } = useLoaderData<typeof loader>();
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
      <ul className="record-list">
        {referrals.map((referral) => (
          <li key={referral.id}>
            <Link to={`/partner/referrals/${referral.id}`}>{referral.service.name}</Link> · {t(`referralStatus.${referral.status}`)}
            {referral.sentAt ? ` · ${referral.sentAt.slice(0, 10)}` : ""}
          </li>
        ))}
      </ul>
    </AreaShell>
  );
}
