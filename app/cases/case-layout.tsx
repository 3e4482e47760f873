// The case page's frame: a header that says at a glance where the case stands, a menu of its
// sections, and the sections themselves with their "add" forms folded away (<details>: no
// JavaScript needed) until asked for, or until a refused form comes back with its errors.
import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n/en";
import { useRefusal } from "./case-refusal";

export const CASE_SECTIONS = [
  ["status", "case.statusTitle"],
  ["plan", "case.planTitle"],
  ["activities", "case.activities"],
  ["tasks", "case.tasks"],
  ["documents", "document.title"],
  ["support", "assistance.title"],
  ["referrals", "referral.listTitle"],
  ["notes", "case.notes"],
  ["messages", "message.title"],
  ["timeline", "case.timeline"],
] as const satisfies readonly (readonly [string, MessageKey])[];

export type CaseSectionId = (typeof CASE_SECTIONS)[number][0];

export function SectionMenu() {
  const t = useT();
  return (
    <nav aria-label={t("case.sections")} className="section-menu">
      <ul>
        {CASE_SECTIONS.map(([id, title]) => (
          <li key={id}>
            <a href={`#${id}`}>{t(title)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Section({ id, children }: { id: CaseSectionId; children: ReactNode }) {
  const t = useT();
  const title = CASE_SECTIONS.find(([section]) => section === id)![1];
  return (
    <section aria-labelledby={`${id}-title`} className="case-section" id={id}>
      <h2 id={`${id}-title`}>{t(title)}</h2>
      {children}
    </section>
  );
}

/** An "add" form, folded: open when its summary is pressed, or when it was just refused. */
export function Folded({ summary, open, children }: { summary: string; open: boolean; children: ReactNode }) {
  return (
    <details className="add-form" open={open}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

/** A refusal that belongs to no one field (the record changed meanwhile): said once, at the top. */
export function FormProblem() {
  const t = useT();
  const problem = useRefusal().data?.errors.form;
  return problem ? (
    <p className="form-error" role="alert" tabIndex={-1}>
      {t(problem)}
    </p>
  ) : null;
}
