// Choosing a new password: the form of the invitation, activation and reset links.
import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { Field } from "./field";

export function NewPasswordForm({ errors, minLength, submitLabel }: { errors: FieldErrors; minLength: number; submitLabel: string }) {
  const t = useT();
  return (
    <Form method="post" noValidate>
      <Field
        name="password"
        type="password"
        autoComplete="new-password"
        label={t("account.newPassword")}
        error={errors.password ? t(errors.password, { min: minLength }) : undefined}
        required
      />
      <Field name="repeat" type="password" autoComplete="new-password" label={t("account.repeatPassword")} error={errors.repeat ? t(errors.repeat) : undefined} required />
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </Form>
  );
}

/** What a used or expired link shows instead of the form. */
export function LinkNoLongerValid({ title }: { title: string }) {
  const t = useT();
  return (
    <section className="narrow">
      <h1>{title}</h1>
      <p role="alert">{t("token.invalid")}</p>
    </section>
  );
}
