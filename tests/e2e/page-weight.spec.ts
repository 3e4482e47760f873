// What a page makes the browser download: the public pages, the persons' and the partners'
// pages load no script at all; a staff page that uses JavaScript loads one language's words.
import { expect, test, type Page, type Response } from "@playwright/test";
import { signIn } from "./demo";

type Transfer = { scripts: string[]; bytes: number };

/** Opens a page and counts what arrived: the scripts by name, and the bytes transferred (headers and bodies as sent). */
async function transferOf(page: Page, path: string): Promise<Transfer> {
  const scripts: string[] = [];
  let bytes = 0;
  const pending: Promise<unknown>[] = [];
  const seen = (response: Response) => {
    if (response.request().resourceType() === "script") scripts.push(new URL(response.url()).pathname);
    pending.push(
      response
        .request()
        .sizes()
        .then((sizes) => (bytes += sizes.responseHeadersSize + sizes.responseBodySize)),
    );
  };
  page.on("response", seen);
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  page.off("response", seen);
  await Promise.all(pending);
  return { scripts, bytes };
}

test("the public pages, the person's and the partner's pages load no JavaScript", async ({ browser }) => {
  const report: string[] = [];
  const check = async (page: Page, paths: string[]) => {
    for (const path of paths) {
      const { scripts, bytes } = await transferOf(page, path);
      report.push(`${path}: ${bytes} bytes, ${scripts.length} scripts`);
      expect(scripts, path).toEqual([]);
    }
  };
  const anonymous = await browser.newPage();
  await check(anonymous, ["/", "/help", "/login"]);

  const client = await browser.newPage();
  await signIn(client, "client@demo.local");
  await check(client, ["/me", "/me/messages", "/me/data", "/me/erasure"]);

  const partner = await browser.newPage();
  // Accounts that few other tests sign in with: a TOTP step is accepted once per account.
  await signIn(partner, "partner3@demo.local");
  await check(partner, ["/partner"]);
  const referral = await partner.locator('a[href^="/partner/referrals/"]').first().getAttribute("href");
  expect(referral).toBeTruthy();
  await check(partner, [referral!]);
  console.log(report.join("\n"));
});

test("a staff page in Belarusian loads the Belarusian words and no other language's", async ({ browser }) => {
  const signingIn = await browser.newPage();
  await signIn(signingIn, "caseworker3@demo.local");
  await signingIn.getByRole("button", { name: "Беларуская" }).click();
  await expect(signingIn.locator("html")).toHaveAttribute("lang", "be");
  // A browser with an empty cache, signed in: what the first visit costs.
  const context = await browser.newContext({ storageState: await signingIn.context().storageState() });
  const page = await context.newPage();
  const { scripts, bytes } = await transferOf(page, "/staff");
  const catalogues = scripts.filter((path) => /\/(be|ru|en)-[A-Z0-9]+\.js$/.test(path));
  expect(catalogues).toHaveLength(1);
  expect(catalogues[0]).toMatch(/\/be-/);
  console.log(`/staff (be, empty cache): ${bytes} bytes, ${scripts.length} scripts`);
  // And it still works as an application: a client-side navigation keeps the language.
  await page.getByRole("link", { name: "Пошук" }).first().click();
  await expect(page).toHaveURL(/\/staff\/search/);
  await expect(page.locator("h1")).toHaveText("Пошук");
  await context.close();
});

test("the reports page loads no JavaScript and stays under 60 KB on the demo data, charts and all", async ({ browser }) => {
  const signingIn = await browser.newPage();
  await signIn(signingIn, "coordinator@demo.local");
  // An empty cache: the page, its stylesheet and the icon, as a first visit transfers them.
  const context = await browser.newContext({ storageState: await signingIn.context().storageState() });
  const page = await context.newPage();
  for (const path of ["/staff/reports", "/staff/reports?period=year&start=2026-01-01"]) {
    const { scripts, bytes } = await transferOf(page, path);
    console.log(`${path} (empty cache, then cached): ${bytes} bytes, ${scripts.length} scripts`);
    expect(scripts).toEqual([]);
    expect(await page.locator("figure.chart svg").count()).toBeGreaterThan(5);
    expect(bytes).toBeLessThan(60_000);
  }
  await context.close();
});
