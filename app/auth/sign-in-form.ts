// The sign-in form's schema; messages are catalogue keys, translated where they are shown.
import { z } from "zod";
import type { MessageKey } from "~/i18n/catalogue";

const key = (k: MessageKey) => ({ message: k });

export const signInForm = z.object({
  email: z.string().trim().toLowerCase().max(254, key("login.tooLong")).email(key("login.emailInvalid")),
  password: z.string().min(1, key("login.passwordRequired")).max(1024, key("login.tooLong")),
  redirectTo: z.string().max(2048).optional(),
});

export type SignInForm = z.infer<typeof signInForm>;
