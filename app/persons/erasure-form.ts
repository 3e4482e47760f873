// The coordinator's confirmation of an erasure: the request, and the person's case code typed
// by hand, so that no one erases a person by a slip of the mouse. Messages are keys.
import { z } from "zod";

/** A coordinator's hold on the retention schedule (with its reason), or lifting it. */
export const retentionHoldForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("hold"),
    caseId: z.string().trim().min(1, "form.errorSummary").max(40, "form.tooLong"),
    version: z.coerce.number().int().min(1),
    reason: z.string().trim().max(500, "form.tooLong").pipe(z.string().min(3, "retention.reasonRequired")),
  }),
  z.object({ intent: z.literal("release"), caseId: z.string().trim().min(1, "form.errorSummary").max(40, "form.tooLong"), version: z.coerce.number().int().min(1) }),
]);

export const confirmErasureForm = z.object({
  requestId: z.string().trim().min(1, "form.errorSummary").max(40, "form.tooLong"),
  caseCode: z.string().trim().max(20, "form.tooLong").pipe(z.string().min(1, "erasure.codeRequired")),
});
