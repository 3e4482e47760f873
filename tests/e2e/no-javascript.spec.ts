// The public page and sign-in work with JavaScript disabled (Tor Browser "Safest").
import { expect, test } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { expectHeading, signIn, submitPassword } from "./demo";

test.use({ javaScriptEnabled: false });

test("the home page reads, and switches language, without JavaScript", async ({ page }) => {
  await page.goto("/");
  await expectHeading(page, catalogues.en["home.title"]);
  await expect(page.getByRole("heading", { name: catalogues.en["home.howTitle"] })).toBeVisible();

  await page.getByRole("button", { name: "Беларуская" }).click();
  await expectHeading(page, catalogues.be["home.title"]);
  await expect(page.locator("html")).toHaveAttribute("lang", "be");

  // The choice is remembered on the next visit.
  await page.goto("/login");
  await expectHeading(page, catalogues.be["login.title"]);
});

test("sign-in works without JavaScript, and a wrong password is explained next to the form", async ({ page }) => {
  await submitPassword(page, "caseworker3@demo.local", "not the right password");
  await expect(page.getByRole("alert")).toHaveText(catalogues.en["login.failed"]);
  await expect(page.getByLabel("Email")).toHaveValue("caseworker3@demo.local");

  await signIn(page, "caseworker3@demo.local");
  await expect(page).toHaveURL("/staff");
  await expectHeading(page, catalogues.en["shell.staff.title"]);
});

test("an empty sign-in form gets messages next to its fields", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(catalogues.en["login.emailInvalid"])).toBeVisible();
  await expect(page.getByText(catalogues.en["login.passwordRequired"])).toBeVisible();
});
