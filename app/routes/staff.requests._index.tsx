// The triage queue: help requests waiting to be looked at, oldest first, with their age.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { pageTitle } from "~/i18n/meta";
import { isLocale, LOCALE_NAMES } from "~/i18n/catalogue";
import { useT } from "~/i18n/use-t";
import { countText, Pager } from "~/components/pager";
import { COUNT_CAP } from "~/db/paging";
import { queueFilter } from "~/requests/request-forms";
import { triageQueue } from "~/requests/requests.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "triage.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const filter = queueFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  const queue = await triageQueue(viewer, filter);
  const now = Date.now();
  return json({
    requests: queue.items.map((r) => ({ ...r, ageDays: Math.floor((now - r.createdAt.getTime()) / 86_400_000) })),
    next: queue.next,
    total: queue.total,
    countCap: COUNT_CAP,
  });
}

export default function TriageQueue() {
  const t = useT();
  const { requests, next, total, countCap } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section>
      <h1>{t("triage.title")}</h1>
      <p>
        <Link to="/staff/requests/new" className="button primary">
          {t("triage.enter")}
        </Link>
      </p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="status">{t("request.status")}</label>
          <select id="status" name="status" defaultValue={params.get("status") ?? "open"}>
            <option value="open">{t("triage.waiting")}</option>
            {(["accepted", "declined", "duplicate", "withdrawn"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`requestStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="urgency">{t("request.urgency")}</label>
          <select id="urgency" name="urgency" defaultValue={params.get("urgency") ?? ""}>
            <option value="">—</option>
            {(["urgent", "normal", "low"] as const).map((u) => (
              <option key={u} value={u}>
                {t(`urgency.${u}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      {requests.length === 0 ? (
        <p>{t("triage.empty")}</p>
      ) : (
        <>
        <p>{t("paging.total", { count: countText(total, countCap) })}</p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("request.code")}</th>
              <th scope="col">{t("person.preferredName")}</th>
              <th scope="col">{t("request.urgency")}</th>
              <th scope="col">{t("triage.age")}</th>
              <th scope="col">{t("lang.label")}</th>
              <th scope="col">{t("request.status")}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/staff/requests/${r.id}`}>{r.code}</Link>
                </td>
                <td className="pii">{r.preferredName}</td>
                <td className={r.urgency === "urgent" ? "warn" : undefined}>{t(`urgency.${r.urgency}`)}</td>
                <td>{t("triage.days", { days: r.ageDays })}</td>
                {/* A request's language is one of ours: named in itself, as the language switcher names it. */}
                <td>{isLocale(r.language) ? LOCALE_NAMES[r.language] : r.language}</td>
                <td>
                  {t(`requestStatus.${r.status}`)}
                  {r.status === "in_triage" && r.triagedBy ? ` · ${r.triagedBy.displayName}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </>
      )}
      <Pager next={next} />
    </section>
  );
}
