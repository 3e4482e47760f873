// Every page of the staff and admin areas, and of a person's own space, renders and hydrates in
// the browser without an error: a value imported from a .server module is undefined in the
// browser, and only a real browser shows it.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./demo";

const STAFF_AND_ADMIN = ["/admin", "/admin/accounts", "/admin/audit", "/admin/emails", "/admin/partners", "/admin/partners/hsds", "/admin/tracks", "/account", "/staff", "/staff/requests", "/staff/requests/new", "/staff/search?q=Ганна", "/staff/directory?country=LT", "/staff/reports", "/staff/erasures", "/staff/tasks", "/staff/referrals", "/staff/support", "/admin/funding"];
const PERSONAL_SPACE = ["/me", "/me/messages", "/me/data", "/me/erasure", "/account"];

/** Opens each page, then follows one menu link in the browser; returns the errors seen. */
async function renderEach(page: Page, paths: string[], menu: { from: string; link: string; to: string }): Promise<string[]> {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
    await expect(page.getByRole("heading", { name: "Something went wrong" }), path).toHaveCount(0);
  }
  // Client-side navigation too, through the area's menu.
  await page.goto(menu.from);
  await page.locator(".area-nav").getByRole("link", { name: menu.link, exact: true }).click();
  await expect(page).toHaveURL(menu.to);
  return errors;
}

test("the admin's pages render and hydrate without errors", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  expect(await renderEach(page, STAFF_AND_ADMIN, { from: "/staff", link: "Search", to: "/staff/search" })).toEqual([]);
});

test("a person's own pages render and hydrate without errors", async ({ page }) => {
  await signIn(page, "client@demo.local");
  expect(await renderEach(page, PERSONAL_SPACE, { from: "/me", link: "Messages", to: "/me/messages" })).toEqual([]);
});
