// A case: status with reasons, caseworker, needs per track, goals, activities, notes, tasks,
// and one timeline of all of it. Every form works without JavaScript; a stale form is refused
// and the person's input stays on the page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { mayAssignCases } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { ACTIVITY_KINDS, CASE_TRANSITIONS, caseForm, CLOSE_REASONS, GOAL_STATUSES, NEED_LEVELS, type CaseIntent } from "~/cases/case-forms";
import { changeCase } from "~/cases/case-work.server";
import { caseworkerChoices, viewCase } from "~/cases/cases.server";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { activeTracks } from "~/requests/requests.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "case.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const found = await viewCase(viewer, params.caseId ?? "");
  const mayAssign = mayAssignCases(viewer);
  const [tracks, caseworkers] = await Promise.all([activeTracks(), mayAssign ? caseworkerChoices() : Promise.resolve([] as { id: string; displayName: string }[])]);
  return json({ found, tracks, caseworkers, mayAssign, viewerId: viewer.accountId, today: new Date().toISOString().slice(0, 10) });
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const values = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
  const intent = values.intent ?? "";
  const parsed = caseForm.safeParse(values);
  if (!parsed.success) return json<ActionData>({ intent, errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await changeCase(viewer, params.caseId ?? "", parsed.data);
  if (!result.ok) return json<ActionData>({ intent, errors: { [result.field]: result.problem }, values }, { status: result.status });
  return redirect(`/staff/cases/${params.caseId}#${intent}`);
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="case-section" id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

export default function CasePage() {
  const t = useT();
  const locale = useLocale();
  const { found, tracks, caseworkers, mayAssign, viewerId, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  // Errors and kept input belong to the form that was sent.
  const of = (intent: CaseIntent) => (data?.intent === intent ? data : null);
  const err = (intent: CaseIntent, field: string) => {
    const key = of(intent)?.errors[field];
    return key ? t(key) : undefined;
  };
  const val = (intent: CaseIntent, field: string, fallback = "") => of(intent)?.values[field] ?? fallback;
  const trackName = (id: string) => {
    const track = tracks.find((x) => x.id === id);
    return track ? (locale === "be" ? track.nameBe : locale === "ru" ? track.nameRu : track.nameEn) : "";
  };
  const trackLabel = (key: string) => tracks.find((x) => x.key === key)?.id ?? "";
  const lead = found.assignments.find((a) => a.kind === "lead" && !a.endedAt);
  const formError = data?.errors.form ? (
    <p className="form-error" role="alert">
      {t(data.errors.form)}
    </p>
  ) : null;

  return (
    <article className="case">
      <p className="role-badge">{found.person.caseCode}</p>
      <h1>
        {t("case.title")}: <Link to={`/staff/persons/${found.person.id}`}>{found.person.preferredName}</Link>
      </h1>
      <p className="case-status">
        {t("caseload.status")}: <strong>{t(`caseState.${found.status}`)}</strong>
        {found.closeReason ? ` · ${t(`closeReason.${found.closeReason}`)}` : ""} · {t("case.lead")}: {lead ? lead.account.displayName : t("case.noLead")}
      </p>
      {formError}

      <Section id="status" title={t("case.statusTitle")}>
        <Form method="post" className="narrow">
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="version" value={val("status", "version", String(found.version))} />
          <div className="field">
            <label htmlFor="status-select">{t("case.newStatus")}</label>
            <select id="status-select" name="status" defaultValue={val("status", "status")}>
              <option value="">—</option>
              {CASE_TRANSITIONS[found.status].map((s) => (
                <option key={s} value={s}>
                  {found.status === "closed" ? t("case.reopen") : t(`caseState.${s}`)}
                </option>
              ))}
            </select>
            {err("status", "status") ? <p className="field-error">{err("status", "status")}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="close-reason">{t("case.closeReason")}</label>
            <select id="close-reason" name="reason" defaultValue={val("status", "reason")}>
              <option value="">—</option>
              {CLOSE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`closeReason.${r}`)}
                </option>
              ))}
            </select>
            {err("status", "reason") ? <p className="field-error">{err("status", "reason")}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="status-note">{t("case.statusNote")}</label>
            <textarea id="status-note" name="note" rows={2} defaultValue={val("status", "note")} />
          </div>
          <button type="submit">{t("case.changeStatus")}</button>
        </Form>
      </Section>

      {mayAssign ? (
        <Section id="assign" title={t("case.assignTitle")}>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="assign" />
            <input type="hidden" name="version" value={found.version} />
            <label htmlFor="assign-select">{t("case.assignTo")}</label>
            <select id="assign-select" name="accountId" defaultValue={lead?.account.id ?? ""}>
              <option value="">—</option>
              {caseworkers.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName}
                </option>
              ))}
            </select>
            <button type="submit">{t("case.assign")}</button>
          </Form>
          {err("assign", "accountId") ? <p className="field-error">{err("assign", "accountId")}</p> : null}
        </Section>
      ) : null}

      <Section id="assess" title={t("case.needsTitle")}>
        <ul className="record-list">
          {found.assessments.map((a) => (
            <li key={a.id}>
              {trackName(a.track.id)}: {t(`needLevel.${a.level}`)}
              {a.summary ? ` — ${a.summary}` : ""}
            </li>
          ))}
        </ul>
        <Form method="post" className="narrow">
          <input type="hidden" name="intent" value="assess" />
          <TrackSelect id="assess-track" label={t("search.track")} tracks={tracks} trackName={trackName} defaultValue={val("assess", "trackId")} error={err("assess", "trackId")} />
          <div className="field">
            <label htmlFor="assess-level">{t("case.needLevel")}</label>
            <select id="assess-level" name="level" defaultValue={val("assess", "level", "medium")}>
              {NEED_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`needLevel.${l}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="assess-summary">{t("case.needSummary")}</label>
            <textarea id="assess-summary" name="summary" rows={2} defaultValue={val("assess", "summary")} />
          </div>
          <button type="submit">{t("case.assess")}</button>
        </Form>
      </Section>

      <Section id="add-goal" title={t("case.goals")}>
        <ul className="record-list">
          {found.goals.map((goal) => (
            <li key={goal.id}>
              <strong>{goal.title}</strong> ({trackName(trackLabel(goal.track.key))}) · {t(`goalStatus.${goal.status}`)}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="goal-status" />
                <input type="hidden" name="goalId" value={goal.id} />
                <input type="hidden" name="goalVersion" value={goal.version} />
                <label className="visually-hidden" htmlFor={`goal-${goal.id}`}>
                  {t("case.goalStatus")}
                </label>
                <select id={`goal-${goal.id}`} name="status" defaultValue={goal.status}>
                  {GOAL_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`goalStatus.${s}`)}
                    </option>
                  ))}
                </select>
                <button type="submit">{t("form.save")}</button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="narrow">
          <input type="hidden" name="intent" value="add-goal" />
          <TrackSelect id="goal-track" label={t("search.track")} tracks={tracks} trackName={trackName} defaultValue={val("add-goal", "trackId")} error={err("add-goal", "trackId")} />
          <Field name="title" id="goal-title" label={t("case.goalTitle")} defaultValue={val("add-goal", "title")} error={err("add-goal", "title")} />
          <Field name="targetDate" id="goal-date" type="date" label={t("case.targetDate")} defaultValue={val("add-goal", "targetDate")} error={err("add-goal", "targetDate")} />
          <button type="submit">{t("case.addGoal")}</button>
        </Form>
      </Section>

      <Section id="add-activity" title={t("case.activities")}>
        <Form method="post" className="narrow">
          <input type="hidden" name="intent" value="add-activity" />
          <div className="field">
            <label htmlFor="activity-kind">{t("case.activityKind")}</label>
            <select id="activity-kind" name="kind" defaultValue={val("add-activity", "kind", "call")}>
              {ACTIVITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`activityKind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <Field name="occurredOn" id="activity-date" type="date" label={t("case.activityDate")} defaultValue={val("add-activity", "occurredOn", today)} error={err("add-activity", "occurredOn")} />
          <div className="field">
            <label htmlFor="activity-goal">{t("case.forGoal")}</label>
            <select id="activity-goal" name="goalId" defaultValue={val("add-activity", "goalId")}>
              <option value="">—</option>
              {found.goals.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="activity-note">{t("case.activityNote")}</label>
            <textarea id="activity-note" name="note" rows={2} defaultValue={val("add-activity", "note")} />
          </div>
          <button type="submit">{t("case.addActivity")}</button>
        </Form>
      </Section>

      <Section id="add-task" title={t("case.tasks")}>
        <ul className="record-list">
          {found.tasks.map((task) => (
            <li key={task.id}>
              {task.dueOn.slice(0, 10)} · {task.title} · {task.assignee?.displayName ?? "—"} · {t(`taskStatus.${task.status}`)}
              {task.status === "open" ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="task-status" />
                  <input type="hidden" name="taskId" value={task.id} />
                  <input type="hidden" name="taskVersion" value={task.version} />
                  <button type="submit" name="status" value="done">
                    {t("case.taskDone")}
                  </button>
                  <button type="submit" name="status" value="cancelled">
                    {t("case.taskCancel")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        <Form method="post" className="narrow">
          <input type="hidden" name="intent" value="add-task" />
          <input type="hidden" name="assigneeId" value={viewerId} />
          <Field name="title" id="task-title" label={t("case.taskTitle")} defaultValue={val("add-task", "title")} error={err("add-task", "title")} />
          <Field name="dueOn" id="task-due" type="date" label={t("case.taskDue")} defaultValue={val("add-task", "dueOn", today)} error={err("add-task", "dueOn")} />
          <button type="submit">{t("case.addTask")}</button>
        </Form>
      </Section>

      <Section id="add-note" title={t("case.notes")}>
        <ul className="record-list">
          {found.notes.map((note) => (
            <li key={note.id}>
              {note.restricted ? <span className="role-badge">{t("case.restricted")}</span> : null} {note.body}
            </li>
          ))}
        </ul>
        <Form method="post" className="narrow">
          <input type="hidden" name="intent" value="add-note" />
          <div className="field">
            <label htmlFor="note-body">{t("case.noteBody")}</label>
            <textarea id="note-body" name="body" rows={3} defaultValue={val("add-note", "body")} />
            {err("add-note", "body") ? <p className="field-error">{err("add-note", "body")}</p> : null}
          </div>
          <label className="check">
            <input type="checkbox" name="restricted" /> {t("case.restrictedNote")}
          </label>
          <button type="submit">{t("case.addNote")}</button>
        </Form>
      </Section>

      <Section id="timeline" title={t("case.timeline")}>
        <ol className="timeline">
          {found.timeline.map((entry, index) => (
            <li key={index} data-kind={entry.kind}>
              <time dateTime={entry.at}>{entry.at.slice(0, 10)}</time> <strong>{t(`timeline.${entry.kind as "status"}`)}</strong>: {timelineLabel(t, entry)}
              {entry.detail ? ` — ${timelineDetail(t, entry)}` : ""}
            </li>
          ))}
        </ol>
      </Section>
    </article>
  );
}

type T = ReturnType<typeof useT>;
type Entry = { kind: string; label: string; detail?: string | null };

function timelineLabel(t: T, entry: Entry): string {
  if (entry.kind === "status") return t(`caseState.${entry.label as "open"}`);
  if (entry.kind === "assessment") return t(`track.${entry.label as "medical"}`);
  if (entry.kind === "activity") return t(`activityKind.${entry.label as "call"}`);
  if (entry.kind === "note") return entry.label === "restricted" ? t("case.restricted") : "";
  return entry.label;
}

function timelineDetail(t: T, entry: Entry): string {
  const detail = entry.detail ?? "";
  if (entry.kind === "status" && CLOSE_REASONS.includes(detail as "other")) return t(`closeReason.${detail as "other"}`);
  if (entry.kind === "assessment") return t(`needLevel.${detail as "low"}`);
  if (entry.kind === "goal") return t(`goalStatus.${detail as "identified"}`);
  if (entry.kind === "task-done") return t(`taskStatus.${detail as "done"}`);
  if (entry.kind === "referral") return t(`referralStatus.${detail as "sent"}`);
  return detail;
}

function TrackSelect(props: {
  id: string;
  label: string;
  tracks: { id: string }[];
  trackName: (id: string) => string;
  defaultValue: string;
  error: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name="trackId" defaultValue={props.defaultValue}>
        <option value="">—</option>
        {props.tracks.map((track) => (
          <option key={track.id} value={track.id}>
            {props.trackName(track.id)}
          </option>
        ))}
      </select>
      {props.error ? <p className="field-error">{props.error}</p> : null}
    </div>
  );
}
