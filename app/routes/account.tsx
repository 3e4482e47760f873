// Every signed-in person's own account: active sessions, sign out everywhere, password change.
import { serverConfig } from "~/config/env.server";
import { localeFor } from "~/i18n/locale.server";
import { momentsOf } from "~/i18n/moments";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { changePasswordForm, screenForm } from "~/accounts/account-forms";
import { changePassword, mySessions, screenSetting, setBlurNames, signOutEverywhere } from "~/accounts/accounts.server";
import { blankSessionCookie, requireViewer } from "~/auth/session.server";
import { confirmEnrolment, startEnrolment, twoFactorSettings } from "~/auth/two-factor.server";
import { Field } from "~/components/field";
import { EnrolmentCode, RecoveryCodeList } from "~/components/two-factor";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const [sessions, twoFactor, screen, locale] = await Promise.all([mySessions(viewer), twoFactorSettings(viewer), screenSetting(viewer), localeFor(request)]);
  return json({ sessions, twoFactor, screen, moments: momentsOf(sessions.map((s) => s.createdAt), locale, serverConfig().timeZone) });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "enrol-start") {
    await startEnrolment(viewer);
    return json({ errors: {} as FieldErrors, changed: false, recoveryCodes: null });
  }
  if (form.intent === "enrol-confirm") {
    const recoveryCodes = await confirmEnrolment(viewer, typeof form.code === "string" ? form.code.slice(0, 16) : "");
    if (!recoveryCodes) return json({ errors: { code: "twoFactor.codeWrong" } as FieldErrors, changed: false, recoveryCodes: null }, { status: 400 });
    return json({ errors: {} as FieldErrors, changed: false, recoveryCodes });
  }
  if (form.intent === "screen") {
    const parsed = screenForm.safeParse(form);
    if (!parsed.success) return json({ errors: fieldErrors(parsed.error) as FieldErrors, changed: false, recoveryCodes: null }, { status: 400 });
    const saved = await setBlurNames(viewer, parsed.data.blurNames, parsed.data.version);
    if (!saved) return json({ errors: { form: "form.stale" } as FieldErrors, changed: false, recoveryCodes: null }, { status: 409 });
    return redirect("/account#screen");
  }
  if (form.intent === "sign-out-everywhere") {
    await signOutEverywhere(viewer);
    return redirect("/", { headers: { "Set-Cookie": blankSessionCookie(), "Clear-Site-Data": '"cache", "cookies", "storage"' } });
  }
  const parsed = changePasswordForm.safeParse(form);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) as FieldErrors, changed: false, recoveryCodes: null }, { status: 400 });
  const result = await changePassword(viewer, parsed.data.current, parsed.data.password, request.headers.get("User-Agent"));
  if (!result.ok) return json({ errors: { [result.field]: result.problem } as FieldErrors, changed: false, recoveryCodes: null }, { status: 400 });
  return json({ errors: {} as FieldErrors, changed: true, recoveryCodes: null }, { headers: { "Set-Cookie": result.cookie } });
}

export default function Account() {
  const t = useT();
  const { sessions, twoFactor, screen, moments } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors ?? {};
  return (
    <section>
      <h1>{t("account.title")}</h1>
      {screen.staff ? (
        <>
          <h2 id="screen">{t("screen.title")}</h2>
          <p>{t("screen.lead")}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="screen" />
            <input type="hidden" name="version" value={screen.version} />
            <label className="check">
              <input type="checkbox" name="blurNames" defaultChecked={screen.blurNames} /> {t("screen.blur")}
            </label>
            <button type="submit">{t("screen.save")}</button>
          </Form>
        </>
      ) : null}
      <h2>{t("account.sessionsTitle")}</h2>
      <ul className="record-list">
        {sessions.map((session) => (
          <li key={session.createdAt}>
            {session.deviceLabel || "—"} · {t("account.sessionStarted")} {moments[session.createdAt]}
            {session.current ? ` · ${t("account.thisSession")}` : ""}
          </li>
        ))}
      </ul>
      <Form method="post">
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <button type="submit">{t("account.signOutEverywhere")}</button>
      </Form>

      <h2>{t("account.twoFactorTitle")}</h2>
      {data?.recoveryCodes ? (
        <>
          <p role="status">{t("twoFactor.recoveryLead")}</p>
          <RecoveryCodeList codes={data.recoveryCodes} />
        </>
      ) : twoFactor.enabled ? (
        <p>{t("account.twoFactorOn")}</p>
      ) : twoFactor.enrolment ? (
        <Form method="post" noValidate className="narrow">
          <input type="hidden" name="intent" value="enrol-confirm" />
          <p>{t("twoFactor.enrolLead")}</p>
          <EnrolmentCode qrSvg={twoFactor.enrolment.qrSvg} secret={twoFactor.enrolment.secret} />
          <Field name="code" label={t("twoFactor.enrolCode")} autoComplete="one-time-code" inputMode="numeric" error={errors.code ? t(errors.code) : undefined} required />
          <button type="submit" className="primary">
            {t("twoFactor.submit")}
          </button>
        </Form>
      ) : (
        <Form method="post">
          <p>{t("account.twoFactorOffer")}</p>
          <input type="hidden" name="intent" value="enrol-start" />
          <button type="submit">{t("account.twoFactorStart")}</button>
        </Form>
      )}

      <h2>{t("account.changePasswordTitle")}</h2>
      {data?.changed ? <p role="status">{t("account.passwordChanged")}</p> : null}
      <Form method="post" noValidate className="narrow">
        <input type="hidden" name="intent" value="change-password" />
        <Field name="current" type="password" autoComplete="current-password" label={t("account.currentPassword")} error={errors.current ? t(errors.current) : undefined} required />
        <Field name="password" type="password" autoComplete="new-password" label={t("account.newPassword")} error={errors.password ? t(errors.password, { min: 15 }) : undefined} required />
        <Field name="repeat" type="password" autoComplete="new-password" label={t("account.repeatPassword")} error={errors.repeat ? t(errors.repeat) : undefined} required />
        <button type="submit" className="primary">
          {t("form.save")}
        </button>
      </Form>
    </section>
  );
}
