// The person record's edit form. Messages are catalogue keys.
import { z } from "zod";

export const personEditForm = z.object({
  preferredName: z.string().trim().min(1, "person.preferredNameRequired").max(100, "form.tooLong"),
  cityNow: z.string().trim().max(100, "form.tooLong"),
  version: z.coerce.number().int().min(1),
});

export type PersonEdit = z.infer<typeof personEditForm>;
