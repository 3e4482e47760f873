// One of the person's own help requests, in plain words.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { viewMyRequest } from "~/requests/requests.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "request.title");
// Works without JavaScript and loads none (a person at risk may browse with scripts off).
export const handle = { scripts: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "me");
  return json({ helpRequest: await viewMyRequest(viewer, params.requestId ?? "") });
}

export default function MyRequest() {
  const t = useT();
  const { helpRequest } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>{t("request.title")}</h1>
      <dl className="facts">
        <dt>{t("request.code")}</dt>
        <dd>{helpRequest.code}</dd>
        <dt>{t("request.status")}</dt>
        <dd>{t(`requestStatus.${helpRequest.status}`)}</dd>
      </dl>
      {helpRequest.message ? <p className="quote">{helpRequest.message}</p> : null}
    </section>
  );
}
