// Checking a help request without an account: the code and the secret word from the receipt.
// A wrong code and a wrong secret answer alike; tries are limited. The request can be withdrawn.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { statusForm } from "~/requests/help-form";
import { requestStatus } from "~/requests/public-requests.server";
import { readForm } from "~/http/form.server";
import { Confirmed } from "~/components/confirmed-action";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "help.statusTitle");
export const handle = { scripts: false };

export async function action({ request, context }: ActionFunctionArgs) {
  const values = Object.fromEntries([...(await readForm(request)).entries()].map(([k, v]) => [k, String(v)]));
  const parsed = statusForm.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) as FieldErrors, result: null, code: values.code ?? "" }, { status: 400 });
  const result = await requestStatus(parsed.data.code, parsed.data.secret, context.clientAddress, parsed.data.intent === "withdraw");
  if (result.kind === "throttled") return json({ errors: { form: "help.statusThrottled" } as FieldErrors, result: null, code: parsed.data.code }, { status: 429 });
  if (result.kind === "not_found") return json({ errors: { form: "help.statusNotFound" } as FieldErrors, result: null, code: parsed.data.code }, { status: 400 });
  return json({ errors: {} as FieldErrors, result: { status: result.status, code: result.code, secret: parsed.data.secret }, code: parsed.data.code });
}

export default function HelpStatus() {
  const t = useT();
  const data = useActionData<typeof action>();
  const errors = data?.errors ?? {};
  const result = data?.result;
  return (
    <section className="narrow">
      <h1>{t("help.statusTitle")}</h1>
      {errors.form ? (
        <p className="form-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}
      {result ? (
        <>
          <dl className="facts">
            <dt>{t("request.code")}</dt>
            <dd>{result.code}</dd>
            <dt>{t("request.status")}</dt>
            <dd>{t(`requestStatus.${result.status}`)}</dd>
          </dl>
          {result.status === "new" || result.status === "in_triage" ? (
            <Confirmed label={t("help.withdraw")} question={t("help.withdrawQuestion")}>
              <Form method="post" reloadDocument>
                <input type="hidden" name="code" value={result.code} />
                <input type="hidden" name="secret" value={result.secret} />
                <input type="hidden" name="intent" value="withdraw" />
                <button type="submit">{t("help.withdrawConfirm")}</button>
              </Form>
            </Confirmed>
          ) : null}
        </>
      ) : (
        <Form method="post" noValidate reloadDocument>
          <Field name="code" label={t("request.code")} defaultValue={data?.code ?? ""} autoComplete="off" error={errors.code && t(errors.code)} required />
          <Field name="secret" label={t("help.secret")} autoComplete="off" error={errors.secret && t(errors.secret)} required />
          <button type="submit" className="primary">
            {t("help.check")}
          </button>
        </Form>
      )}
    </section>
  );
}
