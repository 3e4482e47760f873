// Each demo account signs in, sees its role's shell in all three languages, and the browser
// talks to nobody but this site.
import { expect, test } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { LOCALE_NAMES, LOCALES, type MessageKey } from "../../app/i18n/catalogue";
import { expectHeading, signIn } from "./demo";

const ACCOUNTS: { email: string; home: string; title: MessageKey }[] = [
  { email: "admin@demo.local", home: "/admin", title: "shell.admin.title" },
  { email: "coordinator@demo.local", home: "/staff", title: "shell.staff.title" },
  { email: "caseworker@demo.local", home: "/staff", title: "shell.staff.title" },
  { email: "partner@demo.local", home: "/partner", title: "shell.partner.title" },
  { email: "client@demo.local", home: "/me", title: "shell.me.title" },
];

for (const account of ACCOUNTS) {
  test(`${account.email} sees its shell in be, ru and en, and only this site is contacted`, async ({ page, baseURL }) => {
    const requested: string[] = [];
    const consoleErrors: string[] = [];
    page.on("request", (request) => requested.push(request.url()));

    await signIn(page, account.email);
    // From here on, a CSP violation or a failed hydration shows up as a console error. (Sign-in
    // itself may answer 400 once, when another test just used this account's TOTP step.)
    page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
    await expect(page).toHaveURL(account.home);
    await expectHeading(page, catalogues.en[account.title]);

    for (const locale of [...LOCALES, "en" as const]) {
      await page.getByRole("button", { name: LOCALE_NAMES[locale] }).click();
      await expectHeading(page, catalogues[locale][account.title]);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page).toHaveURL(account.home);
    }

    await page.getByRole("button", { name: catalogues.en["nav.signOut"] }).click();
    await expect(page).toHaveURL("/");
    await page.goto(account.home);
    await expect(page).toHaveURL(/\/login\?redirectTo=/);

    const origin = new URL(baseURL!).origin;
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
}

test("a signed-in role gets 404 in another role's area", async ({ page }) => {
  await signIn(page, "partner2@demo.local");
  await expect(page).toHaveURL("/partner");
  const response = await page.goto("/staff");
  expect(response?.status()).toBe(404);
  await expectHeading(page, catalogues.en["error.notFound.title"]);
});

test("the shells show the demo data, scoped to the viewer, and every page says it is a demo", async ({ page }) => {
  await page.goto("/help");
  await expect(page.getByRole("note")).toHaveText(catalogues.en["app.demo"]);
  await signIn(page, "caseworker2@demo.local");
  await expect(page.getByRole("note")).toHaveText(catalogues.en["app.demo"]);
  const myCases = page.locator(".stat", { hasText: catalogues.en["stat.myOpenCases"] }).locator("dd");
  expect(Number(await myCases.textContent())).toBeGreaterThan(5);

  await page.getByRole("button", { name: catalogues.en["nav.signOut"] }).click();
  await signIn(page, "partner3@demo.local");
  const awaiting = page.locator(".stat", { hasText: catalogues.en["stat.referralsAwaiting"] }).locator("dd");
  expect(Number(await awaiting.textContent())).toBeGreaterThan(0);
});
