// The documents as pages show them: a table whose titles download the files, and the upload
// form (a plain multipart form: it works without JavaScript, and sent twice it keeps one file).
import { Field } from "~/components/field";
import type { FieldErrors } from "~/components/forms";
import { SavingForm } from "~/components/saving-form";
import { SelectField } from "~/components/select-field";
import { useT } from "~/i18n/use-t";
import { DOCUMENT_KINDS, type DocumentItem } from "./document-forms";

/** `days`: each document's day as words, keyed by its createdAt. `audience`: say who sees each (staff). */
export function DocumentTable({ documents, days, audience }: { documents: DocumentItem[]; days: Record<string, string>; audience: boolean }) {
  const t = useT();
  if (documents.length === 0) return <p className="muted">{t("document.none")}</p>;
  return (
    <table className="table documents">
      <thead>
        <tr>
          <th scope="col">{t("document.column.title")}</th>
          <th scope="col">{t("document.column.kind")}</th>
          <th scope="col">{t("document.column.size")}</th>
          <th scope="col">{t("document.column.added")}</th>
          {audience ? <th scope="col">{t("document.column.who")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {documents.map((document) => (
          <tr key={document.id}>
            <td>
              {/* A download: the browser receives the file itself (no JavaScript, no preview). */}
              <a href={`/documents/${document.id}`} download aria-label={t("document.download", { title: document.title })}>
                {document.title}
              </a>
            </td>
            <td>{t(`document.kindOf.${document.kind}`)}</td>
            <td>{t("document.sizeKB", { size: Math.max(1, Math.round(document.size / 1024)) })}</td>
            <td>{days[document.createdAt] ?? ""}</td>
            {audience ? (
              <td>
                {t(document.restricted ? "document.seenByLead" : "document.seenByTeam")}
                {document.visibleToPerson ? `, ${t("document.andPerson")}` : ""}
                {document.fromPerson ? ` (${t("document.fromPerson")})` : ""}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The upload form; staff also say who may see the document. */
export function DocumentUploadForm({ staff, errors, values }: { staff: boolean; errors: FieldErrors; values: Record<string, string> }) {
  const t = useT();
  const error = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  return (
    <SavingForm method="post" encType="multipart/form-data" once="add-document" reloadDocument className="narrow" autoComplete="off">
      <p className="hint">{t("document.stripped")}</p>
      {error("form") ? (
        <p className="form-error" role="alert">
          {error("form")}
        </p>
      ) : null}
      <Field name="file" id="document-file" type="file" label={t("document.file")} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" required error={error("file")} />
      <SelectField name="kind" id="document-kind" label={t("document.kind")} options={DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(`document.kindOf.${kind}`) }))} defaultValue={values.kind ?? ""} empty error={error("kind")} />
      <Field name="title" id="document-title" label={t("document.name")} defaultValue={values.title ?? ""} maxLength={200} required autoComplete="off" error={error("title")} />
      {staff ? (
        <>
          <SelectField
            name="access"
            id="document-access"
            label={t("document.access")}
            options={[
              { value: "team", label: t("document.access.team") },
              { value: "restricted", label: t("document.access.restricted") },
            ]}
            defaultValue={values.access ?? "team"}
            error={error("access")}
          />
          <label className="check">
            <input type="checkbox" name="visibleToPerson" defaultChecked={values.visibleToPerson === "on"} /> {t("document.visibleToPerson")}
          </label>
        </>
      ) : null}
      <button type="submit" className="primary">
        {t("document.upload")}
      </button>
    </SavingForm>
  );
}
