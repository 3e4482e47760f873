// The administrator's area.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { declareLockdown, liftLockdown, lockdownState } from "~/auth/lockdown.server";
import { Confirmed } from "~/components/confirmed-action";
import { readForm } from "~/http/form.server";
import { localeFor } from "~/i18n/locale.server";
import { momentText } from "~/i18n/moments";
import { serverConfig } from "~/config/env.server";
import { adminOverview } from "~/accounts/accounts.server";
import { blankSessionCookie, requireArea } from "~/auth/session.server";
import { ReferralFiguresTable } from "~/components/referral-figures";
import { referralFigures } from "~/reports/referral-metrics.server";
import { AreaShell } from "~/components/area-shell";
import { Stats } from "~/components/stats";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "shell.admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "admin");
  const [overview, { partner: partners }, lockdown, locale] = await Promise.all([adminOverview(), referralFigures(), lockdownState(), localeFor(request)]);
  return json({ overview, partners, lockdownSince: lockdown ? momentText(lockdown.declaredAt, locale, serverConfig().timeZone) : null });
}

const lockdownForm = z.object({ intent: z.enum(["declare-lockdown", "lift-lockdown"]) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireArea(request, "admin");
  const parsed = lockdownForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ problem: "form.errorSummary" as const }, { status: 400 });
  if (parsed.data.intent === "lift-lockdown") {
    await liftLockdown(admin);
    return json({ problem: null });
  }
  await declareLockdown(admin);
  // The administrator's own session ended too: they sign in again to go on, or to lift it.
  return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
}

export default function AdminHome() {
  const t = useT();
  const { overview, partners, lockdownSince } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
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
        { to: "/admin/funding", label: t("nav.admin.funding") },
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
      <h2 id="lockdown">{t("lockdown.title")}</h2>
      {done?.problem ? (
        <p className="form-error" role="alert">
          {t(done.problem)}
        </p>
      ) : null}
      {lockdownSince ? (
        <>
          <p className="warn">{t("lockdown.active", { moment: lockdownSince })}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="lift-lockdown" />
            <button type="submit">{t("lockdown.lift")}</button>
          </Form>
        </>
      ) : (
        <>
          <p>{t("lockdown.lead")}</p>
          <Confirmed label={t("lockdown.declare")} question={t("lockdown.declareQuestion")}>
            <Form method="post">
              <input type="hidden" name="intent" value="declare-lockdown" />
              <button type="submit" className="danger">
                {t("lockdown.declareConfirm")}
              </button>
            </Form>
          </Confirmed>
        </>
      )}
      <h2>{t("report.partnersTitle")}</h2>
      <ReferralFiguresTable rows={partners} firstColumn={t("role.partner")} />
    </AreaShell>
  );
}
