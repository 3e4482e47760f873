// A person's messages with their caseworker.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { ActionButton } from "~/components/action-button";
import { AreaShell, personalSpaceNav } from "~/components/area-shell";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { messageForm } from "~/messages/message-form";
import { markReadByPerson, myMessages, sendToCaseworker } from "~/messages/messages.server";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "message.title");
// Works without JavaScript and loads none (a person at risk may browse with scripts off).
export const handle = { scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "me");
  return json(await myMessages(viewer));
}

type ActionData = { errors: FieldErrors; body: string };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "me");
  const values = Object.fromEntries(await readForm(request));
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
}

export default function MyMessages() {
  const t = useT();
  const { messages, canWrite } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const error = data?.errors.body;
  return (
    <AreaShell title={t("message.title")} lead={t("message.lead")} role="client" nav={personalSpaceNav(t)}>
      {messages.length === 0 ? <p className="muted">{t("message.none")}</p> : null}
      <ol className="messages">
        {messages.map((m, index) => (
          <li key={m.id} id={index === messages.length - 1 ? "last" : undefined} className={m.mine ? "from-person" : undefined}>
            <span className="muted">
              {m.createdAt.slice(0, 16).replace("T", " ")} · {m.mine ? t("message.you") : (m.authorName ?? t("role.caseworker"))}
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
        <Form method="post" className="narrow" key={messages.length}>
          <input type="hidden" name="intent" value="send" />
          <div className="field">
            <label htmlFor="message-body">{t("message.toCaseworker")}</label>
            <textarea id="message-body" name="body" rows={4} defaultValue={data?.body ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? "message-body-error" : undefined} />
            {error ? (
              <p className="field-error" id="message-body-error">
                {t(error)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="primary">
            {t("message.send")}
          </button>
        </Form>
      ) : (
        <p className="muted">{t("message.noCase")}</p>
      )}
    </AreaShell>
  );
}
