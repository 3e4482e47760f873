// The administrator's accounts page: invite, revoke all sessions, reset the second factor,
// disable and enable.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { accountActionForm, changeRoleForm, inviteForm, STAFF_ROLES } from "~/accounts/account-forms";
import { changeRole, inviteAccount, listAccounts, partnerOrganisations, resetSecondFactor, revokeSessions, setAccountEnabled } from "~/accounts/accounts.server";
import { SelectField } from "~/components/select-field";
import { requireArea } from "~/auth/session.server";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { LOCALE_NAMES, LOCALES } from "~/i18n/catalogue";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { readForm } from "~/http/form.server";
import { saveOnce } from "~/http/sent-once.server";
import { SavingForm } from "~/components/saving-form";
import type { Viewer } from "~/auth/session.server";
import { Confirmed } from "~/components/confirmed-action";
import { ActionButton } from "~/components/action-button";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.accounts.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireArea(request, "admin");
  const [accounts, organizations] = await Promise.all([listAccounts(), partnerOrganisations()]);
  return json({ accounts, organizations, viewerId: admin.accountId });
}

type ActionData = { errors: FieldErrors; done: "invited" | "revoked" | "reset" | "disabled" | "enabled" | "roleChanged" | null; values?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireArea(request, "admin");
  const sent = await readForm(request);
  return saveOnce(request, sent, admin.accountId, () => changeAccounts(admin, Object.fromEntries(sent)));
}

async function changeAccounts(admin: Viewer, form: Record<string, FormDataEntryValue>) {
  if (form.intent === "invite") {
    // Refused, the form comes back as it was typed (without JavaScript the page is drawn anew).
    const values = Object.fromEntries(["email", "displayName", "role", "organizationId", "locale"].map((name) => [name, String(form[name] ?? "")]));
    const parsed = inviteForm.safeParse(form);
    if (!parsed.success) return json<ActionData>({ errors: fieldErrors(parsed.error), done: null, values }, { status: 400 });
    const invited = await inviteAccount(admin, parsed.data);
    if (!invited.ok) return json<ActionData>({ errors: { [invited.field]: invited.problem }, done: null, values }, { status: 400 });
    return json<ActionData>({ errors: {}, done: "invited" });
  }
  if (form.intent === "change-role") {
    const change = changeRoleForm.safeParse(form);
    if (!change.success) return json<ActionData>({ errors: fieldErrors(change.error), done: null }, { status: 400 });
    const changed = await changeRole(admin, change.data);
    if (changed === "self") return json<ActionData>({ errors: { form: "admin.accounts.notYourRole" }, done: null }, { status: 400 });
    if (changed === "stale") return json<ActionData>({ errors: { form: "form.stale" }, done: null }, { status: 409 });
    return json<ActionData>({ errors: {}, done: "roleChanged" });
  }
  const parsed = accountActionForm.safeParse(form);
  if (!parsed.success) return json<ActionData>({ errors: { form: "form.errorSummary" }, done: null }, { status: 400 });
  if (parsed.data.intent === "revoke-sessions") {
    await revokeSessions(admin, parsed.data.accountId);
    return json<ActionData>({ errors: {}, done: "revoked" });
  }
  if (parsed.data.intent === "disable" || parsed.data.intent === "enable") {
    const done = await setAccountEnabled(admin, parsed.data.accountId, parsed.data.intent === "enable");
    if (done === "self") return json<ActionData>({ errors: { form: "admin.accounts.notYourself" }, done: null }, { status: 400 });
    return json<ActionData>({ errors: {}, done });
  }
  await resetSecondFactor(admin, parsed.data.accountId);
  return json<ActionData>({ errors: {}, done: "reset" });
}

export default function AdminAccounts() {
  const t = useT();
  const locale = useLocale();
  const { accounts, organizations, viewerId } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors ?? {};
  const typed = data?.values ?? {};
  return (
    <section>
      <h1>{t("admin.accounts.title")}</h1>
      {data?.done ? <p role="status">{t(`admin.accounts.done.${data.done}`)}</p> : null}
      {errors.form ? (
        <p className="form-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}

      <h2>{t("admin.accounts.invite")}</h2>
      <SavingForm noValidate className="narrow" once="invite">
        <input type="hidden" name="intent" value="invite" />
        <Field name="email" type="email" label={t("login.email")} defaultValue={typed.email} error={errors.email ? t(errors.email) : undefined} required />
        <Field name="displayName" label={t("admin.accounts.name")} defaultValue={typed.displayName} error={errors.displayName ? t(errors.displayName) : undefined} required />
        <SelectField
          name="role"
          label={t("admin.accounts.role")}
          options={(["caseworker", "coordinator", "partner", "admin"] as const).map((role) => ({ value: role, label: t(`role.${role}`) }))}
          defaultValue={typed.role || "caseworker"}
          error={errors.role ? t(errors.role) : undefined}
        />
        <SelectField
          name="organizationId"
          label={t("admin.accounts.organization")}
          empty
          options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
          defaultValue={typed.organizationId ?? ""}
          error={errors.organizationId ? t(errors.organizationId) : undefined}
        />
        <SelectField name="locale" label={t("lang.label")} options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))} defaultValue={typed.locale || locale} error={errors.locale ? t(errors.locale) : undefined} />
        <button type="submit" className="primary">
          {t("admin.accounts.inviteSubmit")}
        </button>
      </SavingForm>

      <h2>{t("admin.accounts.list")}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("login.email")}</th>
            <th scope="col">{t("admin.accounts.role")}</th>
            <th scope="col">{t("admin.accounts.status")}</th>
            <th scope="col">{t("admin.accounts.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id}>
              <td>
                {account.email}
                <br />
                <span className="muted">{account.displayName}</span>
              </td>
              <td>
                {t(`role.${account.role}`)}
                {account.organization ? ` · ${account.organization.name}` : ""}
              </td>
              <td>{t(`accountStatus.${account.status}`)}</td>
              <td className="row-actions">
                <Form method="post">
                  <input type="hidden" name="accountId" value={account.id} />
                  <button type="submit" name="intent" value="revoke-sessions">
                    {t("admin.accounts.revokeSessions")}
                  </button>
                  {account.status === "disabled" ? (
                    <button type="submit" name="intent" value="enable">
                      {t("admin.accounts.enable")}
                    </button>
                  ) : (
                    <button type="submit" name="intent" value="disable">
                      {t("admin.accounts.disable")}
                    </button>
                  )}
                </Form>
                {(STAFF_ROLES as readonly string[]).includes(account.role) && account.id !== viewerId ? (
                  <SavingForm className="inline-form">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="accountId" value={account.id} />
                    <input type="hidden" name="fromRole" value={account.role} />
                    <SelectField name="role" id={`role-${account.id}`} label={t("admin.accounts.newRole")} options={STAFF_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} defaultValue={account.role} />
                    <button type="submit">{t("admin.accounts.changeRole")}</button>
                  </SavingForm>
                ) : null}
                <Confirmed label={t("admin.accounts.resetSecondFactor")} question={t("admin.accounts.resetSecondFactorQuestion")}>
                  <ActionButton intent="reset-second-factor" fields={{ accountId: account.id }} label={t("admin.accounts.resetSecondFactorConfirm")} />
                </Confirmed>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
