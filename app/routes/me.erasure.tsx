// A person asks for their data to be erased (or takes the request back while it waits).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { confirmIdentity, hasSecondFactor } from "~/auth/reauth.server";
import { requireArea } from "~/auth/session.server";
import { ActionButton } from "~/components/action-button";
import { AreaShell, personalSpaceNav } from "~/components/area-shell";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { localeFor } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { dayText } from "~/i18n/moments";
import { useT } from "~/i18n/use-t";
import { cancelErasure, myPendingErasure, requestErasure } from "~/persons/erasure.server";
import { erasureForm } from "~/persons/personal-space-forms";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "erasure.title");
// Works without JavaScript and loads none (a person at risk may browse with scripts off).
export const handle = { scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "me");
  const [pending, secondFactor, locale] = await Promise.all([myPendingErasure(viewer), hasSecondFactor(viewer), localeFor(request)]);
  return json({ pending: pending && { ...pending, requestedOn: dayText(pending.requestedAt, locale) }, secondFactor });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "me");
  const parsed = erasureForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json<{ errors: FieldErrors }>({ errors: fieldErrors(parsed.error) }, { status: 400 });
  if (parsed.data.intent === "cancel") {
    await cancelErasure(viewer);
    return redirect("/me/erasure");
  }
  const refused = await confirmIdentity(viewer, parsed.data.password, parsed.data.code);
  if (refused) return json<{ errors: FieldErrors }>({ errors: { [refused.field]: refused.problem } }, { status: 400 });
  await requestErasure(viewer);
  return redirect("/me/erasure");
}

export default function MyErasure() {
  const t = useT();
  const { pending, secondFactor } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors ?? {};
  const error = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  return (
    <AreaShell title={t("erasure.title")} lead={t("erasure.lead")} role="client" nav={personalSpaceNav(t)}>
      {pending ? (
        <>
          <p className="notice" role="status">
            {t("erasure.pending", { date: pending.requestedOn })}
          </p>
          <ActionButton intent="cancel" label={t("erasure.cancel")} />
        </>
      ) : (
        <Form method="post" className="narrow">
          <input type="hidden" name="intent" value="request" />
          <p>{t("erasure.whatStays")}</p>
          <p>{t("erasure.exportFirst")}</p>
          <div className="field">
            <label className="check">
              <input type="checkbox" name="understood" aria-describedby={error("understood") ? "understood-error" : undefined} /> {t("erasure.understand")}
            </label>
            {error("understood") ? (
              <p className="field-error" id="understood-error">
                {error("understood")}
              </p>
            ) : null}
          </div>
          <Field name="password" type="password" label={t("account.currentPassword")} autoComplete="current-password" error={error("password")} />
          {secondFactor ? <Field name="code" label={t("twoFactor.enrolCode")} autoComplete="one-time-code" inputMode="numeric" error={error("code")} /> : null}
          <button type="submit" className="danger">
            {t("erasure.request")}
          </button>
        </Form>
      )}
    </AreaShell>
  );
}
