// A case: status with reasons, caseworker, needs per track, goals, activities, notes, tasks,
// and one timeline of all of it. Every form works without JavaScript; a stale form is refused
// and the person's input stays on the page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { authorKind, mayAssignCases } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { serverConfig } from "~/config/env.server";
import { ACTIVITY_KINDS, CASE_TRANSITIONS, caseForm, CLOSE_REASONS, GOAL_STATUSES, NEED_LEVELS, type CaseIntent } from "~/cases/case-forms";
import { changeCase } from "~/cases/case-work.server";
import { CaseTasks } from "~/cases/case-tasks";
import { caseworkerChoices, viewCase } from "~/cases/cases.server";
import { ActionButton } from "~/components/action-button";
import { Field } from "~/components/field";
import { SelectField } from "~/components/select-field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { messageForm } from "~/messages/message-form";
import { markReadByStaff, sendToPerson } from "~/messages/messages.server";
import { trackName } from "~/i18n/track-name";
import { localeFor } from "~/i18n/locale.server";
import { momentText } from "~/i18n/moments";
import { useLocale, useT } from "~/i18n/use-t";
import { cancelReferralForm, CONSENT_METHODS, newReferralForm, OPEN_REFERRAL_STATUSES, referralMessageForm, SHAREABLE_FIELDS } from "~/referrals/referral-forms";
import { cancelReferral, messagePartner, referCase, servicesForCase } from "~/referrals/referral-work.server";
import { activeTracks } from "~/requests/requests.server";
import { readForm } from "~/http/form.server";
import { z } from "zod";

/** `?before=` an ISO moment: the case's history before it (older pages of the timeline). */
const beforeParam = z.string().datetime().optional().catch(undefined).transform((value) => (value ? new Date(value) : undefined));

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "case.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const before = beforeParam.parse(new URL(request.url).searchParams.get("before") ?? undefined);
  const found = await viewCase(viewer, params.caseId ?? "", before);
  const mayAssign = mayAssignCases(viewer);
  const [tracks, caseworkers, services] = await Promise.all([
    activeTracks(),
    mayAssign ? caseworkerChoices() : Promise.resolve([] as { id: string; displayName: string }[]),
    servicesForCase(viewer, found.id),
  ]);
  // Whom a task may be given to: the viewer, and whoever works on the case now.
  const team = [{ id: viewer.accountId, displayName: viewer.displayName }, ...found.assignments.filter((a) => !a.endedAt && a.account.id !== viewer.accountId).map((a) => a.account)];
  // Times of day in the organisation's zone, named here so that the browser shows the same.
  const { timeZone } = serverConfig();
  const locale = await localeFor(request);
  const timeline = found.timeline.map((entry) => ({ ...entry, when: momentText(entry.at, locale, timeZone) }));
  return json({ found: { ...found, timeline }, tracks, caseworkers, services, mayAssign, team, timeZone, viewerId: viewer.accountId, today: new Date().toISOString().slice(0, 10) });
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const caseId = params.caseId ?? "";
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const intent = values.intent ?? "";
  const refused = (errors: FieldErrors, status: number) => json<ActionData>({ intent, errors, values }, { status });

  let result;
  if (intent === "message") {
    const parsed = messageForm.safeParse(values);
    if (!parsed.success) return refused(fieldErrors(parsed.error), 400);
    await sendToPerson(viewer, caseId, parsed.data.body);
    return redirect(`/staff/cases/${caseId}#messages`);
  }
  if (intent === "mark-read") {
    await markReadByStaff(viewer, caseId);
    return redirect(`/staff/cases/${caseId}#messages`);
  }
  if (intent === "refer") {
    const parsed = newReferralForm.safeParse({ ...values, sharedFields: form.getAll("sharedFields").map(String) });
    if (!parsed.success) return refused(fieldErrors(parsed.error), 400);
    result = await referCase(viewer, caseId, parsed.data);
  } else if (intent === "referral-message") {
    const parsed = referralMessageForm.safeParse(values);
    if (!parsed.success) return refused(fieldErrors(parsed.error), 400);
    result = await messagePartner(viewer, caseId, parsed.data);
  } else if (intent === "cancel-referral") {
    const parsed = cancelReferralForm.safeParse(values);
    if (!parsed.success) return refused(fieldErrors(parsed.error), 400);
    result = await cancelReferral(viewer, caseId, parsed.data);
  } else {
    const parsed = caseForm.safeParse(values);
    if (!parsed.success) return refused(fieldErrors(parsed.error), 400);
    result = await changeCase(viewer, caseId, parsed.data);
  }
  if (!result.ok) return refused({ [result.field]: result.problem }, result.status);
  if ("referralId" in result && intent === "referral-message") return redirect(`/staff/cases/${caseId}#referral-${result.referralId}`);
  const section: Record<string, string> = { "cancel-referral": "refer", share: "assign", unshare: "assign" };
  return redirect(`/staff/cases/${caseId}#${section[intent] ?? intent}`);
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
  const { found, tracks, caseworkers, services, mayAssign, team, timeZone, viewerId, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  // Errors and kept input belong to the form that was sent.
  const of = (intent: CaseIntent | "refer" | "message" | "referral-message") => (data?.intent === intent ? data : null);
  const err = (intent: CaseIntent | "refer" | "message" | "referral-message", field: string) => {
    const key = of(intent)?.errors[field];
    return key ? t(key) : undefined;
  };
  const val = (intent: CaseIntent | "refer" | "message" | "referral-message", field: string, fallback = "") => of(intent)?.values[field] ?? fallback;
  // A message to a partner that was refused belongs to its own referral's form.
  const refusedMessageTo = of("referral-message")?.values.referralId;
  const nameOfTrack = (match: (track: (typeof tracks)[number]) => boolean) => {
    const track = tracks.find(match);
    return track ? trackName(track, locale) : "";
  };
  const trackOptions = tracks.map((track) => ({ value: track.id, label: trackName(track, locale) }));
  const lead = found.assignments.find((a) => a.kind === "lead" && !a.endedAt);
  // What closing the case would leave open: offered to cancel with it.
  const openReferrals = found.referrals.filter((r) => OPEN_REFERRAL_STATUSES.includes(r.status));
  const openTasks = found.tasks.filter((task) => task.status === "open");
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
          <SelectField
            name="status"
            id="status-select"
            label={t("case.newStatus")}
            empty
            options={CASE_TRANSITIONS[found.status].map((s) => ({ value: s, label: found.status === "closed" ? t("case.reopen") : t(`caseState.${s}`) }))}
            defaultValue={val("status", "status")}
            error={err("status", "status")}
          />
          <SelectField
            name="reason"
            id="close-reason"
            label={t("case.closeReason")}
            empty
            options={CLOSE_REASONS.map((r) => ({ value: r, label: t(`closeReason.${r}`) }))}
            defaultValue={val("status", "reason")}
            error={err("status", "reason")}
          />
          <div className="field">
            <label htmlFor="status-note">{t("case.statusNote")}</label>
            <textarea id="status-note" name="note" rows={2} defaultValue={val("status", "note")} />
          </div>
          {found.status !== "closed" && (openReferrals.length > 0 || openTasks.length > 0) ? (
            <fieldset className="close-open">
              <legend>{t("case.stillOpen", { referrals: openReferrals.length, tasks: openTasks.length })}</legend>
              <ul>
                {openReferrals.map((r) => (
                  <li key={r.id}>
                    {r.service.organization.name} · {r.service.name} · {t(`referralStatus.${r.status}`)}
                  </li>
                ))}
                {openTasks.map((task) => (
                  <li key={task.id}>
                    {task.title} · {task.dueOn}
                  </li>
                ))}
              </ul>
              <label className="checkbox">
                <input type="checkbox" name="cancelOpen" defaultChecked={val("status", "cancelOpen") === "on"} /> {t("case.cancelOpen")}
              </label>
            </fieldset>
          ) : null}
          <button type="submit">{t("case.changeStatus")}</button>
        </Form>
      </Section>

      {mayAssign ? (
        <Section id="assign" title={t("case.assignTitle")}>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="assign" />
            <input type="hidden" name="version" value={found.version} />
            <SelectField
              name="accountId"
              id="assign-select"
              label={t("case.assignTo")}
              empty
              options={caseworkers.map((a) => ({ value: a.id, label: a.displayName }))}
              defaultValue={lead?.account.id ?? ""}
              error={err("assign", "accountId")}
            />
            <button type="submit">{t("case.assign")}</button>
          </Form>
          <h3>{t("case.sharedTitle")}</h3>
          <ul className="record-list">
            {found.assignments
              .filter((a) => a.kind === "shared" && !a.endedAt)
              .map((a) => (
                <li key={a.id}>
                  {a.account.displayName}
                  <ActionButton intent="unshare" fields={{ assignmentId: a.id }} label={t("case.unshare")} />
                </li>
              ))}
          </ul>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="share" />
            <SelectField
              name="accountId"
              id="share-select"
              label={t("case.shareWith")}
              empty
              options={caseworkers.filter((a) => !found.assignments.some((x) => x.account.id === a.id && !x.endedAt)).map((a) => ({ value: a.id, label: a.displayName }))}
              defaultValue=""
              error={err("share", "shareAccountId")}
            />
            <button type="submit">{t("case.share")}</button>
          </Form>
        </Section>
      ) : null}

      <Section id="assess" title={t("case.needsTitle")}>
        <ul className="record-list">
          {found.assessments.map((a) => (
            <li key={a.id}>
              {nameOfTrack((x) => x.id === a.track.id)}: {t(`needLevel.${a.level}`)}
              {a.summary ? ` — ${a.summary}` : ""}
            </li>
          ))}
        </ul>
        <Form method="post" className="narrow">
          <input type="hidden" name="intent" value="assess" />
          <input type="hidden" name="seen" value={found.assessments.map((a) => `${a.track.id}:${a.version}`).join(",")} />
          <SelectField name="trackId" id="assess-track" label={t("search.track")} empty options={trackOptions} defaultValue={val("assess", "trackId")} error={err("assess", "trackId")} />
          <SelectField
            name="level"
            id="assess-level"
            label={t("case.needLevel")}
            options={NEED_LEVELS.map((l) => ({ value: l, label: t(`needLevel.${l}`) }))}
            defaultValue={val("assess", "level", "medium")}
          />
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
              <strong>{goal.title}</strong> ({nameOfTrack((x) => x.key === goal.track.key)}) · {t(`goalStatus.${goal.status}`)}
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
          <SelectField name="trackId" id="goal-track" label={t("search.track")} empty options={trackOptions} defaultValue={val("add-goal", "trackId")} error={err("add-goal", "trackId")} />
          <Field name="title" id="goal-title" label={t("case.goalTitle")} defaultValue={val("add-goal", "title")} error={err("add-goal", "title")} />
          <Field name="targetDate" id="goal-date" type="date" label={t("case.targetDate")} defaultValue={val("add-goal", "targetDate")} error={err("add-goal", "targetDate")} />
          <button type="submit">{t("case.addGoal")}</button>
        </Form>
      </Section>

      <Section id="add-activity" title={t("case.activities")}>
        <Form method="post" className="narrow">
          <input type="hidden" name="intent" value="add-activity" />
          <SelectField
            name="kind"
            id="activity-kind"
            label={t("case.activityKind")}
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activityKind.${k}`) }))}
            defaultValue={val("add-activity", "kind", "call")}
          />
          <Field name="occurredOn" id="activity-date" type="date" label={t("case.activityDate")} defaultValue={val("add-activity", "occurredOn", today)} error={err("add-activity", "occurredOn")} />
          <Field name="occurredTime" id="activity-time" type="time" label={t("case.activityTime", { zone: timeZone })} defaultValue={val("add-activity", "occurredTime")} error={err("add-activity", "occurredTime")} />
          <Field name="place" id="activity-place" label={t("case.activityPlace")} defaultValue={val("add-activity", "place")} error={err("add-activity", "place")} />
          <SelectField
            name="goalId"
            id="activity-goal"
            label={t("case.forGoal")}
            empty
            options={found.goals.map((g) => ({ value: g.id, label: g.title }))}
            defaultValue={val("add-activity", "goalId")}
          />
          <div className="field">
            <label htmlFor="activity-note">{t("case.activityNote")}</label>
            <textarea id="activity-note" name="note" rows={2} defaultValue={val("add-activity", "note")} />
          </div>
          <fieldset className="follow-up">
            <legend>{t("case.followUp")}</legend>
            <Field name="followUpTitle" id="follow-up-title" label={t("case.taskTitle")} defaultValue={val("add-activity", "followUpTitle")} error={err("add-activity", "followUpTitle")} />
            <Field name="followUpDue" id="follow-up-due" type="date" label={t("case.taskDue")} defaultValue={val("add-activity", "followUpDue")} error={err("add-activity", "followUpDue")} />
          </fieldset>
          <button type="submit">{t("case.addActivity")}</button>
        </Form>
      </Section>

      <Section id="add-task" title={t("case.tasks")}>
        <CaseTasks tasks={found.tasks} team={team} viewerId={viewerId} today={today} refused={data ?? null} />
      </Section>

      <Section id="refer" title={t("referral.listTitle")}>
        <ul className="record-list">
          {found.referrals.map((r) => (
            <li key={r.id} id={`referral-${r.id}`}>
              <strong>
                {r.service.organization.name} · {r.service.name}
              </strong>{" "}
              · {t(`referralStatus.${r.status}`)}
              {r.goal ? ` · ${r.goal.title}` : ""}
              {r.outcome ? ` · ${r.outcome}` : ""}
              {r.flaggedAt ? <span className="warn"> · {r.status === "sent" ? t("referral.flaggedUnanswered") : t("referral.flaggedStalled")}</span> : null}
              {OPEN_REFERRAL_STATUSES.includes(r.status) ? (
                <ActionButton intent="cancel-referral" fields={{ referralId: r.id, version: r.version, note: "" }} label={t("referral.cancel")} />
              ) : null}
              {r.messages.length ? (
                <ul className="messages">
                  {r.messages.map((m) => (
                    <li key={m.id}>
                      <span className="muted">{m.createdAt.slice(0, 10)} · {authorKind(m.author?.role) === "partner" ? t("role.partner") : t("role.caseworker")}:</span> {m.body}
                    </li>
                  ))}
                </ul>
              ) : null}
              {r.status !== "draft" ? (
                <details className="add-form" open={refusedMessageTo === r.id}>
                  <summary>{t("referral.writeToPartner")}</summary>
                  <Form method="post" className="narrow">
                    <input type="hidden" name="intent" value="referral-message" />
                    <input type="hidden" name="referralId" value={r.id} />
                    <div className="field">
                      <label htmlFor={`referral-message-${r.id}`}>{t("referral.message")}</label>
                      <textarea
                        id={`referral-message-${r.id}`}
                        name="body"
                        rows={3}
                        defaultValue={refusedMessageTo === r.id ? val("referral-message", "body") : ""}
                        aria-invalid={refusedMessageTo === r.id && err("referral-message", "body") ? true : undefined}
                        aria-describedby={refusedMessageTo === r.id && err("referral-message", "body") ? `referral-message-${r.id}-error` : undefined}
                      />
                      {refusedMessageTo === r.id && err("referral-message", "body") ? (
                        <p className="field-error" id={`referral-message-${r.id}-error`}>
                          {err("referral-message", "body")}
                        </p>
                      ) : null}
                    </div>
                    <button type="submit">{t("referral.sendMessage")}</button>
                  </Form>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        {found.goals.length === 0 ? (
          <p className="muted">{t("referral.needsGoal")}</p>
        ) : (
          <Form method="post" className="narrow-wide">
            <input type="hidden" name="intent" value="refer" />
            <SelectField name="goalId" id="refer-goal" label={t("case.forGoal")} empty options={found.goals.map((g) => ({ value: g.id, label: g.title }))} defaultValue={val("refer", "goalId")} error={err("refer", "goalId")} />
            <SelectField
              name="serviceId"
              id="refer-service"
              label={t("referral.service")}
              empty
              options={services.map((s) => ({
                value: s.id,
                label: `${s.label} — ${nameOfTrack((x) => x.id === s.trackId)} — ${s.open ? t("referral.capacity", { available: s.available ?? "?" }) : t(`serviceStatus.${s.status}`)}`,
              }))}
              defaultValue={val("refer", "serviceId")}
              error={err("refer", "serviceId")}
            />
            <div className="field">
              <label htmlFor="refer-request">{t("referral.request")}</label>
              <textarea id="refer-request" name="request" rows={3} defaultValue={val("refer", "request")} />
              {err("refer", "request") ? <p className="field-error">{err("refer", "request")}</p> : null}
            </div>
            <fieldset className="field">
              <legend>{t("referral.sharedFields")}</legend>
              {SHAREABLE_FIELDS.map((field) => (
                <label key={field} className="check">
                  <input type="checkbox" name="sharedFields" value={field} defaultChecked /> {t(`referral.field.${field}`)}
                </label>
              ))}
              {err("refer", "sharedFields") ? <p className="field-error">{err("refer", "sharedFields")}</p> : null}
            </fieldset>
            <SelectField
              name="consentMethod"
              id="refer-consent-method"
              label={t("referral.consentMethod")}
              options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`consentMethod.${m}`) }))}
              defaultValue={val("refer", "consentMethod", "in_person")}
            />
            <label className="check">
              <input type="checkbox" name="consentGiven" /> {t("referral.consentGiven")}
            </label>
            {err("refer", "consentGiven") ? <p className="field-error">{err("refer", "consentGiven")}</p> : null}
            <button type="submit" className="primary">
              {t("referral.send")}
            </button>
          </Form>
        )}
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

      <Section id="messages" title={t("message.title")}>
        {found.person.account?.status !== "active" ? <p className="muted">{t("message.personHasNoAccount")}</p> : null}
        <ul className="messages">
          {found.messages.map((m) => (
            <li key={m.id} className={authorKind(m.author?.role) === "person" ? "from-person" : undefined}>
              <span className="muted">
                {m.createdAt.slice(0, 16).replace("T", " ")} · {authorKind(m.author?.role) === "person" ? found.person.preferredName : (m.author?.displayName ?? "—")}
                {authorKind(m.author?.role) === "person" && !m.readAt ? ` · ${t("message.unread")}` : ""}:
              </span>{" "}
              {m.body}
            </li>
          ))}
        </ul>
        {found.messages.some((m) => authorKind(m.author?.role) === "person" && !m.readAt) ? (
          <ActionButton intent="mark-read" label={t("message.markRead")} />
        ) : null}
        <Form method="post" className="narrow" key={found.messages.length}>
          <input type="hidden" name="intent" value="message" />
          <div className="field">
            <label htmlFor="message-body">{t("message.toPerson")}</label>
            <textarea id="message-body" name="body" rows={3} defaultValue={val("message", "body")} aria-describedby={err("message", "body") ? "message-body-error" : undefined} />
            {err("message", "body") ? (
              <p className="field-error" id="message-body-error">
                {err("message", "body")}
              </p>
            ) : null}
          </div>
          <button type="submit">{t("message.send")}</button>
        </Form>
      </Section>

      <Section id="timeline" title={t("case.timeline")}>
        {found.earlier ? (
          <p>
            <Link to={`?before=${encodeURIComponent(found.earlier)}#timeline`} rel="next">
              {t("case.earlier")}
            </Link>
          </p>
        ) : null}
        <ol className="timeline">
          {found.timeline.map((entry, index) => (
            <li key={index} data-kind={entry.kind}>
              <time dateTime={entry.at}>{entry.when}</time> <strong>{t(`timeline.${entry.kind as "status"}`)}</strong>: {timelineLabel(t, entry, (key) => nameOfTrack((x) => x.key === key) || key)}
              {entry.detail ? ` — ${timelineDetail(t, entry)}` : ""}
              {entry.author ? <span className="muted"> · {entry.author}</span> : null}
            </li>
          ))}
        </ol>
      </Section>
    </article>
  );
}

type T = ReturnType<typeof useT>;
type Entry = { kind: string; label: string; detail?: string | null; extra?: string | null };

function timelineLabel(t: T, entry: Entry, trackLabel: (key: string) => string): string {
  if (entry.kind === "status") return t(`caseState.${entry.label as "open"}`);
  if (entry.kind === "assessment") return trackLabel(entry.label);
  if (entry.kind === "activity") return t(`activityKind.${entry.label as "call"}`);
  if (entry.kind === "note") return entry.label === "restricted" ? t("case.restricted") : "";
  return entry.label;
}

function timelineDetail(t: T, entry: Entry): string {
  const detail = entry.detail ?? "";
  if (entry.kind === "status" && CLOSE_REASONS.includes(detail as "other")) return t(`closeReason.${detail as "other"}`);
  if (entry.kind === "assessment") return t(`needLevel.${detail as "low"}`);
  if (entry.kind === "goal") return t(`goalStatus.${detail as "identified"}`);
  if (entry.kind === "task") return entry.extra ? `${t(`taskEvent.${detail as "created"}`)}: ${entry.extra}` : t(`taskEvent.${detail as "created"}`);
  if (entry.kind === "referral") return t(`referralStatus.${detail as "sent"}`);
  return detail;
}
