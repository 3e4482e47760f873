// Everything held about the person: shown as a readable page (which the browser can print or
// save as PDF), or downloaded as a JSON file by /me/data/download. Both ask for the password
// (and the authenticator code, if the person set one up) again.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { confirmIdentity, hasSecondFactor } from "~/auth/reauth.server";
import { requireArea } from "~/auth/session.server";
import { AreaShell, personalSpaceNav } from "~/components/area-shell";
import { DataTree } from "~/components/data-tree";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import type { MessageKey } from "~/i18n/en";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { myData, type MyData } from "~/persons/my-data.server";
import { exportForm } from "~/persons/personal-space-forms";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "export.title");
// Works without JavaScript and loads none (a person at risk may browse with scripts off).
export const handle = { scripts: false };

// The download answers a refused confirmation by coming back here with the field and the problem.
const RETURNED_PROBLEMS: Record<string, { field: "password" | "code"; problem: MessageKey }> = {
  password: { field: "password", problem: "password.currentWrong" },
  code: { field: "code", problem: "twoFactor.codeWrong" },
  missing: { field: "password", problem: "login.passwordRequired" },
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "me");
  const returned = RETURNED_PROBLEMS[new URL(request.url).searchParams.get("problem") ?? ""] ?? null;
  return json({ secondFactor: await hasSecondFactor(viewer), returned });
}

type ActionData = { errors: FieldErrors; data?: MyData };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "me");
  const parsed = exportForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json<ActionData>({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const refused = await confirmIdentity(viewer, parsed.data.password, parsed.data.code);
  if (refused) return json<ActionData>({ errors: { [refused.field]: refused.problem } }, { status: 400 });
  return json<ActionData>({ errors: {}, data: await myData(viewer) });
}

export default function MyDataPage() {
  const t = useT();
  const { secondFactor, returned } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: FieldErrors = result?.errors ?? (returned ? { [returned.field]: returned.problem } : {});
  const error = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  if (result?.data) {
    return (
      <AreaShell title={t("export.title")} lead={t("export.pageLead")} role="client" nav={personalSpaceNav(t)}>
        <article className="data-export">
          <DataTree value={result.data} />
        </article>
      </AreaShell>
    );
  }
  return (
    <AreaShell title={t("export.title")} lead={t("export.lead")} role="client" nav={personalSpaceNav(t)}>
      <p className="muted">{t("export.deviceWarning")}</p>
      {/* A plain form: the JSON file is a download, which only the browser itself can receive. */}
      <Form method="post" className="narrow" reloadDocument>
        <Field name="password" type="password" label={t("account.currentPassword")} autoComplete="current-password" required error={error("password")} />
        {secondFactor ? <Field name="code" label={t("twoFactor.enrolCode")} autoComplete="one-time-code" inputMode="numeric" error={error("code")} /> : null}
        <button type="submit" name="format" value="page" className="primary">
          {t("export.showPage")}
        </button>{" "}
        <button type="submit" name="format" value="json" formAction="/me/data/download">
          {t("export.downloadJson")}
        </button>
      </Form>
    </AreaShell>
  );
}
