// The top of the case page: who, the status, the lead caseworker, the next task, the open
// referrals, and what needs attention (overdue tasks, referrals nobody answers, unread messages).
import { Link } from "@remix-run/react";
import { authorKind } from "~/auth/policy";
import { useT } from "~/i18n/use-t";
import { stillOpen, type CaseView } from "./case-view";

export function CaseHeader({ found, today, days }: { found: CaseView; today: string; days: Record<string, string> }) {
  const t = useT();
  const lead = found.assignments.find((a) => a.kind === "lead" && !a.endedAt);
  const open = stillOpen(found);
  const next = open.tasks[0];
  const overdue = open.tasks.filter((task) => task.dueOn.slice(0, 10) < today).length;
  const flaggedReferrals = open.referrals.filter((r) => r.flaggedAt).length;
  const unread = found.messages.filter((m) => authorKind(m.author?.role) === "person" && !m.readAt).length;
  const flags = [
    overdue ? t("case.flagOverdue", { count: overdue }) : null,
    flaggedReferrals ? t("case.flagReferrals", { count: flaggedReferrals }) : null,
    unread ? t("case.flagUnread", { count: unread }) : null,
  ].filter(Boolean);
  return (
    <header className="case-header">
      <p className="role-badge">{found.person.caseCode}</p>
      <h1>
        {t("case.title")}: <Link to={`/staff/persons/${found.person.id}`} className="pii">{found.person.preferredName}</Link>
      </h1>
      <dl className="facts">
        <dt>{t("caseload.status")}</dt>
        <dd>
          {t(`caseState.${found.status}`)}
          {found.closeReason ? ` · ${t(`closeReason.${found.closeReason}`)}` : ""}
        </dd>
        <dt>{t("case.lead")}</dt>
        <dd>{lead ? lead.account.displayName : t("case.noLead")}</dd>
        <dt>{t("case.nextTask")}</dt>
        <dd>{next ? `${days[next.dueOn]} · ${next.title}` : t("case.noTask")}</dd>
        <dt>{t("case.openReferrals")}</dt>
        <dd>{open.referrals.length}</dd>
        {flags.length ? (
          <>
            <dt>{t("case.attention")}</dt>
            <dd className="warn">{flags.join(" · ")}</dd>
          </>
        ) : null}
      </dl>
    </header>
  );
}
