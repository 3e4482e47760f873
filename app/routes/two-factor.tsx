// The second step of signing in: a code from the authenticator app or a recovery code; or,
// the first time, enrolment with a QR code drawn by our own server. Works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { homeOf, safeRedirectPath } from "~/auth/policy";
import { getSessionState } from "~/auth/session.server";
import { passSecondFactor, secondFactorPage } from "~/auth/two-factor.server";
import { Field } from "~/components/field";
import { EnrolmentCode, RecoveryCodeList } from "~/components/two-factor";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "twoFactor.title");
// Works without JavaScript and loads none (a person at risk may browse with scripts off).
export const handle = { scripts: false };

async function requirePending(request: Request) {
  const state = await getSessionState(request);
  if (state.kind === "verified") throw redirect(homeOf(state.viewer.role));
  if (state.kind === "none") throw redirect("/login");
  return state;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const state = await requirePending(request);
  return json({ page: await secondFactorPage(state.viewer) });
}

const codeForm = z.object({ code: z.string().trim().min(1, "twoFactor.codeRequired").max(32, "twoFactor.codeWrong"), redirectTo: z.string().max(2048).optional() });

export async function action({ request, context }: ActionFunctionArgs) {
  const state = await requirePending(request);
  const parsed = codeForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ error: "twoFactor.codeRequired" as const, recoveryCodes: null, next: null }, { status: 400 });
  const result = await passSecondFactor(state, parsed.data.code, {
    address: context.clientAddress,
    userAgent: request.headers.get("User-Agent"),
  });
  if (!result.ok) return json({ error: "twoFactor.codeWrong" as const, recoveryCodes: null, next: null }, { status: 400 });
  const next = safeRedirectPath(parsed.data.redirectTo) ?? homeOf(result.role);
  const headers = { "Set-Cookie": result.cookie };
  // After enrolment the recovery codes are shown once, on this response only.
  if (result.recoveryCodes) return json({ error: null, recoveryCodes: result.recoveryCodes, next }, { headers });
  return redirect(next, { headers });
}

/**
 * After a first enrolment the action shows the recovery codes, once. Reloading this route's
 * data then would redirect (the session has passed its second factor) and take the codes off
 * the screen before anyone could write them down.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  (actionResult as { recoveryCodes?: unknown } | undefined)?.recoveryCodes ? false : defaultShouldRevalidate;

export default function TwoFactor() {
  const t = useT();
  const { page } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [searchParams] = useSearchParams();

  if (data?.recoveryCodes) {
    return (
      <section className="narrow">
        <h1>{t("twoFactor.recoveryTitle")}</h1>
        <p>{t("twoFactor.recoveryLead")}</p>
        <RecoveryCodeList codes={data.recoveryCodes} />
        <p>
          <Link to={data.next} className="button primary">
            {t("twoFactor.continue")}
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>{t("twoFactor.title")}</h1>
      {page.mode === "enrol" ? (
        <>
          <p>{t("twoFactor.enrolLead")}</p>
          <EnrolmentCode qrSvg={page.qrSvg} secret={page.secret} />
        </>
      ) : (
        <p>{t("twoFactor.verifyLead")}</p>
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          name="code"
          label={page.mode === "enrol" ? t("twoFactor.enrolCode") : t("twoFactor.code")}
          autoComplete="one-time-code"
          inputMode={page.mode === "enrol" ? "numeric" : "text"}
          error={data?.error ? t(data.error) : undefined}
          required
        />
        <button type="submit" className="primary">
          {t("twoFactor.submit")}
        </button>
      </Form>
      <Form method="post" action="/logout">
        <button type="submit">{t("nav.signOut")}</button>
      </Form>
    </section>
  );
}
