// A case: a header that says where it stands, a menu of its sections, and the sections (status
// and team, plan, activities, tasks, referrals, notes, messages, timeline), each listing its
// records with its "add" form folded away. Every form works without JavaScript; a stale form is
// refused and the person's input stays on the page; a create form sent twice saves once.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { answerSupportForm, fundingChoices, SUPPORT_INTENTS, type SupportIntent } from "~/assistance/assistance.server";
import { CaseAssistance } from "~/assistance/case-assistance";
import { mayAssignCases, mayDecideAssistance } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { serverConfig } from "~/config/env.server";
import { CaseActivities } from "~/cases/case-activities";
import { caseForm } from "~/cases/case-forms";
import { CaseHeader } from "~/cases/case-header";
import { FormProblem, Section, SectionMenu, type CaseSectionId } from "~/cases/case-layout";
import { CaseNotes } from "~/cases/case-notes";
import { CasePlan } from "~/cases/case-plan";
import type { CaseAnswer } from "~/cases/case-refusal";
import { CaseStatus, CaseTeam } from "~/cases/case-status";
import { CaseTasks } from "~/cases/case-tasks";
import { CaseTimeline } from "~/cases/case-timeline";
import { changeCase } from "~/cases/case-work.server";
import { caseworkerChoices, viewCase } from "~/cases/cases.server";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { readForm } from "~/http/form.server";
import { saveOnce } from "~/http/sent-once.server";
import { localeFor } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { daysOf, momentsOf } from "~/i18n/moments";
import { nameOfTrack } from "~/i18n/track-name";
import { CaseMessages } from "~/messages/case-messages";
import { messageForm } from "~/messages/message-form";
import { markReadByStaff, messageRetentionDays, sendToPerson } from "~/messages/messages.server";
import { DocumentTable } from "~/documents/document-views";
import { caseDocuments } from "~/documents/documents.server";
import { CaseReferrals } from "~/referrals/case-referrals";
import { cancelReferralForm, newReferralForm, referralMessageForm } from "~/referrals/referral-forms";
import { cancelReferral, messagePartner, referCase, servicesForCase } from "~/referrals/referral-work.server";
import { activeTracks } from "~/requests/requests.server";

/** `?before=` an ISO moment: the case's history before it (older pages of the timeline). */
const beforeParam = z.string().datetime().optional().catch(undefined).transform((value) => (value ? new Date(value) : undefined));

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "case.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const before = beforeParam.parse(new URL(request.url).searchParams.get("before") ?? undefined);
  const found = await viewCase(viewer, params.caseId ?? "", before);
  const mayAssign = mayAssignCases(viewer);
  const [tracks, caseworkers, services, documents, fundingSources, locale] = await Promise.all([
    activeTracks(),
    mayAssign ? caseworkerChoices() : Promise.resolve([] as { id: string; displayName: string }[]),
    servicesForCase(viewer, found.id),
    caseDocuments(viewer, found.id),
    fundingChoices(),
    localeFor(request),
  ]);
  // Whom a task may be given to: the viewer, and whoever works on the case now.
  const team = [{ id: viewer.accountId, displayName: viewer.displayName }, ...found.assignments.filter((a) => !a.endedAt && a.account.id !== viewer.accountId).map((a) => a.account)];
  // Moments and days as words, named here (in the organisation's time zone) so that the browser
  // shows what the server sent: each shown instant and due day, keyed by its stored value.
  const { timeZone } = serverConfig();
  const instants = [found.timeline.map((e) => e.at), found.activities.map((a) => a.occurredAt), found.notes.map((n) => n.createdAt), found.messages.map((m) => m.createdAt), found.referrals.flatMap((r) => r.messages.map((m) => m.createdAt)), found.support.flatMap((s) => s.events.map((e) => e.at))];
  const moments = momentsOf(instants.flat(), locale, timeZone);
  const dueDays = [...found.tasks.map((task) => task.dueOn), ...found.timeline.flatMap((e) => (e.kind === "task" && e.extra && /^\d{4}-\d{2}-\d{2}$/.test(e.extra) ? [e.extra] : []))];
  const days = daysOf([...dueDays, ...documents.map((document) => document.createdAt), ...found.support.flatMap((s) => (s.paidOn ? [s.paidOn] : []))], locale);
  const serviceChoices = services.map((s) => ({ ...s, track: nameOfTrack(tracks, (track) => track.id === s.trackId, locale) ?? "" }));
  return json({ found, tracks, caseworkers, services: serviceChoices, documents, fundingSources, mayDecide: mayDecideAssistance(viewer), mayAssign, team, timeZone, moments, days, retentionDays: messageRetentionDays(), viewerId: viewer.accountId, today: new Date().toISOString().slice(0, 10) });
}

// Where each form's section is, for the answer's redirect.
const SECTION_OF: Record<string, CaseSectionId> = {
  status: "status", assign: "status", share: "status", unshare: "status",
  assess: "plan", "add-goal": "plan", "goal-status": "plan",
  "add-activity": "activities", "add-task": "tasks", "task-status": "tasks", "task-change": "tasks",
  refer: "referrals", "cancel-referral": "referrals", "add-note": "notes", message: "messages", "mark-read": "messages",
  "request-support": "support", "decide-support": "support", "pay-support": "support", "cancel-support": "support",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const caseId = params.caseId ?? "";
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const intent = values.intent ?? "";
  const refused = (errors: FieldErrors, status: number) => json<CaseAnswer>({ intent, errors, values }, { status });
  const back = (anchor: string) => redirect(`/staff/cases/${caseId}#${anchor}`);
  return saveOnce(request, form, viewer.accountId, async () => {
    if (intent === "mark-read") {
      await markReadByStaff(viewer, caseId);
      return back("messages");
    }
    if (SUPPORT_INTENTS.includes(intent as SupportIntent)) {
      const answer = await answerSupportForm(viewer, caseId, intent as SupportIntent, values);
      return answer.ok ? back(`support-${answer.id}`) : refused(answer.errors, answer.status);
    }
    let parsed;
    let result;
    if (intent === "message") {
      if (!(parsed = messageForm.safeParse(values)).success) return refused(fieldErrors(parsed.error), 400);
      await sendToPerson(viewer, caseId, parsed.data.body);
      return back("messages");
    } else if (intent === "refer") {
      if (!(parsed = newReferralForm.safeParse({ ...values, sharedFields: form.getAll("sharedFields").map(String), documentIds: form.getAll("documentIds").map(String) })).success)
        return refused(fieldErrors(parsed.error), 400);
      result = await referCase(viewer, caseId, parsed.data);
    } else if (intent === "referral-message") {
      if (!(parsed = referralMessageForm.safeParse(values)).success) return refused(fieldErrors(parsed.error), 400);
      result = await messagePartner(viewer, caseId, parsed.data);
    } else if (intent === "cancel-referral") {
      if (!(parsed = cancelReferralForm.safeParse(values)).success) return refused(fieldErrors(parsed.error), 400);
      result = await cancelReferral(viewer, caseId, parsed.data);
    } else {
      if (!(parsed = caseForm.safeParse(values)).success) return refused(fieldErrors(parsed.error), 400);
      result = await changeCase(viewer, caseId, parsed.data);
    }
    if (!result.ok) return refused({ [result.field]: result.problem }, result.status);
    return back("referralId" in result && intent === "referral-message" ? `referral-${result.referralId}` : (SECTION_OF[intent] ?? "status"));
  });
}

export default function CasePage() {
  const t = useT();
  const { found, tracks, caseworkers, services, documents, fundingSources, mayDecide, mayAssign, team, timeZone, moments, days, retentionDays, viewerId, today } = useLoaderData<typeof loader>();
  return (
    <article className="case">
      <CaseHeader found={found} today={today} days={days} />
      <SectionMenu />
      <FormProblem />
      <Section id="status">
        <CaseStatus found={found} days={days} />
        {mayAssign ? <CaseTeam found={found} caseworkers={caseworkers} /> : null}
      </Section>
      <Section id="plan">
        <CasePlan found={found} tracks={tracks} />
      </Section>
      <Section id="activities">
        <CaseActivities found={found} moments={moments} timeZone={timeZone} today={today} />
      </Section>
      <Section id="tasks">
        <CaseTasks tasks={found.tasks} team={team} viewerId={viewerId} today={today} days={days} />
      </Section>
      <Section id="documents">
        <DocumentTable documents={documents} days={days} audience />
        <p>
          <Link to={`/staff/cases/${found.id}/documents`}>{t("document.open")}</Link>
        </p>
      </Section>
      <Section id="support">
        <CaseAssistance
          records={found.support}
          choices={fundingSources}
          tracks={tracks}
          goals={found.goals}
          documents={documents}
          viewerId={viewerId}
          mayDecide={mayDecide}
          closed={found.status === "closed"}
          today={today}
          moments={moments}
          days={days}
        />
      </Section>
      <Section id="referrals">
        <CaseReferrals found={found} services={services} documents={documents} moments={moments} />
      </Section>
      <Section id="notes">
        <CaseNotes notes={found.notes} moments={moments} />
      </Section>
      <Section id="messages">
        <CaseMessages found={found} moments={moments} retentionDays={retentionDays} />
      </Section>
      <Section id="timeline">
        <CaseTimeline found={found} tracks={tracks} moments={moments} days={days} />
      </Section>
    </article>
  );
}
