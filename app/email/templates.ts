// Every email Aftercare sends. They say that there is something to do and give a link: no
// name, no support track, no case detail, no word that tells what the organisation does,
// for clients and partners alike (PRODUCT.md). Texts live in the catalogues.
import "~/i18n/all-catalogues";
import { translator, type Locale, type MessageKey } from "~/i18n/catalogue";

export const EMAIL_TEMPLATES = ["invitation", "password_reset", "activation", "update"] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

const KEYS: Record<EmailTemplate, { subject: MessageKey; body: MessageKey; action: MessageKey }> = {
  invitation: { subject: "email.invitation.subject", body: "email.invitation.body", action: "email.invitation.action" },
  password_reset: { subject: "email.reset.subject", body: "email.reset.body", action: "email.reset.action" },
  activation: { subject: "email.activation.subject", body: "email.activation.body", action: "email.activation.action" },
  update: { subject: "email.update.subject", body: "email.update.body", action: "email.update.action" },
};

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function renderEmail(template: EmailTemplate, locale: Locale, link: string): RenderedEmail {
  const t = translator(locale);
  const keys = KEYS[template];
  const subject = t(keys.subject);
  const body = t(keys.body);
  const footer = t("email.footer");
  const text = `${body}\n\n${t(keys.action)}: ${link}\n\n${footer}\n`;
  const html = `<!doctype html><html lang="${locale}"><body><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(t(keys.action))}</a></p><p>${escapeHtml(footer)}</p></body></html>`;
  return { subject, text, html };
}
