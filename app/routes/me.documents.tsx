// The person's own documents: what they keep here, and a plain form to add one (no JavaScript:
// a person at risk may browse with scripts off). The file is cleaned and encrypted before it is
// kept (app/documents); the page says so.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { AreaShell, personalSpaceNav } from "~/components/area-shell";
import { DocumentTable, DocumentUploadForm } from "~/documents/document-views";
import { myDocuments, receiveDocument, type RefusedUpload } from "~/documents/documents.server";
import { localeFor } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { daysOf } from "~/i18n/moments";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "document.mine");
export const handle = { scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "me");
  const [documents, locale] = await Promise.all([myDocuments(viewer), localeFor(request)]);
  return json({ documents, days: daysOf(documents.map((document) => document.createdAt), locale) });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "me");
  return receiveDocument(request, viewer, "own", () => "/me/documents");
}

export default function MyDocuments() {
  const t = useT();
  const { documents, days } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>() as RefusedUpload | undefined;
  return (
    <AreaShell title={t("document.mine")} lead={t("document.myLead")} role="client" nav={personalSpaceNav(t)}>
      <DocumentTable documents={documents} days={days} audience={false} />
      <h2>{t("document.add")}</h2>
      <DocumentUploadForm staff={false} errors={refused?.errors ?? {}} values={refused?.values ?? {}} />
    </AreaShell>
  );
}
