// A case's documents: all of them that the viewer may see, and the form that adds one. The case
// page lists them too and links here; this page is where a file is chosen and kept.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { bulkReadRefused, recordViews } from "~/audit/bulk-read.server";
import { caseScopeSql } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { read } from "~/db/read.server";
import { DocumentTable, DocumentUploadForm } from "~/documents/document-views";
import { caseDocuments, receiveDocument, type RefusedUpload } from "~/documents/documents.server";
import { foundOr404 } from "~/http/not-found";
import { localeFor } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { daysOf } from "~/i18n/moments";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "document.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const caseId = params.caseId ?? "";
  const found = foundOr404(
    (
      await read<{ id: string; personId: string; caseCode: string }>`SELECT "Case"."id", "Case"."personId", "Person"."caseCode" FROM "Case" JOIN "Person" ON "Person"."id" = "Case"."personId"
      WHERE "Case"."id" = ${caseId} AND "Person"."erasedAt" IS NULL AND ${caseScopeSql(viewer)}`
    )[0],
  );
  // The documents' titles are the person's record: a view of it, audited and throttled.
  if (!(await recordViews(viewer, [{ action: "case.view", entityType: "case", entityId: found.id, personId: found.personId }])).has(found.personId)) throw bulkReadRefused();
  const [documents, locale] = await Promise.all([caseDocuments(viewer, found.id), localeFor(request)]);
  return json({ caseId: found.id, caseCode: found.caseCode, documents, days: daysOf(documents.map((document) => document.createdAt), locale) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  return receiveDocument(request, viewer, { caseId: params.caseId ?? "" }, (caseId) => `/staff/cases/${caseId}#documents`);
}

export default function CaseDocuments() {
  const t = useT();
  const { caseId, caseCode, documents, days } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>() as RefusedUpload | undefined;
  return (
    <section>
      <p>
        <Link to={`/staff/cases/${caseId}#documents`}>← {t("document.backToCase")}</Link>
      </p>
      <h1>{t("document.caseTitle", { code: caseCode })}</h1>
      <DocumentTable documents={documents} days={days} audience />
      <h2>{t("document.add")}</h2>
      <DocumentUploadForm staff errors={refused?.errors ?? {}} values={refused?.values ?? {}} />
    </section>
  );
}
