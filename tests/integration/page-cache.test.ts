// The public page cache renders a page once per language and serves it from memory; never for
// a session, a query, a POST, or a page that was not a plain 200.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { localeCookie } from "~/i18n/locale.server";
import { acceptsGzip, publicPageCache, type RenderPage } from "~/server/page-cache";

let close: (() => void) | null = null;
afterEach(() => close?.());

/** A server as server.ts runs it: the cache first, with the headers every answer carries; the app after it. */
async function serve(render: RenderPage, ttlMs = 60_000) {
  const cache = publicPageCache({ render, paths: ["/", "/help"], sessionCookies: ["__Host-aftercare-session", "aftercare-session"], ttlMs, origin: "http://app.test" });
  const server = createServer((req, res) => {
    void cache(req, res, { "Content-Security-Policy": "default-src 'self'" }).then((answered) => {
      if (!answered) res.writeHead(200, { "Content-Type": "text/plain" }).end(`dynamic ${req.method} ${req.url}`);
    });
  }).listen(0);
  close = () => server.close();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (path: string, init: RequestInit = {}) => fetch(base + path, init);
}

function countingRender(status = 200, extra: Record<string, string> = {}) {
  const rendered: string[] = [];
  const render: RenderPage = async (request) => {
    const language = String(await localeCookie.parse(request.headers.get("Cookie")));
    rendered.push(`${language} ${new URL(request.url).pathname}`);
    return new Response(`<html lang="${language}">page ${rendered.length}</html>`, { status, headers: { "Content-Type": "text/html; charset=utf-8", ...extra } });
  };
  return { render, rendered };
}

describe("the public page cache", () => {
  it("renders once per page and language, then answers from memory, gzipped when asked", async () => {
    const { render, rendered } = countingRender();
    const get = await serve(render);
    const be = { headers: { "Accept-Language": "be" } };
    expect(await (await get("/help", be)).text()).toBe('<html lang="be">page 1</html>');
    expect(await (await get("/help", be)).text()).toBe('<html lang="be">page 1</html>');
    expect(await (await get("/help", { headers: { "Accept-Language": "ru" } })).text()).toBe('<html lang="ru">page 2</html>');
    expect(await (await get("/help", { headers: { Cookie: (await localeCookie.serialize("be")).split(";")[0]! } })).text()).toBe('<html lang="be">page 1</html>');
    const gzipped = await get("/help", { headers: { "Accept-Language": "be", "Accept-Encoding": "gzip" } });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(gzipped.headers.get("cache-control")).toBe("no-store");
    expect(gzipped.headers.get("content-security-policy")).toBe("default-src 'self'");
    const head = await get("/help", { method: "HEAD", headers: { "Accept-Language": "be" } });
    expect([head.status, await head.text()]).toEqual([200, ""]);
    expect(rendered).toEqual(["be /help", "ru /help"]);
  });

  it("leaves sessions, queries, posts and other paths to the app", async () => {
    const { render, rendered } = countingRender();
    const get = await serve(render);
    expect(await (await get("/help", { headers: { Cookie: "__Host-aftercare-session=abc" } })).text()).toBe("dynamic GET /help");
    expect(await (await get("/help?code=R-1")).text()).toBe("dynamic GET /help?code=R-1");
    expect(await (await get("/help", { method: "POST", body: "x=1" })).text()).toBe("dynamic POST /help");
    expect(await (await get("/staff")).text()).toBe("dynamic GET /staff");
    expect(rendered).toEqual([]);
  });

  it("keeps nothing that is not a plain page, and renders again when the page is old", async () => {
    const redirecting = countingRender(302);
    expect(await (await (await serve(redirecting.render))("/")).text()).toBe("dynamic GET /");
    close?.();
    const cookie = countingRender(200, { "Set-Cookie": "a=b" });
    expect(await (await (await serve(cookie.render))("/")).text()).toBe("dynamic GET /");
    close?.();
    const { render, rendered } = countingRender();
    const get = await serve(render, 0);
    await get("/");
    await new Promise((resolve) => setTimeout(resolve, 5));
    await get("/");
    expect(rendered).toEqual(["en /", "en /"]);
  });
});

describe("gzip", () => {
  it("is sent when the browser lists it (or anything) without q=0", () => {
    expect(["gzip, deflate, br", "br;q=1, gzip;q=0.5", "*", "GZIP"].map(acceptsGzip)).toEqual([true, true, true, true]);
    expect(["", "br", "gzip;q=0", "identity", undefined].map(acceptsGzip)).toEqual([false, false, false, false, false]);
  });
});
