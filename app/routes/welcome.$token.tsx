// The link in an invitation or activation email: GET shows the form, the POST uses the link.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { newPasswordForm } from "~/accounts/account-forms";
import { acceptWelcome, welcomeLink } from "~/accounts/accounts.server";
import { minimumPasswordLength } from "~/auth/password-policy";
import { homeOf } from "~/auth/policy";
import { LinkNoLongerValid, NewPasswordForm } from "~/components/new-password-form";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "welcome.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await welcomeLink(params.token ?? "");
  return json({ valid: link !== null, minLength: link ? minimumPasswordLength(link.role) : 15 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = newPasswordForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) as FieldErrors }, { status: 400 });
  const result = await acceptWelcome(params.token ?? "", parsed.data.password, request.headers.get("User-Agent"));
  if (!result.ok) {
    const field = result.problem === "token.invalid" ? "form" : "password";
    return json({ errors: { [field]: result.problem } as FieldErrors }, { status: 400 });
  }
  return redirect(result.secondFactor ? "/two-factor" : homeOf(result.role), { headers: { "Set-Cookie": result.cookie } });
}

export default function Welcome() {
  const t = useT();
  const { valid, minLength } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors ?? {};
  if (!valid || errors.form) return <LinkNoLongerValid title={t("welcome.title")} />;
  return (
    <section className="narrow">
      <h1>{t("welcome.title")}</h1>
      <p>{t("welcome.lead", { min: minLength })}</p>
      <NewPasswordForm errors={errors} minLength={minLength} submitLabel={t("welcome.submit")} />
    </section>
  );
}
