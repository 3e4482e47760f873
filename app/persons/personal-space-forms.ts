// Forms of a person's own space that ask them to confirm it is them. Messages are keys.
import { z } from "zod";

const identity = {
  password: z.string().max(1000, "form.tooLong").pipe(z.string().min(1, "login.passwordRequired")),
  code: z.string().trim().max(20, "form.tooLong").default(""),
};

export const exportForm = z.object({ format: z.enum(["page", "json"], { message: "export.formatRequired" }), ...identity });

export const erasureForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("request"), understood: z.literal("on", { message: "erasure.understandRequired" }), ...identity }),
  z.object({ intent: z.literal("cancel") }),
]);
