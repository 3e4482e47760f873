// Asking for a password reset link. The answer is the same whether the email is known or not.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { emailForm } from "~/accounts/account-forms";
import { requestPasswordReset } from "~/accounts/accounts.server";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = emailForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) as FieldErrors, sent: false }, { status: 400 });
  await requestPasswordReset(parsed.data.email, context.clientAddress);
  return json({ errors: {} as FieldErrors, sent: true });
}

export default function ResetRequest() {
  const t = useT();
  const data = useActionData<typeof action>();
  return (
    <section className="narrow">
      <h1>{t("reset.title")}</h1>
      {data?.sent ? (
        <p role="status">{t("reset.sent")}</p>
      ) : (
        <>
          <p>{t("reset.lead")}</p>
          <Form method="post" noValidate>
            <Field name="email" type="email" autoComplete="username" label={t("login.email")} error={data?.errors.email ? t(data.errors.email) : undefined} required />
            <button type="submit" className="primary">
              {t("reset.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
