// Tasks across cases: "my tasks" for a caseworker, and the organisation's overdue tasks for a
// coordinator (the overview's tile links here), with filters; a page at a time.
import { daysOf } from "~/i18n/moments";
import { localeFor } from "~/i18n/locale.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { mayAssignCases } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { caseworkerChoices } from "~/cases/cases.server";
import { LATE_BY, taskFilter } from "~/cases/task-forms";
import { taskList } from "~/cases/tasks.server";
import { countText, Pager } from "~/components/pager";
import { SelectField } from "~/components/select-field";
import { COUNT_CAP } from "~/db/paging";
import { pageTitle } from "~/i18n/meta";
import { trackName } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { activeTracks } from "~/requests/requests.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tasks.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const filter = taskFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  const everyone = mayAssignCases(viewer);
  const [tasks, tracks, caseworkers, locale] = await Promise.all([taskList(viewer, filter), activeTracks(), everyone ? caseworkerChoices() : Promise.resolve([]), localeFor(request)]);
  const days = daysOf(tasks.items.map((task) => task.dueOn), locale);
  return json({ tasks, tracks, caseworkers, mine: tasks.assignee === viewer.accountId, countCap: COUNT_CAP, days });
}

export default function Tasks() {
  const t = useT();
  const locale = useLocale();
  const { tasks, tracks, caseworkers, mine, countCap, days } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section>
      <h1>{t("tasks.title")}</h1>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="when">{t("tasks.when")}</label>
          <select id="when" name="when" defaultValue={params.get("when") ?? "overdue"}>
            <option value="overdue">{t("tasks.overdue")}</option>
            <option value="open">{t("tasks.open")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="assignee">{t("tasks.assignee")}</label>
          <select id="assignee" name="assignee" defaultValue={params.get("assignee") ?? (mine ? "me" : "anyone")}>
            <option value="me">{t("tasks.me")}</option>
            <option value="anyone">{t("tasks.anyone")}</option>
            {caseworkers.map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName}
              </option>
            ))}
          </select>
        </div>
        <SelectField name="track" label={t("search.track")} empty options={tracks.map((track) => ({ value: track.id, label: trackName(track, locale) }))} defaultValue={params.get("track") ?? ""} />
        <SelectField
          name="lateBy"
          label={t("tasks.lateBy")}
          empty
          options={LATE_BY.map((days) => ({ value: String(days), label: t("triage.days", { days }) }))}
          defaultValue={params.get("lateBy") ?? ""}
        />
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      {tasks.items.length === 0 ? (
        <p>{t("tasks.empty")}</p>
      ) : (
        <>
          <p>{t("paging.total", { count: countText(tasks.total, countCap) })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("tasks.due")}</th>
                <th scope="col">{t("tasks.task")}</th>
                <th scope="col">{t("caseload.case")}</th>
                <th scope="col">{t("tasks.assignee")}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.items.map((task) => (
                <tr key={task.id}>
                  <td className={task.daysLate > 0 ? "warn" : undefined}>
                    {days[task.dueOn]}
                    {task.daysLate > 0 ? ` · ${t("tasks.late", { days: task.daysLate })}` : ""}
                  </td>
                  <td>{task.title}</td>
                  <td>
                    <Link to={`/staff/cases/${task.caseId}`}>{task.caseCode}</Link> · <span className="pii">{task.preferredName}</span>
                  </td>
                  <td>{task.assignee ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Pager next={tasks.next} />
    </section>
  );
}
