// The coordinator's confirmation of an erasure: the request, and the person's case code typed
// by hand, so that no one erases a person by a slip of the mouse. Messages are keys.
import { z } from "zod";

export const confirmErasureForm = z.object({
  requestId: z.string().trim().min(1, "form.errorSummary").max(40, "form.tooLong"),
  caseCode: z.string().trim().max(20, "form.tooLong").pipe(z.string().min(1, "erasure.codeRequired")),
});
