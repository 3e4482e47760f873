// The one form of a message, written by a person or by their caseworker. Messages are keys.
import { z } from "zod";

const MESSAGE_MAX_LENGTH = 4000;

export const messageForm = z.object({
  body: z.string().trim().max(MESSAGE_MAX_LENGTH, "form.tooLong").pipe(z.string().min(1, "message.required")),
});
