// Malformed requests through the real HTTP server (express, our headers and Origin check, Remix's
// request handling), signed in, to every kind of route with an action: no answer is a 5xx.
// tests/integration/fuzz.test.ts fuzzes the actions themselves with many more bodies.
import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { BASE_URL } from "../../playwright.config";
import { fuzzedBody } from "../fixtures/fuzz";
import { signIn } from "./demo";

const ACTION_PATHS = [
  "/login", "/logout", "/language", "/two-factor", "/account", "/help", "/help/status", "/welcome/x", "/reset-password", "/reset-password/x",
  "/staff", "/staff/requests/new", "/staff/erasures", "/admin/accounts", "/admin/tracks", "/admin/partners", "/admin/partners/hsds", "/admin/emails", "/admin/audit", "/admin/funding",
];

async function statuses(request: APIRequestContext, paths: string[], headers: Record<string, string>, bodies: { contentType: string | null; body: string }[]) {
  const bad: string[] = [];
  for (const path of paths) {
    for (const body of bodies) {
      const response = await request.post(path, {
        headers: { Origin: BASE_URL, ...headers, ...(body.contentType ? { "Content-Type": body.contentType } : {}) },
        data: body.body,
        maxRedirects: 0,
      });
      if (response.status() >= 500) bad.push(`${response.status()} ${path} ${JSON.stringify(headers)} ${JSON.stringify(body).slice(0, 120)}`);
    }
  }
  return bad;
}

test("malformed bodies and mismatched Host headers through the HTTP server never answer 5xx", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "admin@demo.local");
  await page.goto("/staff");
  const casePath = await page.locator('a[href^="/staff/cases/"]').first().getAttribute("href");
  const paths = [...ACTION_PATHS, ...(casePath ? [casePath.split("#")[0]!] : [])];
  const bodies = fc.sample(fuzzedBody(["cmx0000000000000000000000"]), { seed: 1450, numRuns: 25 });

  const bad = [
    ...(await statuses(page.request, paths, {}, bodies)),
    // A proxy that rewrites Host, or a forged X-Forwarded-Host: our Origin check decides, and
    // Remix's own comparison must not turn the difference into a 500.
    ...(await statuses(page.request, paths, { Host: "other.example" }, bodies.slice(0, 5))),
    ...(await statuses(page.request, paths, { "X-Forwarded-Host": "other.example" }, bodies.slice(0, 5))),
  ];
  expect(bad).toEqual([]);
});
