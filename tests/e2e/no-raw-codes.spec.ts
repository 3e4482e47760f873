// A person reads words, never the codes behind them: no status or purpose code (in_progress,
// referral_sharing), no record id, on any page of their own space, of a partner's, or of the
// staff and the administrators, in any of the three languages.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./demo";

/** A code: snake_case (in_triage, not_completed) or a record id (cuid: c and 24 letters and digits). */
const RAW = /\b[a-z]+(?:_[a-z]+)+\b|\bc[a-z0-9]{20,}\b/g;
const LANGUAGES = ["Беларуская", "Русский", "English"];

/** The first link on `from` whose address matches (a record's page). */
async function linkFrom(page: Page, from: string, pattern: RegExp): Promise<string> {
  await page.goto(from);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.find((href) => pattern.test(href))?.split("#")[0] ?? from;
}

/** Opens each page in each language; returns the codes found in what the page says. */
async function codesOn(page: Page, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const language of LANGUAGES) {
    await page.goto(paths[0]!);
    await page.getByRole("button", { name: language }).click();
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const text = await page.locator("main").innerText();
      for (const code of text.match(RAW) ?? []) found.push(`${language} ${path}: ${code}`);
    }
  }
  return found;
}

test("a person's own pages show no raw code or id, in be, ru and en", async ({ page }) => {
  await signIn(page, "client@demo.local");
  expect(await codesOn(page, ["/me", "/me/messages", "/me/data", "/me/erasure", "/account"])).toEqual([]);
});

test("a partner's pages show no raw code or id", async ({ page }) => {
  await signIn(page, "partner3@demo.local");
  const referral = await linkFrom(page, "/partner", /^\/partner\/referrals\//);
  expect(await codesOn(page, ["/partner", referral])).toEqual([]);
});

test("the staff's and the administrators' pages show no raw code or id", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  const casePage = await linkFrom(page, "/staff/referrals", /^\/staff\/cases\//);
  const person = await linkFrom(page, casePage, /^\/staff\/persons\//);
  const request = await linkFrom(page, "/staff/requests", /^\/staff\/requests\/(?!new)/);
  const pages = ["/staff", "/staff/tasks", "/staff/referrals", "/staff/requests", request, casePage, person, "/staff/directory", "/staff/reports", "/staff/erasures", "/staff/support"];
  const admin = ["/admin", "/admin/accounts", "/admin/audit", "/admin/emails", "/admin/partners", "/admin/partners/hsds", "/admin/tracks", "/admin/funding"];
  expect(await codesOn(page, [...pages, ...admin])).toEqual([]);
});
