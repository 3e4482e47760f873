// "Leave now" in the personal space (issue 16): the session ends on the server, the browser is
// told to forget this site's cookies, storage and cache, and a page that moves on by itself
// takes it to the neutral site. A redirect to another site after a form post is what the CSP's
// `form-action 'self'` refuses in Chromium; a page's own `<meta http-equiv="refresh">` is a new
// navigation that no CSP directive governs, in Chromium and in Firefox (docs/decisions/014).
import { signOut } from "~/auth/sign-in.server";
import { serverConfig } from "~/config/env.server";
import { translator, type Locale } from "~/i18n/catalogue";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page that moves on: no script, no style, no title that says where the person was. */
export function leavingPage(locale: Locale, url = serverConfig().leaveNowUrl): string {
  const t = translator(locale);
  const href = escapeHtml(url);
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0; url=${href}"><title>…</title></head><body><p><a href="${href}" rel="noreferrer">${escapeHtml(t("leave.continue"))}</a></p></body></html>`;
}

// Not cached: the server sends no-store with every page (app/server/server.ts).
export const LEAVING_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Clear-Site-Data": '"cache", "cookies", "storage"',
  "Referrer-Policy": "no-referrer",
} as const;

/** Ends the request's session (if any) and answers the page that moves on. */
export async function leaveNow(request: Request, locale: Locale): Promise<Response> {
  const cookie = await signOut(request);
  return new Response(leavingPage(locale), { status: 200, headers: { ...LEAVING_HEADERS, "Set-Cookie": cookie } });
}
