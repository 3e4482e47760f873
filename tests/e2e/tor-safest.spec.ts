// The person's walk in Tor Browser's engine at its "Safest" level (issue 16): Debian's Firefox ESR
// driven by puppeteer-core over WebDriver BiDi (Playwright's Firefox needs its own patched build),
// every script request of the page refused and SVG disabled, as Safest does. With
// `javascript.enabled` off the driver itself could not act, so the page's scripts are blocked
// instead. Help form → receipt → status → withdraw; sign in → messages → withdraw a consent →
// leave now.
import { expect, test } from "@playwright/test";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { en } from "../../app/i18n/en";
import { hashPassword } from "../../app/auth/password.server";
import { BASE_URL } from "../../playwright.config";
import { e2eDatabase } from "./database";
import { DEMO_PASSWORD } from "./demo";
import { NEUTRAL_SITE } from "./neutral-site";

const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

let browser: Browser;
test.beforeAll(async () => {
  browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true, extraPrefsFirefox: { "svg.disabled": true } });
});
test.afterAll(async () => {
  await browser?.close();
});

/** A page whose script requests are refused, and which answers the neutral site itself; what it refused is counted. */
async function safestPage(): Promise<{ page: Page; refusedScripts: string[] }> {
  const page = await browser.newPage();
  const refusedScripts: string[] = [];
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url().startsWith("https://neutral.example/")) return void request.respond({ status: 200, contentType: "text/html", body: "<!DOCTYPE html><title>Weather</title><h1>Weather</h1>" });
    // WebDriver BiDi gives no resource type here: a script is what its address says it is.
    if (/\.m?js(\?|$)/.test(new URL(request.url()).pathname + new URL(request.url()).search)) {
      refusedScripts.push(request.url());
      return void request.abort();
    }
    return void request.continue();
  });
  return { page, refusedScripts };
}

const text = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent ?? "");
/** Inline scripts cannot be refused by address: the pages must carry none. */
const scriptsIn = (page: Page) => page.$$eval("script", (scripts) => scripts.length);
async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

test("a person's walk in Firefox ESR with scripts blocked and SVG disabled, as Tor Browser's Safest", async () => {
  const { page, refusedScripts } = await safestPage();

  // The help form, its receipt, the status, and withdrawing the request.
  await page.goto(`${BASE_URL}/help`);
  expect(await scriptsIn(page)).toBe(0);
  await page.type("#preferredName", "Бяроза");
  await page.select("#contactKind", "telegram");
  await page.type("#contactValue", "@biaroza_1450");
  await page.click("input[name=consent]");
  await submit(page, "main form button[type=submit]");
  expect(await text(page, "h1")).toBe(en["help.receiptTitle"]);
  const [code, secret] = await page.$$eval(".receipt code", (codes) => codes.map((c) => c.textContent ?? ""));
  expect(code).toMatch(/^R-/);
  await page.goto(`${BASE_URL}/help/status`);
  await page.type("#code", code!);
  await page.type("#secret", secret!);
  await submit(page, "main form button.primary");
  expect(await text(page, ".facts")).toContain(en["requestStatus.new"]);
  await page.click("details.confirm summary");
  await submit(page, "details.confirm form button[type=submit]");
  expect(await text(page, ".facts")).toContain(en["requestStatus.withdrawn"]);

  // A person of their own (so that no other test's person changes), signed in: a message, a consent withdrawn, leave now.
  const email = `safest-${Date.now()}@example.org`;
  const db = e2eDatabase();
  const partner = await db.organization.findFirstOrThrow({ where: { kind: "partner" } });
  const person = await db.person.create({ data: { caseCode: `AC-SAFE-${String(Date.now()).slice(-4)}`, preferredName: "Бяроза", languages: "be" } });
  await db.case.create({ data: { personId: person.id, status: "active" } });
  await db.consent.create({ data: { personId: person.id, purpose: "referral_sharing", recipientOrganizationId: partner.id, sharedFields: "preferredName", textVersion: "test", method: "in_person" } });
  await db.account.create({ data: { email, role: "client", status: "active", displayName: "Бяроза", personId: person.id, passwordHash: await hashPassword(DEMO_PASSWORD), locale: "en" } });
  await page.goto(`${BASE_URL}/login`);
  await page.type("#email", email);
  await page.type("#password", DEMO_PASSWORD);
  await submit(page, "main form button[type=submit]");
  expect(new URL(page.url()).pathname).toBe("/me");

  await page.goto(`${BASE_URL}/me/messages`);
  await page.type("#message-body", "Дзякуй, пішу з Firefox.");
  await submit(page, "main form button[type=submit]:not([name])");
  expect(await text(page, ".messages")).toContain("Дзякуй, пішу з Firefox.");

  await page.goto(`${BASE_URL}/me`);
  expect(await scriptsIn(page)).toBe(0);
  await page.click("details.confirm summary");
  await submit(page, "details.confirm form button[type=submit]");
  const consent = await db.consent.findFirstOrThrow({ where: { personId: person.id } });
  expect(consent.withdrawnAt).not.toBeNull();

  await submit(page, "form[action='/leave'] button");
  await page.waitForFunction((site) => location.href === site, { timeout: 20_000 }, NEUTRAL_SITE).catch(() => undefined);
  expect(page.url()).toBe(NEUTRAL_SITE);
  expect(await db.session.count({ where: { userId: (await db.account.findUniqueOrThrow({ where: { email } })).id } })).toBe(0);
  await db.$disconnect();

  // The public pages and the person's space load no script at all: nothing had to be refused.
  expect(refusedScripts).toEqual([]);
});
