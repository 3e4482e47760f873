// The documents' forms and what the pages show of a document (issue 18).
import { z } from "zod";

export const DOCUMENT_KINDS = ["identity", "release", "court", "medical", "housing", "employment", "other"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const title = z.string().trim().min(1, "document.titleRequired").max(200, "form.tooLong");
const kind = z.enum(DOCUMENT_KINDS, { message: "document.kindRequired" });

/** A caseworker's upload: who may see it besides the case's team. */
export const staffDocumentForm = z.object({
  kind,
  title,
  // "restricted": the lead caseworker and coordinators only.
  access: z.enum(["team", "restricted"], { message: "document.accessRequired" }),
  // Unchecked boxes are not sent at all.
  visibleToPerson: z.literal("on").optional(),
});

/** The person's own upload: always theirs to see, and the case team's. */
export const personDocumentForm = z.object({ kind, title });

/** A document as a list shows it. */
export type DocumentItem = { id: string; kind: DocumentKind; title: string; mediaType: string; size: number; createdAt: string; restricted: boolean; visibleToPerson: boolean; fromPerson: boolean };
