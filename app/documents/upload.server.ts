// A document as it arrives: a multipart form read in memory (never through a file on disk), its
// type read from the content (PDF, JPEG or PNG, and a name that says otherwise is refused), and
// its metadata stripped (location, camera, author, software) before it is sealed. Remix sets no
// total size or part count: the request is refused by its Content-Length before it is read, and
// the file's bytes are counted as they come.
import { MaxPartSizeExceededError, unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { fileTypeFromBuffer } from "file-type";
import { PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } from "pdf-lib";
import sharp from "sharp";
import { withoutNul } from "~/http/form.server";
import type { MessageKey } from "~/i18n/catalogue";

export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
// The form's other fields (a title, a kind, a token) are small: they stay in memory, 10 kB each.
const FIELD_BYTES = 10_000;

const TYPES = {
  "application/pdf": { extensions: ["pdf"] },
  "image/jpeg": { extensions: ["jpg", "jpeg"] },
  "image/png": { extensions: ["png"] },
} as const;
export type DocumentType = keyof typeof TYPES;

export type Upload = { fields: Record<string, string>; file: { bytes: Buffer; name: string } | null };
export type UploadProblem = { field: "file" | "form"; message: MessageKey };

class TooLarge extends Error {}

/** The form's fields and its file (the part named "file"), or what was wrong with the request. */
export async function readUpload(request: Request): Promise<{ ok: true; upload: Upload } | { ok: false; problem: UploadProblem }> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_DOCUMENT_BYTES + 64 * 1024) return { ok: false, problem: { field: "file", message: "document.tooLarge" } };
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return { ok: false, problem: { field: "form", message: "document.formInvalid" } };
  let file: Upload["file"] = null;
  const fileHandler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== "file") return undefined;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > MAX_DOCUMENT_BYTES) throw new TooLarge();
      chunks.push(chunk);
    }
    // A file input left empty still sends a part, with no name and no bytes.
    if (filename && size > 0) file = { bytes: Buffer.concat(chunks), name: filename };
    return filename ?? "";
  };
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(fileHandler, unstable_createMemoryUploadHandler({ maxPartSize: FIELD_BYTES })));
    const fields = Object.fromEntries([...withoutNul(form).entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "file"));
    return { ok: true, upload: { fields, file } };
  } catch (error) {
    if (error instanceof TooLarge) return { ok: false, problem: { field: "file", message: "document.tooLarge" } };
    if (error instanceof MaxPartSizeExceededError) return { ok: false, problem: { field: "form", message: "form.tooLong" } };
    return { ok: false, problem: { field: "form", message: "document.formInvalid" } };
  }
}

/**
 * The file as it will be kept: its type read from its bytes, checked against its name, and its
 * metadata removed. Images are decoded and encoded again (which drops EXIF, XMP and ICC data and
 * turns the picture upright); a PDF loses its document information, its XMP streams and the
 * editors' private data, and is written anew.
 */
export async function cleanDocument(file: { bytes: Buffer; name: string }): Promise<{ ok: true; bytes: Buffer; type: DocumentType } | { ok: false; message: MessageKey }> {
  const sniffed = await fileTypeFromBuffer(file.bytes);
  if (!sniffed || !(sniffed.mime in TYPES)) return { ok: false, message: "document.typeRefused" };
  const type = sniffed.mime as DocumentType;
  const extension = /\.([^./\\]+)$/.exec(file.name)?.[1]?.toLowerCase();
  if (extension && !(TYPES[type].extensions as readonly string[]).includes(extension)) return { ok: false, message: "document.nameMismatch" };
  try {
    if (type === "image/jpeg") return { ok: true, type, bytes: await sharp(file.bytes).rotate().jpeg({ quality: 92 }).toBuffer() };
    if (type === "image/png") return { ok: true, type, bytes: await sharp(file.bytes).rotate().png().toBuffer() };
    return { ok: true, type, bytes: await cleanPdf(file.bytes) };
  } catch {
    return { ok: false, message: "document.unreadable" };
  }
}

async function cleanPdf(bytes: Buffer): Promise<Buffer> {
  // A password-protected PDF is refused (pdf-lib cannot read it, and nor could we strip it).
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const context = pdf.context;
  const drop = (value: unknown) => {
    if (value instanceof PDFRef) context.delete(value);
  };
  // The document information dictionary: title, author, subject, creator, producer, dates.
  drop(context.trailerInfo.Info);
  context.trailerInfo.Info = undefined;
  // XMP metadata and editors' private data, on the catalogue, the pages and the images.
  for (const [, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : null;
    if (!dict) continue;
    for (const key of ["Metadata", "PieceInfo"]) {
      drop(dict.get(PDFName.of(key)));
      dict.delete(PDFName.of(key));
    }
  }
  return Buffer.from(await pdf.save({ updateFieldAppearances: false }));
}
