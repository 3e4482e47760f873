// Practical support that waits: requests a coordinator decides, then approved support to pay,
// the oldest first. A coordinator sees the organisation's; a caseworker their own cases'. Each
// row leads to the record on its case, where it is decided, paid or cancelled.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { assistanceQueue } from "~/assistance/assistance.server";
import { moneyText } from "~/assistance/money";
import { requireArea } from "~/auth/session.server";
import { localeFor } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { daysOf } from "~/i18n/moments";
import { useLocale, useT } from "~/i18n/use-t";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "assistance.queueTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const [queue, locale] = await Promise.all([assistanceQueue(viewer), localeFor(request)]);
  return json({
    ...queue,
    days: daysOf(
      queue.records.map((record) => record.createdAt),
      locale
    ),
  });
}

export default function SupportQueue() {
  const t = useT();
  const locale = useLocale();
  const { records, total, days } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("assistance.queueTitle")}</h1>
      <p className="lead">{t("assistance.queueLead")}</p>
      {records.length === 0 ? (
        <p className="muted">{t("assistance.queueEmpty")}</p>
      ) : (
        <table className="table">
          <caption>{records.length < total ? t("assistance.queueShown", { shown: records.length, total }) : t("assistance.queueCount", { count: total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("assistance.caseCode")}</th>
              <th scope="col">{t("assistance.kind")}</th>
              <th scope="col">{t("assistance.amount")}</th>
              <th scope="col">{t("assistance.source")}</th>
              <th scope="col">{t("assistance.status")}</th>
              <th scope="col">{t("assistance.requestedBy")}</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <tr key={record.id}>
                <td>
                  <Link to={`/staff/cases/${record.caseId}#support-${record.id}`}>{record.caseCode}</Link>
                </td>
                <td>{t(`assistanceKind.${record.kind}`)}</td>
                <td>
                  {moneyText(record.amountMinor, record.currency, locale)}
                  {record.currency !== record.fundingSource.currency ? ` (${moneyText(record.sourceAmountMinor, record.fundingSource.currency, locale)})` : ""}
                </td>
                <td>{record.fundingSource.name}</td>
                <td>
                  {t(`assistanceStatus.${record.status}`)}
                  {record.overBudget && record.status === "requested" ? <span className="flag"> · {t("assistance.overBudget")}</span> : null}
                </td>
                <td>
                  {record.requestedBy ?? "—"} · {days[record.createdAt]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
