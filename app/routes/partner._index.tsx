// The partner organisation's portal.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { afterParam, COUNT_CAP } from "~/db/paging";
import { requireArea } from "~/auth/session.server";
import { AreaShell } from "~/components/area-shell";
import { SelectField } from "~/components/select-field";
import { countText, Pager } from "~/components/pager";
import { Stats } from "~/components/stats";
import { localeFor } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { dayText } from "~/i18n/moments";
import { useT } from "~/i18n/use-t";
import { partnerInbox, partnerOverview } from "~/referrals/referrals.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "shell.partner.title");
// Works without JavaScript and loads none (a person at risk may browse with scripts off).
export const handle = { scripts: false };

const STATES = ["sent", "accepted", "in_progress", "on_hold", "declined", "completed", "not_completed", "cancelled"] as const;
const inboxFilter = z.object({ status: z.enum(STATES).optional().catch(undefined), after: afterParam });

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "partner");
  const { status, after } = inboxFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [overview, referrals, locale] = await Promise.all([partnerOverview(viewer), partnerInbox(viewer, status, after), localeFor(request)]);
  // The day it was sent, in words, and how long an unanswered referral has waited.
  const now = Date.now();
  const items = referrals.items.map((r) => ({ ...r, sentOn: dayText(r.sentAt, locale), waitingDays: r.status === "sent" ? Math.floor((now - r.sentAt.getTime()) / 86_400_000) : null }));
  return json({ overview, referrals: { ...referrals, items }, countCap: COUNT_CAP });
}

export default function PartnerHome() {
  const t = useT();
  const { overview, referrals, countCap } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
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
      <Form method="get" className="filters">
        <SelectField name="status" label={t("request.status")} empty options={STATES.map((s) => ({ value: s, label: t(`referralStatus.${s}`) }))} defaultValue={params.get("status") ?? ""} />
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      <p>{t("paging.total", { count: countText(referrals.total, countCap) })}</p>
      <ul className="record-list">
        {referrals.items.map((referral) => (
          <li key={referral.id}>
            <Link to={`/partner/referrals/${referral.id}`}>{referral.service.name}</Link> · {t(`referralStatus.${referral.status}`)} · {t("partner.sentOn", { day: referral.sentOn })}
            {referral.waitingDays !== null ? <strong> · {t("partner.waiting", { days: referral.waitingDays })}</strong> : null}
            {referral.pseudonym ? <div>{t("partner.for", { name: referral.pseudonym })}</div> : null}
            {referral.request ? <div className="muted">{referral.request.length > 160 ? `${referral.request.slice(0, 160)}…` : referral.request}</div> : null}
            {referral.withheld ? <div className="muted">{t("partner.withheld")}</div> : null}
          </li>
        ))}
      </ul>
      <Pager next={referrals.next} />
    </AreaShell>
  );
}
