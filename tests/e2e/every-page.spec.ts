// Every page of every role, as a person at 320 px (400% zoom) and a screen reader meet it: no
// page scrolls sideways, and axe finds no WCAG 2.2 A/AA violation, on the pages as they open,
// on forms after a failed submit and on error pages.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, unfold } from "./demo";

const PHONE = { width: 320, height: 640 };
const DESKTOP = { width: 1280, height: 800 };

/** What is wrong with the page as it is now: sideways scrolling at 320 px, axe's violations. */
async function problemsOf(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  await page.setViewportSize(DESKTOP);
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  for (const violation of axe.violations) {
    problems.push(`${label}: ${violation.id} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
  }
  await page.setViewportSize(PHONE);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE.width) problems.push(`${label}: ${width} px wide at ${PHONE.width} px`);
  await page.setViewportSize(DESKTOP);
  return problems;
}

async function visit(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
  return problemsOf(page, path);
}

/** The first link on `from` whose address matches, for pages of records (a case, a referral). */
async function linkFrom(page: Page, from: string, pattern: RegExp): Promise<string> {
  await page.goto(from);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const href = hrefs.find((candidate) => pattern.test(candidate));
  if (!href) throw new Error(`no link matching ${pattern} on ${from}`);
  return href.split("#")[0]!;
}

/** Sends the form holding `button` empty, then looks at the page that answers. */
async function failedSubmit(page: Page, path: string, button: RegExp | string, label: string, folded?: string): Promise<string[]> {
  await page.goto(path);
  if (folded) await unfold(page, folded);
  await page.getByRole("button", { name: button }).first().click();
  await expect(page.locator(".field-error, .form-error, [role=alert]").first(), label).toBeVisible();
  // The focus is on the first field in error (autofocus without JavaScript, moved with it).
  await expect(page.locator(":focus"), label).toHaveAttribute("aria-invalid", "true");
  return problemsOf(page, label);
}

test("public pages and error pages", async ({ page }) => {
  const problems: string[] = [];
  for (const path of ["/", "/help", "/help/status", "/login", "/reset-password", "/safety", "/lost-device"]) problems.push(...(await visit(page, path)));
  problems.push(...(await failedSubmit(page, "/help", "Send the request", "/help, sent empty")));
  problems.push(...(await failedSubmit(page, "/login", "Sign in", "/login, sent empty")));
  for (const path of ["/no-such-page", "/welcome/not-a-token", "/staff/cases/no-such-case"]) {
    await page.goto(path);
    problems.push(...(await problemsOf(page, `${path} (error page)`)));
  }
  expect(problems).toEqual([]);
});

test("an error page has a title and words in the chosen language", async ({ page }) => {
  await page.goto("/help");
  await page.getByRole("button", { name: "Беларуская" }).click();
  await page.goto("/no-such-page");
  await expect(page).toHaveTitle(/^Старонка не знойдзена/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Старонка не знойдзена");
});

test("a person's own pages", async ({ page }) => {
  await signIn(page, "client@demo.local");
  const problems: string[] = [];
  const request = await linkFrom(page, "/me", /^\/me\/requests\//);
  for (const path of ["/me", "/me/messages", "/me/documents", "/me/data", "/me/erasure", "/account", request]) problems.push(...(await visit(page, path)));
  problems.push(...(await failedSubmit(page, "/me/messages", /^Send/, "/me/messages, sent empty")));
  expect(problems).toEqual([]);
});

test("a partner's pages", async ({ page }) => {
  await signIn(page, "partner3@demo.local");
  const problems: string[] = [];
  const referral = await linkFrom(page, "/partner", /^\/partner\/referrals\//);
  for (const path of ["/partner", referral, "/account"]) problems.push(...(await visit(page, path)));
  expect(problems).toEqual([]);
});

test("a caseworker's pages", async ({ page }) => {
  await signIn(page, "caseworker3@demo.local");
  const problems: string[] = [];
  const casePage = await linkFrom(page, "/staff", /^\/staff\/cases\//);
  const person = await linkFrom(page, casePage, /^\/staff\/persons\//);
  const request = await linkFrom(page, "/staff/requests", /^\/staff\/requests\/(?!new)/);
  for (const path of ["/staff", "/staff/tasks", "/staff/requests", "/staff/requests/new", "/staff/search?q=Ганна", "/staff/directory", "/staff/erasures", casePage, `${casePage}/documents`, person, request]) {
    problems.push(...(await visit(page, path)));
  }
  problems.push(...(await failedSubmit(page, casePage, "Add the note", `${casePage}, a note sent empty`, "Write a note")));
  problems.push(...(await failedSubmit(page, "/staff/requests/new", "Save the request", "/staff/requests/new, sent empty")));
  expect(problems).toEqual([]);
});

test("a coordinator's and an administrator's pages", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  const problems: string[] = [];
  for (const path of ["/staff", "/staff/referrals", "/staff/reports", "/staff/support", "/admin", "/admin/accounts", "/admin/audit", "/admin/emails", "/admin/partners", "/admin/partners/hsds", "/admin/tracks", "/admin/funding"]) {
    problems.push(...(await visit(page, path)));
  }
  problems.push(...(await failedSubmit(page, "/admin/accounts", "Send the invitation", "/admin/accounts, an invitation sent empty")));
  expect(problems).toEqual([]);
});
