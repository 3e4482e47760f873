// Emails that have not gone out yet: failed ones first. An administrator can send one again.
import { serverConfig } from "~/config/env.server";
import { localeFor } from "~/i18n/locale.server";
import { momentsOf } from "~/i18n/moments";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireArea } from "~/auth/session.server";
import { retryEmail, undeliveredEmails } from "~/email/outbox.server";
import { notFound } from "~/http/not-found";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "outbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "admin");
  const [emails, locale] = await Promise.all([undeliveredEmails(), localeFor(request)]);
  return json({ emails, moments: momentsOf(emails.map((e) => e.nextAttemptAt), locale, serverConfig().timeZone) });
}

const retryForm = z.object({ id: z.string().min(1).max(40) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireArea(request, "admin");
  const parsed = retryForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ retried: false }, { status: 400 });
  if (!(await retryEmail(admin, parsed.data.id))) throw notFound();
  return json({ retried: true });
}

export default function AdminEmails() {
  const t = useT();
  const { emails, moments } = useLoaderData<typeof loader>();
  const retried = useActionData<typeof action>()?.retried;
  return (
    <section>
      <h1>{t("outbox.title")}</h1>
      <p className="lead">{t("outbox.lead")}</p>
      {retried ? <p role="status">{t("outbox.retried")}</p> : null}
      {emails.length === 0 ? (
        <p>{t("outbox.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("outbox.to")}</th>
              <th scope="col">{t("request.status")}</th>
              <th scope="col">{t("outbox.attempts")}</th>
              <th scope="col">{t("outbox.next")}</th>
              <th scope="col">{t("outbox.error")}</th>
              <th scope="col">{t("admin.accounts.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((email) => (
              <tr key={email.id}>
                <td>{email.to}</td>
                <td className={email.status === "failed" ? "warn" : undefined}>{t(`outbox.status.${email.status as "failed"}`)}</td>
                <td>{email.attempts}</td>
                <td>{moments[email.nextAttemptAt]}</td>
                <td>{email.lastError ?? "—"}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="id" value={email.id} />
                    <button type="submit">{t("outbox.retry")}</button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
