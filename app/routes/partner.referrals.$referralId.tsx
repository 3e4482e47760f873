// A referral as the partner organisation sees it: the shared fields only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { SHAREABLE_FIELDS, viewReferralAsPartner } from "~/referrals/referrals.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "referral.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "partner");
  return json({ referral: await viewReferralAsPartner(viewer, params.referralId ?? "") });
}

export default function PartnerReferral() {
  const t = useT();
  const { referral } = useLoaderData<typeof loader>();
  const shown = SHAREABLE_FIELDS.filter((field) => referral.shared[field] !== undefined);
  return (
    <section>
      <h1>{t("referral.title")}</h1>
      <p>
        {referral.serviceName} · {t(`referralStatus.${referral.status as "sent"}`)}
      </p>
      {shown.length === 0 ? (
        <p>{t("referral.nothingShared")}</p>
      ) : (
        <dl className="facts">
          {shown.map((field) => (
            <div key={field} className="fact-row">
              <dt>{t(`referral.field.${field}`)}</dt>
              <dd>{referral.shared[field]}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
