// The personal space of a person we support.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { supportForPerson } from "~/assistance/assistance.server";
import { moneyText } from "~/assistance/money";
import { ownPersonId } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { Confirmed } from "~/components/confirmed-action";
import { ActionButton } from "~/components/action-button";
import { AreaShell, personalSpaceNav } from "~/components/area-shell";
import { localeFor } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { daysOf } from "~/i18n/moments";
import { useLocale, useT } from "~/i18n/use-t";
import { myConsents, mySpace, withdrawConsent } from "~/persons/persons.server";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "shell.me.title");
// Works without JavaScript and loads none (a person at risk may browse with scripts off).
export const handle = { scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "me");
  const personId = ownPersonId(viewer);
  const [space, consents, support] = await Promise.all([mySpace(viewer), myConsents(viewer), personId ? supportForPerson(personId) : Promise.resolve([])]);
  // Days in words, in the person's language, named here so that the page shows what was sent.
  const locale = await localeFor(request);
  const days = daysOf([...consents.flatMap((c) => [c.givenAt, c.withdrawnAt]), ...support.flatMap((s) => [s.approvedOn, s.paidOn])], locale);
  return json({ space, consents, support, days });
}

const withdrawForm = z.object({ intent: z.literal("withdraw-consent"), consentId: z.string().min(1).max(40) });

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "me");
  const parsed = withdrawForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ ok: false }, { status: 400 });
  await withdrawConsent(viewer, parsed.data.consentId);
  return redirect("/me#consents");
}

export default function MyHome() {
  const t = useT();
  const locale = useLocale();
  const { space, consents, support, days } = useLoaderData<typeof loader>();
  return (
    <AreaShell title={t("shell.me.title")} lead={t("shell.me.lead")} role="client" nav={personalSpaceNav(t)}>
      <dl className="facts">
        <dt>{t("me.caseCode")}</dt>
        <dd>{space.caseCode}</dd>
        <dt>{t("me.caseStatus")}</dt>
        <dd>{space.caseStatus ? t(`caseStatus.${space.caseStatus}`) : t("me.noCase")}</dd>
        <dt>{t("me.nextAppointment")}</dt>
        <dd>{space.nextAppointment ?? t("me.noAppointment")}</dd>
        <dt>{t("message.title")}</dt>
        <dd>
          <Link to="/me/messages">{space.unreadMessages ? t("me.unreadMessages", { count: space.unreadMessages }) : t("me.noUnreadMessages")}</Link>
        </dd>
      </dl>
      {space.plan.length ? (
        <>
          <h2>{t("me.plan")}</h2>
          <ul className="record-list">
            {space.plan.map((goal, index) => (
              <li key={index}>
                {goal.title} · {t(`goalStatus.${goal.status as "identified"}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {support.length ? (
        <>
          <h2 id="support">{t("me.support")}</h2>
          <ul className="record-list">
            {support.map((item) => (
              <li key={item.id}>
                {t("me.supportItem", { kind: t(`assistanceKind.${item.kind}`), amount: moneyText(item.amountMinor, item.currency, locale) })} —{" "}
                {item.status === "paid" && item.paidOn ? t("me.supportPaid", { day: days[item.paidOn] ?? item.paidOn }) : t("me.supportApproved", { day: days[item.approvedOn] ?? item.approvedOn })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 id="consents">{t("person.consents")}</h2>
      <ul className="record-list">
        {consents.map((consent) => (
          <li key={consent.id}>
            {t(`consentPurpose.${consent.purpose}`)}
            {consent.recipientOrganization ? ` · ${consent.recipientOrganization.name}` : ""}
            {consent.sharedFields ? ` · ${consent.sharedFields.split(",").map((f) => t(`referral.field.${f as "request"}`)).join(", ")}` : ""} · {days[consent.givenAt]}
            {consent.withdrawnAt ? (
              ` · ${t("person.withdrawn")} ${days[consent.withdrawnAt]}`
            ) : (
              <Confirmed label={t("me.withdrawConsent")} question={t("me.withdrawConsentQuestion")}>
                <ActionButton intent="withdraw-consent" fields={{ consentId: consent.id }} label={t("me.withdrawConsentConfirm")} />
              </Confirmed>
            )}
          </li>
        ))}
      </ul>
      <p className="muted">{t("me.consentNote")}</p>
      <h2>{t("me.requests")}</h2>
      <ul className="record-list">
        {space.requests.map((request) => (
          <li key={request.id}>
            <Link to={`/me/requests/${request.id}`}>{request.code}</Link> · {t(`requestStatus.${request.status as "new"}`)}
          </li>
        ))}
      </ul>
    </AreaShell>
  );
}
