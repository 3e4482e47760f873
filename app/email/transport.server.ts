// How a rendered email leaves: through Resend when RESEND_API_KEY is set (RESEND_BASE_URL
// points the SDK at another server, as the tests do); otherwise, in development only, printed
// to the log. In production without a key nothing is printed (the link is a secret) and the
// message stays in the outbox.
import type { Resend } from "resend";
import { serverConfig } from "~/config/env.server";
import type { RenderedEmail } from "./templates";

export type OutgoingEmail = RenderedEmail & { to: string; idempotencyKey: string };
export type SendResult = { ok: true; providerId: string } | { ok: false; error: string };
/** Sends one email; gives up when `signal` aborts (the outbox's send timeout). */
export type EmailTransport = (email: OutgoingEmail, signal?: AbortSignal) => Promise<SendResult>;

export function transportFromEnv(env: Record<string, string | undefined> = process.env): EmailTransport {
  const { production, email } = serverConfig(env);
  const { resendApiKey: key, resendBaseUrl, from } = email;
  if (key) {
    // The SDK is loaded with the first email, not when the server starts.
    let resend: Promise<Resend> | undefined;
    return async (email, signal) => {
      resend ??= import("resend").then(({ Resend }) => new Resend(key, resendBaseUrl ? { baseUrl: resendBaseUrl } : undefined));
      const { data, error } = await (await resend).emails.send(
        { from, to: email.to, subject: email.subject, text: email.text, html: email.html },
        { idempotencyKey: email.idempotencyKey, signal },
      );
      return error || !data ? { ok: false, error: error?.name ?? "no answer" } : { ok: true, providerId: data.id };
    };
  }
  if (production) {
    return async () => ({ ok: false, error: "RESEND_API_KEY is not set" });
  }
  return async (email) => {
    console.log(`[email, development only] ${email.subject}\n${email.text}`);
    return { ok: true, providerId: "logged" };
  };
}
