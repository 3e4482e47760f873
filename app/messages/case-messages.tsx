// The conversation with the person on the case page: their messages marked until read, and the
// answer form, which stays open (it is a conversation, not a record to add now and then).
import { authorKind } from "~/auth/policy";
import { ActionButton } from "~/components/action-button";
import { TextAreaField } from "~/components/field";
import { SavingForm } from "~/components/saving-form";
import { useRefusal } from "~/cases/case-refusal";
import type { CaseView } from "~/cases/case-view";
import { useT } from "~/i18n/use-t";

export function CaseMessages({ found, moments, retentionDays }: { found: CaseView; moments: Record<string, string>; retentionDays: number }) {
  const messages = found.messages;
  const t = useT();
  const { error, value } = useRefusal();
  const fromPerson = (m: (typeof messages)[number]) => authorKind(m.author?.role) === "person";
  return (
    <>
      {found.person.account?.status !== "active" ? <p className="muted">{t("message.personHasNoAccount")}</p> : null}
      {retentionDays > 0 ? <p className="hint">{t("message.retentionStaff", { days: retentionDays })}</p> : null}
      <ul className="messages">
        {messages.map((m) => (
          <li key={m.id} className={fromPerson(m) ? "from-person" : undefined}>
            <span className="muted">
              <time dateTime={m.createdAt}>{moments[m.createdAt]}</time> · {fromPerson(m) ? <span className="pii">{found.person.preferredName}</span> : (m.author?.displayName ?? "—")}
              {fromPerson(m) && !m.readAt ? ` · ${t("message.unread")}` : ""}:
            </span>{" "}
            {m.body}
          </li>
        ))}
      </ul>
      {messages.some((m) => fromPerson(m) && !m.readAt) ? <ActionButton intent="mark-read" label={t("message.markRead")} /> : null}
      <SavingForm className="narrow" once="message">
        <input type="hidden" name="intent" value="message" />
        <TextAreaField name="body" id="message-body" label={t("message.toPerson")} defaultValue={value("message", "body")} error={error("message", "body")} />
        <button type="submit">{t("message.send")}</button>
      </SavingForm>
    </>
  );
}
