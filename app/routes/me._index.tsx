// The personal space of a person we support.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { AreaShell } from "~/components/area-shell";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { mySpace } from "~/persons/persons.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "shell.me.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "me");
  return json({ space: await mySpace(viewer) });
}

export default function MyHome() {
  const t = useT();
  const { space } = useLoaderData<typeof loader>();
  return (
    <AreaShell title={t("shell.me.title")} lead={t("shell.me.lead")} role="client" nav={[{ to: "/me", label: t("shell.me.title") }]}>
      <dl className="facts">
        <dt>{t("me.caseCode")}</dt>
        <dd>{space.caseCode}</dd>
        <dt>{t("me.caseStatus")}</dt>
        <dd>{space.caseStatus ? t(`caseStatus.${space.caseStatus}`) : t("me.noCase")}</dd>
      </dl>
      <h2>{t("me.requests")}</h2>
      <ul className="record-list">
        {space.requests.map((request) => (
          <li key={request.id}>
            <Link to={`/me/requests/${request.id}`}>{request.code}</Link> · {t(`requestStatus.${request.status as "new"}`)}
          </li>
        ))}
      </ul>
    </AreaShell>
  );
}
