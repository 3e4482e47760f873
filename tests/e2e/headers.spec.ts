// What every response says to the browser, read off the running production build.
import { expect, test } from "@playwright/test";
import { signIn } from "./demo";

test("pages carry a CSP with this response's nonce and no unsafe-inline scripts", async ({ page }) => {
  // A page that loads Remix's scripts (the public pages load none).
  const response = await page.goto("/reset-password");
  const csp = response?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");

  // Every script on the page carries that nonce, so nothing was blocked.
  const scriptNonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  // A second load gets a new nonce.
  const again = await page.goto("/reset-password");
  expect(again?.headers()["content-security-policy"]).not.toContain(nonce!);

  const headers = response!.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("a POST from another origin is refused", async ({ request }) => {
  const response = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    form: { email: "caseworker@demo.local", password: "x" },
  });
  expect(response.status()).toBe(403);
});

test("the health check answers for monitors", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("ok\n");
});

test("the public pages come from memory per language, each with its own nonce, and a signed-in visitor gets their own", async ({ request, page }) => {
  const get = (path: string, language: string) => request.get(path, { headers: { "Accept-Language": language } });
  const [first, second] = [await get("/help", "be"), await get("/help", "be")];
  expect(await first.text()).toBe(await second.text());
  expect(await first.text()).toContain('<html lang="be"');
  expect(first.headers()["content-security-policy"]).not.toBe(second.headers()["content-security-policy"]);
  expect(first.headers()["cache-control"]).toBe("no-store");
  expect(await (await get("/help", "ru")).text()).toContain('<html lang="ru"');

  await signIn(page, "client@demo.local");
  await page.goto("/");
  await expect(page.getByText("Signed in as", { exact: false })).toBeVisible();
});
