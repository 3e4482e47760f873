// Sign-in with email and password. Works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { homeOf, safeRedirectPath } from "~/auth/policy";
import { getViewer } from "~/auth/session.server";
import { signInForm } from "~/auth/sign-in-form";
import { signIn } from "~/auth/sign-in.server";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");
// Works without JavaScript and loads none (a person at risk may browse with scripts off).
export const handle = { scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  if (viewer) throw redirect(homeOf(viewer.role));
  return json(null);
}

type ActionData = { errors: FieldErrors; email: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
  const email = typeof form.email === "string" ? form.email.slice(0, 254) : "";
  const parsed = signInForm.safeParse(form);
  if (!parsed.success) {
    return json<ActionData>({ errors: fieldErrors(parsed.error), email }, { status: 400 });
  }
  const result = await signIn(parsed.data.email, parsed.data.password, {
    address: context.clientAddress,
    userAgent: request.headers.get("User-Agent"),
  });
  if (result.kind === "failed") {
    return json<ActionData>({ errors: { form: "login.failed" }, email }, { status: 400 });
  }
  if (result.kind === "suspended") {
    return json<ActionData>({ errors: { form: "login.suspended" }, email }, { status: 403 });
  }
  const redirectTo = safeRedirectPath(parsed.data.redirectTo);
  const target =
    result.kind === "second_factor"
      ? `/two-factor${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ""}`
      : (redirectTo ?? homeOf(result.role));
  return redirect(target, { headers: { "Set-Cookie": result.cookie } });
}

export default function Login() {
  const t = useT();
  const data = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  const errors = data?.errors ?? {};
  return (
    <section className="narrow">
      <h1>{t("login.title")}</h1>
      {searchParams.get("reset") ? <p role="status">{t("login.resetDone")}</p> : null}
      {errors.form ? (
        <p className="form-error" role="alert" id="login-error">
          {t(errors.form)}
        </p>
      ) : null}
      <Form method="post" noValidate aria-describedby={errors.form ? "login-error" : undefined}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          name="email"
          type="email"
          label={t("login.email")}
          autoComplete="username"
          defaultValue={data?.email ?? ""}
          error={errors.email ? t(errors.email) : undefined}
          required
        />
        <Field
          name="password"
          type="password"
          label={t("login.password")}
          autoComplete="current-password"
          error={errors.password ? t(errors.password) : undefined}
          required
        />
        <button type="submit" className="primary" disabled={submitting}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/reset-password">{t("login.forgot")}</Link>
      </p>
      <p>
        <Link to="/lost-device">{t("lostDevice.link")}</Link>
      </p>
    </section>
  );
}
