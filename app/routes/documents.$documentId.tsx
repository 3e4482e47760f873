// A document's file, for whoever may read it (the policy's documentScopeSql): staff, the person
// themselves, a partner it was shared with by consent. Decrypted in memory and verified before a
// byte is sent; sent as an attachment that nothing may run or frame, under a neutral name (the
// file may stay on a device others look into). Every download is audited as a view of the person.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireViewer } from "~/auth/session.server";
import { DocumentUnreadable } from "~/documents/document-vault.server";
import { openDocument } from "~/documents/documents.server";
import { notFound } from "~/http/not-found";
import { translator } from "~/i18n/catalogue";
import { localeFor } from "~/i18n/locale.server";

const EXTENSION: Record<string, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const id = params.documentId ?? "";
  if (!/^[a-z0-9]{1,40}$/.test(id)) throw notFound();
  try {
    const document = await openDocument(viewer, id);
    return new Response(new Uint8Array(document.bytes), {
      headers: {
        "Content-Type": document.mediaType,
        "Content-Length": String(document.bytes.length),
        "Content-Disposition": `attachment; filename="document-${document.kind}-${document.createdAt.slice(0, 10)}.${EXTENSION[document.mediaType] ?? "bin"}"`,
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof DocumentUnreadable)) throw error;
    // Altered, cut short, or moved from another document: refused, and said so; nothing sent.
    console.error(`A document did not verify: ${id}`);
    const t = translator(await localeFor(request));
    return new Response(t("document.notVerified"), { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
}
