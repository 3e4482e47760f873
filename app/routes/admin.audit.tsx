// The audit log for administrators: filter by person, account, action and date; export as
// CSV after a fresh second-factor code.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AUDIT_ACTIONS } from "~/audit/actions";
import { workingAccounts } from "~/accounts/accounts.server";
import { auditFilterSchema, EXPORT_PROBLEMS, searchAuditLog } from "~/audit-log/audit-log.server";
import { serverConfig } from "~/config/env.server";
import { SelectField } from "~/components/select-field";
import { localeFor } from "~/i18n/locale.server";
import { momentsOf } from "~/i18n/moments";
import { requireArea } from "~/auth/session.server";
import { countText, Pager } from "~/components/pager";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { COUNT_CAP } from "~/db/paging";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireArea(request, "admin");
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  // The staff's and partners' accounts, to filter by name rather than by id.
  const [accounts, locale] = await Promise.all([workingAccounts(), localeFor(request)]);
  const choices = accounts.map((account) => ({ value: account.id, label: `${account.displayName} (${account.email})` }));
  if (!parsed.success) return json({ rows: [] as Awaited<ReturnType<typeof searchAuditLog>>["items"], next: null, total: 0, countCap: COUNT_CAP, exportError: undefined as (typeof EXPORT_PROBLEMS)[number] | undefined, errors: fieldErrors(parsed.error) as FieldErrors, accounts: choices, moments: {} as Record<string, string> }, { status: 400 });
  const page = await searchAuditLog(admin, parsed.data);
  // After a refused export (admin.audit.export.tsx): what was wrong with the code.
  const exportError = z.enum(EXPORT_PROBLEMS).optional().catch(undefined).parse(new URL(request.url).searchParams.get("exportError") ?? undefined);
  const moments = momentsOf(page.items.map((row) => row.at), locale, serverConfig().timeZone);
  return json({ rows: page.items, next: page.next, total: page.total, countCap: COUNT_CAP, exportError, errors: {} as FieldErrors, accounts: choices, moments });
}

export default function AuditLog() {
  const t = useT();
  const { rows, next, total, countCap, exportError, errors: filterErrors, accounts, moments } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const value = (name: string) => params.get(name) ?? "";
  const filterFields = (
    <>
      {value("personId") ? <input type="hidden" name="personId" value={value("personId")} /> : null}
      <Field name="caseCode" label={t("audit.person")} defaultValue={value("caseCode")} />
      <SelectField name="accountId" label={t("audit.account")} empty options={accounts} defaultValue={value("accountId")} />
      <SelectField name="action" label={t("audit.action")} empty options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`auditAction.${action}`) }))} defaultValue={value("action")} />
      <Field name="from" type="date" label={t("audit.from")} defaultValue={value("from")} error={filterErrors.from ? t(filterErrors.from) : undefined} />
      <Field name="to" type="date" label={t("audit.to")} defaultValue={value("to")} error={filterErrors.to ? t(filterErrors.to) : undefined} />
    </>
  );
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <Form method="get" className="filters">
        {filterFields}
        <button type="submit">{t("audit.filter")}</button>
      </Form>

      <h2>{t("audit.export")}</h2>
      <Form method="post" action="/admin/audit/export" className="filters" reloadDocument>
        {["personId", "caseCode", "accountId", "action", "from", "to"].map((name) => (
          <input key={name} type="hidden" name={name} value={value(name)} />
        ))}
        <Field name="code" label={t("audit.exportCode")} autoComplete="one-time-code" inputMode="numeric" error={exportError ? t(exportError) : undefined} required />
        <button type="submit">{t("audit.exportSubmit")}</button>
      </Form>

      {rows.length === 0 ? (
        <p>{t("audit.none")}</p>
      ) : (
        <p>{t("paging.total", { count: countText(total, countCap) })}</p>
      )}
      {rows.length === 0 ? null : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.account")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.record")}</th>
              <th scope="col">{t("audit.person")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <time dateTime={row.at}>{moments[row.at]}</time>
                </td>
                <td>{row.actor ?? "—"}</td>
                <td>{t(`auditAction.${row.action as (typeof AUDIT_ACTIONS)[number]}`)}</td>
                <td>{row.entityType ? t(`auditRecord.${row.entityType as "case"}`) : "—"}</td>
                <td>{row.caseCode ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager next={next} />
    </section>
  );
}
