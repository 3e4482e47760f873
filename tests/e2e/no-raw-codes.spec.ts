// A person reads words, never the codes behind them: no status or purpose code (in_progress,
// referral_sharing), no record id, on any page of their own space, in any of the three languages.
import { expect, test } from "@playwright/test";
import { signIn } from "./demo";

const PERSONAL_SPACE = ["/me", "/me/messages", "/me/data", "/me/erasure", "/account"];
/** A code: snake_case (in_triage, not_completed) or a record id (cuid: c and 24 letters and digits). */
const RAW = /\b[a-z]+(?:_[a-z]+)+\b|\bc[a-z0-9]{20,}\b/g;

test("a person's own pages show no raw code or id, in be, ru and en", async ({ page }) => {
  await signIn(page, "client@demo.local");
  const found: string[] = [];
  for (const language of ["Беларуская", "Русский", "English"]) {
    await page.goto("/me");
    await page.getByRole("button", { name: language }).click();
    for (const path of PERSONAL_SPACE) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const text = await page.locator("main").innerText();
      for (const code of text.match(RAW) ?? []) found.push(`${language} ${path}: ${code}`);
    }
  }
  expect(found).toEqual([]);
});
