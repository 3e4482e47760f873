// Safety under watch (issue 16): "leave now" without JavaScript, on a public page and in the
// person's space, and a staff search that leaves no name in the browser's addresses.
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { e2eDatabase } from "./database";
import { signIn } from "./demo";
import { answerNeutralSite, NEUTRAL_SITE } from "./neutral-site";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the help form lets the browser remember none of its fields", async ({ page }) => {
    await page.goto("/help");
    const form = page.locator("main form[method=post]");
    await expect(form).toHaveAttribute("autocomplete", "off");
    const fields = form.locator("input:not([type=hidden]), select, textarea");
    expect(await fields.count()).toBeGreaterThan(8);
    const remembered = await fields.evaluateAll((all) => all.filter((field) => field.getAttribute("autocomplete") !== "off").map((field) => field.getAttribute("name")));
    expect(remembered).toEqual([]);
  });

  test("leave now on /help goes to the neutral site", async ({ page }) => {
    await answerNeutralSite(page);
    await page.goto("/help");
    await page.getByRole("link", { name: en["leave.now"] }).click();
    await expect(page).toHaveURL(NEUTRAL_SITE);
    await expect(page.getByRole("heading", { name: "Weather" })).toBeVisible();
  });

  test("leave now in /me ends the session, clears the site's data and arrives at the neutral site", async ({ page }) => {
    await answerNeutralSite(page);
    await signIn(page, "client@demo.local");
    await page.goto("/me");
    const left = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/leave");
    await page.getByRole("button", { name: en["leave.now"] }).click();
    const answer = await left;
    const headers = await answer.allHeaders();
    expect([answer.status(), headers["clear-site-data"], headers["cache-control"]]).toEqual([200, '"cache", "cookies", "storage"', "no-store"]);
    await expect(page).toHaveURL(NEUTRAL_SITE);
    // The next visit to the space asks to sign in again.
    await page.goto("/me");
    await expect(page).toHaveURL(/\/login/);
  });
});

/** Every address the page's main frame went to, and every request it made, from now on. */
function addressesOf(page: Page): string[] {
  const seen: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) seen.push(frame.url());
  });
  page.on("request", (request) => seen.push(request.url()));
  return seen;
}

for (const javaScriptEnabled of [true, false]) {
  test(`a caseworker's search leaves the name in no address (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    // A person on one of the caseworker's own cases, so that the search may show them. Each run
    // signs in as its own caseworker: two runs at once would spend each other's one-time codes.
    const email = javaScriptEnabled ? "caseworker@demo.local" : "caseworker3@demo.local";
    const db = e2eDatabase();
    const person = await db.person.findFirstOrThrow({
      where: { erasedAt: null, preferredName: { not: "" }, cases: { some: { assignments: { some: { endedAt: null, account: { email } } } } } },
      select: { preferredName: true, caseCode: true },
    });
    await db.$disconnect();
    const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await signIn(page, email);
    await page.goto("/staff/search");
    const addresses = addressesOf(page);
    await page.getByLabel(en["search.query"]).fill(person.preferredName);
    await page.getByRole("button", { name: en["search.submit"], exact: true }).click();
    await expect(page.locator(".record-list li").filter({ hasText: person.caseCode })).toBeVisible();
    await expect(page).toHaveURL(/\/staff\/search\?s=[\w-]{22}$/);
    // The words are back in the box, from the server, not from the address.
    await expect(page.getByLabel(en["search.query"])).toHaveValue(person.preferredName);
    const encoded = [person.preferredName, encodeURIComponent(person.preferredName), encodeURIComponent(person.preferredName).replace(/%20/g, "+")];
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => encoded.some((form) => address.includes(form)))).toEqual([]);
  });
}

test("a screen in public: an account's choice blurs persons' names on staff pages until pointed at or shown", async ({ page }) => {
  await signIn(page, "caseworker2@demo.local");
  // Saved when the server has answered the form, not when the box shows the new state (a page
  // opened before that would cancel the save).
  const save = async () => {
    const answered = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/account");
    await page.locator("#screen + p + form").getByRole("button", { name: en["screen.save"] }).click();
    await answered;
  };
  await page.goto("/account");
  await page.getByLabel(en["screen.blur"]).check();
  await save();
  await expect(page.getByLabel(en["screen.blur"])).toBeChecked();
  await page.goto("/staff");
  const name = page.locator("table .pii").first();
  const filterOf = () => name.evaluate((element) => getComputedStyle(element).filter);
  expect(await filterOf()).toMatch(/^blur/);
  await name.hover();
  expect(await filterOf()).toBe("none");
  await page.locator("h1").hover();
  expect(await filterOf()).toMatch(/^blur/);
  await page.getByLabel(en["screen.reveal"]).check();
  expect(await filterOf()).toBe("none");
  // Off again: nothing is blurred, and there is nothing to show.
  await page.goto("/account");
  await page.getByLabel(en["screen.blur"]).uncheck();
  await save();
  await page.goto("/staff");
  expect(await filterOf()).toBe("none");
  await expect(page.getByLabel(en["screen.reveal"])).toHaveCount(0);
});

