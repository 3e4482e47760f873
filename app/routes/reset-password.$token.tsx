// The link in a reset email: GET shows the form, the POST uses the link once.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { newPasswordForm } from "~/accounts/account-forms";
import { resetLink, resetPassword } from "~/accounts/accounts.server";
import { minimumPasswordLength } from "~/auth/password-policy";
import { LinkNoLongerValid, NewPasswordForm } from "~/components/new-password-form";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await resetLink(params.token ?? "");
  return json({ valid: link !== null, minLength: link ? minimumPasswordLength(link.role) : 15 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = newPasswordForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) as FieldErrors }, { status: 400 });
  const problem = await resetPassword(params.token ?? "", parsed.data.password);
  if (problem) return json({ errors: { [problem === "token.invalid" ? "form" : "password"]: problem } as FieldErrors }, { status: 400 });
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const t = useT();
  const { valid, minLength } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors ?? {};
  if (!valid || errors.form) return <LinkNoLongerValid title={t("reset.title")} />;
  return (
    <section className="narrow">
      <h1>{t("reset.newTitle")}</h1>
      <NewPasswordForm errors={errors} minLength={minLength} submitLabel={t("reset.save")} />
    </section>
  );
}
