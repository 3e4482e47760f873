// The audit log for administrators: filter by person, account, action and date; export as
// CSV after a fresh second-factor code.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AUDIT_ACTIONS } from "~/audit/actions";
import { auditFilterSchema, EXPORT_PROBLEMS, searchAuditLog } from "~/audit-log/audit-log.server";
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
  if (!parsed.success) return json({ rows: [], next: null, total: 0, countCap: COUNT_CAP, exportError: undefined, errors: fieldErrors(parsed.error) as FieldErrors }, { status: 400 });
  const page = await searchAuditLog(admin, parsed.data);
  // After a refused export (admin.audit.export.tsx): what was wrong with the code.
  const exportError = z.enum(EXPORT_PROBLEMS).optional().catch(undefined).parse(new URL(request.url).searchParams.get("exportError") ?? undefined);
  return json({ rows: page.items, next: page.next, total: page.total, countCap: COUNT_CAP, exportError, errors: {} as FieldErrors });
}

export default function AuditLog() {
  const t = useT();
  const { rows, next, total, countCap, exportError, errors: filterErrors } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const value = (name: string) => params.get(name) ?? "";
  const filterFields = (
    <>
      <Field name="personId" label={t("audit.person")} defaultValue={value("personId")} />
      <Field name="accountId" label={t("audit.account")} defaultValue={value("accountId")} />
      <div className="field">
        <label htmlFor="action">{t("audit.action")}</label>
        <select id="action" name="action" defaultValue={value("action")}>
          <option value="">—</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </div>
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
        {["personId", "accountId", "action", "from", "to"].map((name) => (
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
                <td>{row.at.slice(0, 19).replace("T", " ")}</td>
                <td>{row.actorId ?? "—"}</td>
                <td>{row.action}</td>
                <td>{row.entityType ? `${row.entityType} ${row.entityId ?? ""}` : "—"}</td>
                <td>{row.personId ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager next={next} />
    </section>
  );
}
