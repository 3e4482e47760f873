// The staff overview: a caseworker's caseload; for coordinators, the unassigned cases and the
// caseload of each caseworker, with one-click assignment.
import { dayText, daysOf } from "~/i18n/moments";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { holdsCaseload, mayAssignCases } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { caseForm } from "~/cases/case-forms";
import { changeCase } from "~/cases/case-work.server";
import { coordinatorBoard, myCaseload, staffOverview } from "~/cases/cases.server";
import { countText, Pager } from "~/components/pager";
import { Stats } from "~/components/stats";
import { afterParam, COUNT_CAP, HELD_CAP } from "~/db/paging";
import { notFound } from "~/http/not-found";
import { pageTitle } from "~/i18n/meta";
import { countryName, languageName } from "~/i18n/display-names";
import { localeFor } from "~/i18n/locale.server";
import { trackName } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "shell.staff.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const after = afterParam.parse(new URL(request.url).searchParams.get("after") ?? undefined);
  const [overview, caseload, board, locale] = await Promise.all([
    staffOverview(viewer),
    holdsCaseload(viewer) ? myCaseload(viewer, after) : Promise.resolve(null),
    mayAssignCases(viewer) ? coordinatorBoard(after) : Promise.resolve(null),
    localeFor(request),
  ]);
  // Days, languages and countries named here, not in the browser, whose names may differ from the server's.
  const named = board && {
    ...board,
    unassigned: {
      ...board.unassigned,
      items: board.unassigned.items.map((c) => ({
        ...c,
        openedOn: dayText(c.openedAt, locale),
        language: c.language && languageName(c.language, locale),
        country: c.country && countryName(c.country, locale),
      })),
    },
  };
  // Due days in words, in the viewer's language.
  const days = daysOf(caseload?.items.map((c) => c.nextTask?.dueOn) ?? [], locale);
  return json({ overview, caseload, board: named, countCap: COUNT_CAP, heldCap: HELD_CAP, days });
}

/** One-click assignment from the board. */
export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  if (!mayAssignCases(viewer)) throw notFound();
  const form = Object.fromEntries(await readForm(request));
  const parsed = caseForm.safeParse({ ...form, intent: "assign" });
  if (!parsed.success || typeof form.caseId !== "string") return json({ problem: "form.errorSummary" as const }, { status: 400 });
  const result = await changeCase(viewer, form.caseId, parsed.data);
  return result.ok ? json({ problem: null }) : json({ problem: result.problem }, { status: result.status });
}

export default function StaffHome() {
  const t = useT();
  const locale = useLocale();
  const { overview, caseload, board, countCap, heldCap, days } = useLoaderData<typeof loader>();
  const count = (value: number) => countText(value, countCap);
  const held = (value: number) => countText(value, heldCap);
  const problem = useActionData<typeof action>()?.problem;
  const items =
    overview.scope === "own"
      ? [
          { label: t("stat.myOpenCases"), value: held(overview.myOpenCases) },
          { label: t("stat.myOverdueTasks"), value: count(overview.myOverdueTasks), href: "/staff/tasks" },
        ]
      : [
          { label: t("stat.newRequests"), value: count(overview.newRequests), href: "/staff/requests" },
          { label: t("stat.openCases"), value: count(overview.openCases) },
          { label: t("stat.unassignedCases"), value: count(overview.unassignedCases), href: "#unassigned" },
          { label: t("stat.overdueTasks"), value: count(overview.overdueTasks), href: "/staff/tasks?assignee=anyone" },
          { label: t("stat.waitingReferrals"), value: count(overview.waitingReferrals), href: "/staff/referrals" },
        ];
  return (
    <section>
      <h1>{t("shell.staff.title")}</h1>
      <Stats items={items} />
      {problem ? (
        <p className="form-error" role="alert">
          {t(problem)}
        </p>
      ) : null}

      {caseload ? (
        <>
          <h2>{t("caseload.mine")}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("caseload.case")}</th>
                <th scope="col">{t("caseload.status")}</th>
                <th scope="col">{t("caseload.nextTask")}</th>
                <th scope="col">{t("caseload.overdue")}</th>
                <th scope="col">{t("caseload.unread")}</th>
              </tr>
            </thead>
            <tbody>
              {caseload.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/staff/cases/${c.id}`}>{c.caseCode}</Link> · <span className="pii">{c.preferredName}</span>
                  </td>
                  <td>{t(`caseState.${c.status}`)}</td>
                  <td>{c.nextTask ? `${days[c.nextTask.dueOn]} · ${c.nextTask.title}` : "—"}</td>
                  <td className={c.overdue ? "warn" : undefined}>{c.overdue}</td>
                  <td>{c.unread}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager next={caseload.next} />
        </>
      ) : null}

      {board ? (
        <>
          <h2>{t("caseload.perCaseworker")}</h2>
          <ul className="record-list">
            {board.caseworkers.map((a) => (
              <li key={a.id}>
                {a.displayName}: {held(a.openCases)}
              </li>
            ))}
          </ul>
          <h2 id="unassigned">{t("stat.unassignedCases")}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("caseload.case")}</th>
                <th scope="col">{t("request.urgency")}</th>
                <th scope="col">{t("board.tracks")}</th>
                <th scope="col">{t("board.language")}</th>
                <th scope="col">{t("board.country")}</th>
                <th scope="col">{t("board.assign")}</th>
              </tr>
            </thead>
            <tbody>
              {board.unassigned.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/staff/cases/${c.id}`}>{c.caseCode}</Link>
                    <br />
                    {t("board.openedOn", { date: c.openedOn })}
                  </td>
                  <td className={c.urgency === "urgent" ? "warn" : undefined}>{c.urgency ? t(`urgency.${c.urgency}`) : "—"}</td>
                  <td>{c.tracks.map((track) => trackName(track, locale)).join(", ") || "—"}</td>
                  <td>{c.language ?? "—"}</td>
                  <td>{c.country ?? "—"}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="caseId" value={c.id} />
                      <input type="hidden" name="version" value={c.version} />
                      <label className="visually-hidden" htmlFor={`assign-${c.id}`}>
                        {t("case.assignTo")}
                      </label>
                      <select id={`assign-${c.id}`} name="accountId" defaultValue="">
                        <option value="">{t("case.assignTo")}</option>
                        {board.caseworkers.map((a) => (
                          <option key={a.id} value={a.id}>
                            {a.displayName}
                          </option>
                        ))}
                      </select>
                      <button type="submit">{t("case.assign")}</button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager next={board.unassigned.next} />
        </>
      ) : null}
    </section>
  );
}
