// The public pages that hold no personal data and load no script (/, /help, /login...) are
// the same for every visitor without a session in a language: each is rendered once per
// language and then served from memory, gzipped once, for a short while. A visitor with a
// session cookie (whose header shows their name), a query string, or any method but GET and
// HEAD goes to Remix as always; so does a form's error answer, which is a POST. It answers on
// Node's own request and response, before Express: these are the pages a crowd may ask for.
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import type { Locale } from "~/i18n/catalogue";
import { localeCookie, localeFromHeaders } from "~/i18n/locale.server";

type Entry = { html: Buffer; gzip: Buffer; contentType: string; renderedAt: number };

/** Renders a page as Remix does (createRequestHandler of the build). */
export type RenderPage = (request: Request, context: { cspNonce: string; clientAddress: string }) => Promise<Response>;

export type PageCacheOptions = {
  render: RenderPage;
  /** Paths served from memory; only pages without personal data and without script belong here. */
  paths: readonly string[];
  /** Names of cookies whose presence means a session: such requests are never served from memory. */
  sessionCookies: readonly string[];
  /** How long a rendered page is kept (a changed support track shows after this). */
  ttlMs: number;
  origin: string;
};

export function publicPageCache({ render, paths, sessionCookies, ttlMs, origin }: PageCacheOptions) {
  const entries = new Map<string, Promise<Entry | null>>();

  async function renderPage(path: string, locale: Locale): Promise<Entry | null> {
    const request = new Request(origin + path, { headers: { Cookie: await localeCookie.serialize(locale) } });
    const response = await render(request, { cspNonce: "", clientAddress: "" });
    const contentType = response.headers.get("Content-Type") ?? "";
    // Only a whole, ordinary page is kept: never a redirect, an error or a cookie being set.
    if (response.status !== 200 || !contentType.startsWith("text/html") || response.headers.has("Set-Cookie")) return null;
    const html = Buffer.from(await response.arrayBuffer());
    return { html, gzip: gzipSync(html), contentType, renderedAt: Date.now() };
  }

  /** Answers from memory and says true, or says false and leaves the request to the app. */
  return async function servePublicPage(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<boolean> {
    const path = req.url ?? "";
    if ((req.method !== "GET" && req.method !== "HEAD") || !paths.includes(path)) return false;
    const cookieNames = (req.headers.cookie ?? "").split(";").map((pair) => pair.trim().split("=")[0]);
    if (sessionCookies.some((name) => cookieNames.includes(name))) return false;
    const locale = await localeFromHeaders(req.headers.cookie ?? null, req.headers["accept-language"] ?? null);
    const key = `${locale} ${path}`;
    let pending = entries.get(key);
    const cached = pending ? await pending : null;
    if (!pending || (cached && Date.now() - cached.renderedAt > ttlMs)) {
      pending = renderPage(path, locale);
      entries.set(key, pending);
      pending.catch(() => entries.delete(key));
    }
    const entry = await pending;
    if (!entry) {
      entries.delete(key);
      return false;
    }
    const gzip = acceptsGzip(req.headers["accept-encoding"]);
    const body = gzip ? entry.gzip : entry.html;
    // `headers` are the security headers every answer carries; the page holds no script.
    res.writeHead(200, {
      ...headers,
      "Content-Type": entry.contentType,
      "Content-Length": String(body.length),
      "Cache-Control": "no-store",
      Vary: "Cookie, Accept-Language, Accept-Encoding",
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}

/** Whether Accept-Encoding allows gzip (listed, and not with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? "").split(",").some((part) => {
    const [coding, ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith("q="));
    return (coding === "gzip" || coding === "*") && (q === undefined || Number(q.slice(2)) > 0);
  });
}
