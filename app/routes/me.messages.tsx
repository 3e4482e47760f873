// A person's messages with their caseworker.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { ActionButton } from "~/components/action-button";
import { AreaShell, personalSpaceNav } from "~/components/area-shell";
import { TextAreaField } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { SavingForm } from "~/components/saving-form";
import { serverConfig } from "~/config/env.server";
import { saveOnce } from "~/http/sent-once.server";
import { localeFor } from "~/i18n/locale.server";
import { momentText } from "~/i18n/moments";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { messageForm } from "~/messages/message-form";
import { markReadByPerson, messageRetentionDays, myMessages, sendToCaseworker } from "~/messages/messages.server";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "message.title");
// Works without JavaScript and loads none (a person at risk may browse with scripts off).
export const handle = { scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "me");
  const [mine, locale] = await Promise.all([myMessages(viewer), localeFor(request)]);
  const { timeZone } = serverConfig();
  return json({ ...mine, retentionDays: messageRetentionDays(), messages: mine.messages.map((m) => ({ ...m, when: momentText(m.createdAt, locale, timeZone) })) });
}

type ActionData = { errors: FieldErrors; body: string };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "me");
  const form = await readForm(request);
  const values = Object.fromEntries(form);
  return saveOnce(request, form, viewer.accountId, async () => {
    if (values.intent === "mark-read") {
      await markReadByPerson(viewer);
      return redirect("/me/messages");
    }
    const body = String(values.body ?? "");
    const parsed = messageForm.safeParse(values);
    if (!parsed.success) return json<ActionData>({ errors: fieldErrors(parsed.error), body }, { status: 400 });
    const sent = await sendToCaseworker(viewer, parsed.data.body);
    if (!sent.ok) return json<ActionData>({ errors: { body: sent.problem }, body }, { status: 400 });
    return redirect("/me/messages#last");
  });
}

export default function MyMessages() {
  const t = useT();
  const { messages, canWrite, retentionDays } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const error = data?.errors.body;
  return (
    <AreaShell title={t("message.title")} lead={t("message.lead")} role="client" nav={personalSpaceNav(t)}>
      {retentionDays > 0 ? <p className="hint">{t("message.retention", { days: retentionDays })}</p> : null}
      {messages.length === 0 ? <p className="muted">{t("message.none")}</p> : null}
      <ol className="messages">
        {messages.map((m, index) => (
          <li key={m.id} id={index === messages.length - 1 ? "last" : undefined} className={m.mine ? "from-person" : undefined}>
            <span className="muted">
              <time dateTime={m.createdAt}>{m.when}</time> · {m.mine ? t("message.you") : (m.authorName ?? t("role.caseworker"))}
              {m.unread ? <strong> · {t("message.new")}</strong> : null}:
            </span>{" "}
            {m.body}
          </li>
        ))}
      </ol>
      {messages.some((m) => m.unread) ? (
        <ActionButton intent="mark-read" label={t("message.markRead")} />
      ) : null}
      {canWrite ? (
        <SavingForm className="narrow" once="message">
          <input type="hidden" name="intent" value="send" />
          <TextAreaField name="body" id="message-body" rows={4} autoComplete="off" label={t("message.toCaseworker")} defaultValue={data?.body ?? ""} error={error ? t(error) : undefined} />
          <button type="submit" className="primary">
            {t("message.send")}
          </button>
        </SavingForm>
      ) : (
        <p className="muted">{t("message.noCase")}</p>
      )}
    </AreaShell>
  );
}
