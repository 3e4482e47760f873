// A lost or seized device: every session of one's own account ends, from any browser, with the
// email and one recovery code (app/auth/lost-device.server.ts). Public, no script.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { endSessionsWithRecoveryCode } from "~/auth/lost-device.server";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { readForm } from "~/http/form.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "lostDevice.title");
export const handle = { scripts: false };

const lostDeviceForm = z.object({
  email: z.string().trim().toLowerCase().max(254, "form.tooLong").email("login.emailInvalid"),
  code: z.string().trim().max(40, "form.tooLong").pipe(z.string().min(1, "lostDevice.codeRequired")),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const values = Object.fromEntries(await readForm(request));
  const parsed = lostDeviceForm.safeParse(values);
  const email = typeof values.email === "string" ? values.email : "";
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) as FieldErrors, ended: false, email }, { status: 400 });
  const result = await endSessionsWithRecoveryCode(parsed.data.email, parsed.data.code, context.clientAddress);
  if (result === "ended") return json({ errors: {} as FieldErrors, ended: true, email: "" });
  const problem = result === "throttled" ? "lostDevice.throttled" : "lostDevice.refused";
  return json({ errors: { form: problem } as FieldErrors, ended: false, email }, { status: result === "throttled" ? 429 : 400 });
}

export default function LostDevice() {
  const t = useT();
  const data = useActionData<typeof action>();
  const errors = data?.errors ?? {};
  if (data?.ended) {
    return (
      <section className="narrow">
        <h1>{t("lostDevice.title")}</h1>
        <p role="status">{t("lostDevice.ended")}</p>
        <p>
          <Link to="/login">{t("nav.signIn")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("lostDevice.title")}</h1>
      <p>{t("lostDevice.lead")}</p>
      {errors.form ? (
        <p className="form-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <Field name="email" type="email" autoComplete="username" label={t("login.email")} defaultValue={data?.email ?? ""} error={errors.email && t(errors.email)} required />
        <Field name="code" autoComplete="off" label={t("lostDevice.code")} error={errors.code && t(errors.code)} required />
        <button type="submit" className="danger">
          {t("lostDevice.submit")}
        </button>
      </Form>
    </section>
  );
}
