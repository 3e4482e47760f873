// A person's documents on their case (issue 18): who may see which (documentScopeSql in the
// policy), adding one (read, cleaned and sealed by upload.server.ts and document-vault.server.ts),
// reading one (verified, audited, and counted in the bulk-read throttle), and deleting them all
// with the person's erasure.
import { randomBytes } from "node:crypto";
import { recordAudit } from "~/audit/audit.server";
import { bulkReadRefused, recordViews } from "~/audit/bulk-read.server";
import type { Actor } from "~/auth/policy";
import { caseScopeSql, documentScopeSql, ownPersonId } from "~/auth/policy";
import { serverConfig } from "~/config/env.server";
import { json, redirect } from "@remix-run/node";
import { db } from "~/db/client.server";
import { read, sql } from "~/db/read.server";
import { foundOr404 } from "~/http/not-found";
import { saveOnce } from "~/http/sent-once.server";
import type { MessageKey } from "~/i18n/catalogue";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { personDocumentForm, staffDocumentForm, type DocumentItem, type DocumentKind } from "./document-forms";
import { deleteFile, masterKeyOf, readFile, storeFile, unwrapKey, vaultOf, wrapKey } from "./document-vault.server";
import { cleanDocument, readUpload, type DocumentType, type Upload } from "./upload.server";
import { scanBytes } from "./virus-scan.server";

type Viewer = Actor & { sessionRef: string };

export function documentVault() {
  return vaultOf(serverConfig().documents);
}

const ITEM = sql`"Document"."id", "Document"."kind", "Document"."title", "Document"."mediaType", "Document"."size", "Document"."createdAt",
  "Document"."restricted", "Document"."visibleToPerson",
  EXISTS (SELECT 1 FROM "Account" WHERE "Account"."id" = "Document"."uploadedById" AND "Account"."personId" = "Document"."personId") AS "fromPerson"`;
type ItemRow = Omit<DocumentItem, "restricted" | "visibleToPerson" | "fromPerson"> & { restricted: number | boolean; visibleToPerson: number | boolean; fromPerson: number | boolean | null };
const itemOf = (row: ItemRow): DocumentItem => ({ ...row, size: Number(row.size), restricted: Boolean(row.restricted), visibleToPerson: Boolean(row.visibleToPerson), fromPerson: Boolean(row.fromPerson) });

/** The documents of a case the viewer may see, newest first (the case page checked the case itself). */
export async function caseDocuments(viewer: Actor, caseId: string): Promise<DocumentItem[]> {
  const rows = await read<ItemRow>`SELECT ${ITEM} FROM "Document" WHERE "Document"."caseId" = ${caseId} AND ${documentScopeSql(viewer)} ORDER BY "Document"."createdAt" DESC, "Document"."id"`;
  return rows.map(itemOf);
}

/** The person's own documents, in their space. */
export async function myDocuments(viewer: Actor): Promise<DocumentItem[]> {
  const rows = await read<ItemRow>`SELECT ${ITEM} FROM "Document" WHERE ${documentScopeSql(viewer)} ORDER BY "Document"."createdAt" DESC, "Document"."id"`;
  return rows.map(itemOf);
}

/** The documents shared with one referral that the viewer (its partner, or staff) may see. */
export async function referralDocuments(viewer: Actor, referralId: string): Promise<DocumentItem[]> {
  const rows = await read<ItemRow>`SELECT ${ITEM} FROM "Document" JOIN "ReferralDocument" ON "ReferralDocument"."documentId" = "Document"."id"
    WHERE "ReferralDocument"."referralId" = ${referralId} AND ${documentScopeSql(viewer)} ORDER BY "Document"."createdAt" DESC, "Document"."id"`;
  return rows.map(itemOf);
}

export type NewDocument = { kind: DocumentKind; title: string; restricted: boolean; visibleToPerson: boolean };
export type DocumentAdded = { ok: true; id: string; caseId: string } | { ok: false; field: string; message: MessageKey };

/**
 * Keeps a cleaned file as a new document on `caseId` (staff), or on the person's own latest case
 * ("own", the person). The file is sealed first and its row written after; a failed write takes
 * the file away again.
 */
export async function addDocument(viewer: Viewer, where: { caseId: string } | "own", input: NewDocument, file: { bytes: Buffer; type: DocumentType }): Promise<DocumentAdded> {
  // The person's own: their newest case that is not closed, else their newest.
  const [found] =
    where === "own"
      ? await read<{ id: string; personId: string }>`SELECT "id", "personId" FROM "Case" WHERE "personId" = ${ownPersonId(viewer) ?? ""}
          ORDER BY CASE WHEN "status" = 'closed' THEN 1 ELSE 0 END, "openedAt" DESC LIMIT 1`
      : await read<{ id: string; personId: string }>`SELECT "Case"."id", "Case"."personId" FROM "Case" JOIN "Person" ON "Person"."id" = "Case"."personId"
          WHERE "Case"."id" = ${where.caseId} AND "Person"."erasedAt" IS NULL AND ${caseScopeSql(viewer)}`;
  if (!found) {
    if (where === "own") return { ok: false, field: "file", message: "document.noCase" };
    throw foundOr404(null);
  }
  const [{ n }] = (await read<{ n: number }>`SELECT count(*) AS "n" FROM "Document" WHERE "caseId" = ${found.id}`) as [{ n: number }];
  if (Number(n) >= serverConfig().documents.perCase) return { ok: false, field: "file", message: "document.tooMany" };

  const vault = documentVault();
  const id = `d${randomBytes(12).toString("hex")}`;
  const stored = storeFile(vault, id, file.bytes);
  try {
    await db().$transaction(async (tx) => {
      await tx.document.create({
        data: { id, caseId: found.id, personId: found.personId, kind: input.kind, title: input.title, mediaType: file.type, size: file.bytes.length, ...stored, restricted: input.restricted, visibleToPerson: input.visibleToPerson, uploadedById: viewer.accountId },
      });
      await recordAudit(tx, { action: "document.upload", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "document", entityId: id, personId: found.personId });
    });
  } catch (error) {
    deleteFile(vault, stored.storageName);
    throw error;
  }
  return { ok: true, id, caseId: found.id };
}

export type KeptAnswer = { ok: true; caseId: string } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * A read upload made a document: the form's fields checked (the person's form has fewer), the
 * file there, cleaned, and kept. Refusals say which field, as every form does.
 */
export async function keepDocument(viewer: Viewer, where: { caseId: string } | "own", { fields, file }: Upload): Promise<KeptAnswer> {
  // The person's own are theirs to see and the case team's; staff say who sees theirs.
  const parsed = where === "own" ? personDocumentForm.transform((form) => ({ ...form, access: "team" as const, visibleToPerson: "on" as const })).safeParse(fields) : staffDocumentForm.safeParse(fields);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  if (!file) errors.file = "document.fileRequired";
  if (!parsed.success || !file) return { ok: false, errors, values: fields };
  // The file as it came, before anything reads it further: scanned when the operator set a daemon.
  const { clamd } = serverConfig().documents;
  const scanned = clamd ? await scanBytes(clamd, file.bytes) : "clean";
  if (scanned !== "clean") return { ok: false, errors: { file: scanned === "infected" ? "document.infected" : "document.scanUnavailable" }, values: fields };
  const cleaned = await cleanDocument(file);
  if (!cleaned.ok) return { ok: false, errors: { file: cleaned.message }, values: fields };
  const form = parsed.data;
  const input = { kind: form.kind, title: form.title, restricted: form.access === "restricted", visibleToPerson: form.visibleToPerson === "on" };
  const added = await addDocument(viewer, where, input, cleaned);
  return added.ok ? { ok: true, caseId: added.caseId } : { ok: false, errors: { [added.field]: added.message }, values: fields };
}

export type RefusedUpload = { errors: FieldErrors; values: Record<string, string> };

/**
 * An upload form's answer, for both pages that take one: the request read (refused by its field
 * when it is not a whole form), then the document kept once however often the form is sent (a
 * double click), and a redirect to `whereTo` its case; or the refusal, by field.
 */
export async function receiveDocument(request: Request, viewer: Viewer, where: { caseId: string } | "own", whereTo: (caseId: string) => string): Promise<Response> {
  const received = await readUpload(request);
  if (!received.ok) return json<RefusedUpload>({ errors: { [received.problem.field]: received.problem.message }, values: {} }, { status: 400 });
  const form = new FormData();
  for (const [name, value] of Object.entries(received.upload.fields)) form.set(name, value);
  return saveOnce(request, form, viewer.accountId, async () => {
    const kept = await keepDocument(viewer, where, received.upload);
    return kept.ok ? redirect(whereTo(kept.caseId)) : json<RefusedUpload>({ errors: kept.errors, values: kept.values }, { status: 400 });
  });
}

/**
 * One document's bytes for the viewer: 404 outside their scope; a view of the person's record
 * (audited, and refused past the hourly bulk-read limit); DocumentUnreadable when the file does
 * not verify.
 */
export async function openDocument(viewer: Viewer, documentId: string): Promise<{ bytes: Buffer; mediaType: string; kind: DocumentKind; createdAt: string }> {
  const document = foundOr404(
    (
      await read<{ id: string; personId: string; storageName: string; wrappedKey: string; mediaType: string; kind: DocumentKind; createdAt: string }>`
      SELECT "id", "personId", "storageName", "wrappedKey", "mediaType", "kind", "createdAt" FROM "Document" WHERE "Document"."id" = ${documentId} AND ${documentScopeSql(viewer)}`
    )[0],
  );
  const readable = await recordViews(viewer, [{ action: "document.view", entityType: "document", entityId: document.id, personId: document.personId }]);
  if (!readable.has(document.personId)) throw bulkReadRefused();
  return { bytes: readFile(documentVault(), document), mediaType: document.mediaType, kind: document.kind, createdAt: document.createdAt };
}

/** The files of a person's documents, deleted once their rows are gone (erasure). */
export function deleteDocumentFiles(storageNames: string[]): void {
  const vault = documentVault();
  for (const name of storageNames) deleteFile(vault, name);
}

/**
 * A new master key (the rotation command): each document's file key is unwrapped with the old
 * master key and wrapped with the new one; no file is touched. In batches, each its own
 * transaction; a key already wrapped with the new master key is left as it is, so that a rotation
 * cut short is finished by running it again.
 */
export async function rewrapDocumentKeys(oldSecret: string, newSecret: string): Promise<{ rewrapped: number; already: number }> {
  const [from, to] = [masterKeyOf(oldSecret), masterKeyOf(newSecret)];
  let [after, rewrapped, already] = ["", 0, 0];
  for (;;) {
    const batch = await db().document.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: 500, select: { id: true, wrappedKey: true } });
    if (batch.length === 0) break;
    const changed: { id: string; wrappedKey: string }[] = [];
    for (const document of batch) {
      let fileKey: Buffer;
      try {
        fileKey = unwrapKey(from, document.wrappedKey, document.id);
      } catch {
        // Wrapped with the new key by an earlier run: fine. With neither: a real problem, said.
        unwrapKey(to, document.wrappedKey, document.id);
        already++;
        continue;
      }
      changed.push({ id: document.id, wrappedKey: wrapKey(to, fileKey, document.id) });
    }
    await db().$transaction(changed.map((document) => db().document.update({ where: { id: document.id }, data: { wrappedKey: document.wrappedKey } })));
    rewrapped += changed.length;
    after = batch.at(-1)!.id;
  }
  return { rewrapped, already };
}
