// Every page of the staff and admin areas, and of a person's own space, renders and hydrates in the browser without an
// error: a value imported from a .server module is undefined in the browser, and only a real
// browser shows it.
import { expect, test } from "@playwright/test";
import { signIn } from "./demo";

const PAGES = ["/admin", "/admin/accounts", "/admin/audit", "/admin/emails", "/admin/partners", "/account", "/staff", "/staff/requests", "/staff/requests/new", "/staff/search?q=Ганна", "/staff/directory?country=LT", "/staff/reports", "/staff/erasures"];
const PERSONAL_SPACE = ["/me", "/me/messages", "/me/data", "/me/erasure", "/account"];

test("the admin's pages render and hydrate without errors", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  for (const path of PAGES) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
    await expect(page.getByRole("heading", { name: "Something went wrong" }), path).toHaveCount(0);
  }
  // Client-side navigation too, through the staff area's menu.
  await page.goto("/staff");
  await page.getByRole("link", { name: "Search" }).click();
  await expect(page).toHaveURL("/staff/search");
  expect(errors).toEqual([]);
});

test("a person's own pages render and hydrate without errors", async ({ page }) => {
  await signIn(page, "client@demo.local");
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  for (const path of PERSONAL_SPACE) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
    await expect(page.getByRole("heading", { name: "Something went wrong" }), path).toHaveCount(0);
  }
  await page.goto("/me");
  await page.getByRole("link", { name: "Messages" }).first().click();
  await expect(page).toHaveURL("/me/messages");
  expect(errors).toEqual([]);
});
