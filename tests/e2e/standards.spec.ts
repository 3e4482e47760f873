// The open standards as people use them in Chromium (docs/standards.md): an administrator's HSDS
// file arrives, another directory is imported after its preview, and a partner's FHIR file arrives.
import { expect, test } from "@playwright/test";
import { readFileSync, readdirSync } from "node:fs";
import { catalogues } from "../../app/i18n/all-catalogues";
import { e2eDatabase } from "./database";
import { adminOfItsOwn, expectHeading, exportWithFreshCode, signInInEnglish, untilHydrated } from "./demo";

const en = catalogues.en;
const EXAMPLES = "tests/fixtures/hsds-3.1/examples/";
const EXAMPLE_ORGANIZATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";

test.afterAll(async () => {
  // The imported example is not the demo's: the demo directory stays as the other tests know it.
  const db = e2eDatabase();
  await db.organization.deleteMany({ where: { hsdsId: EXAMPLE_ORGANIZATION } });
  await db.$disconnect();
});

test("an administrator downloads the directory as HSDS and imports another network's after its preview", async ({ page }) => {
  await signInInEnglish(page, await adminOfItsOwn("hsds-admin@demo.local", "HSDS exchange (test)"));
  await page.goto("/admin/partners");
  await page.getByRole("link", { name: en["hsds.link"] }).click();
  await expectHeading(page, en["hsds.title"]);

  const download = await exportWithFreshCode(page, en["hsds.exportSubmit"]);
  expect(download?.suggestedFilename()).toMatch(/^directory-hsds-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync((await download!.path())!, "utf8"));
  expect(exported.contents.map((o: { name: string }) => o.name)).toContain("Relocation Programme Bridge (demo)");

  await untilHydrated(page);
  await page.getByLabel(en["hsds.files"]).setInputFiles(readdirSync(EXAMPLES).map((file) => EXAMPLES + file));
  await page.getByLabel(en["hsds.track"]).selectOption({ index: 1 });
  await page.getByRole("button", { name: en["hsds.previewSubmit"] }).click();
  await expect(page.getByText("3 new, 0 changed, 0 unchanged.")).toBeVisible();
  await expect(page.getByText("Organisation “Example Organization Inc.”: the link http://example.com is left out: stored links must start with https://")).toBeVisible();
  await expect(page.getByText(/“MyCity Civic Center”: the coordinates 100, 101 are left out/)).toBeVisible();

  // Clicked twice, as a busy person does: imported once.
  await page.getByRole("button", { name: en["hsds.confirmSubmit"] }).dblclick();
  await expect(page.getByText("Imported: 3 new, 0 changed.")).toBeVisible();
  const db = e2eDatabase();
  expect(await db.organization.count({ where: { hsdsId: EXAMPLE_ORGANIZATION } })).toBe(1);
  expect(await db.service.count({ where: { hsdsId: "ac148810-d857-441c-9679-408f346de14b" } })).toBe(1);
  await db.$disconnect();
});

test("a partner downloads a referral as a FHIR Bundle", async ({ page }) => {
  await signInInEnglish(page, "partner@demo.local");
  await page.goto("/partner");
  const href = await page.locator('a[href^="/partner/referrals/"]').first().getAttribute("href");
  await page.goto(href!);
  const download = page.waitForEvent("download", { timeout: 30_000 });
  await page.getByRole("link", { name: en["referral.fhir"] }).click();
  const bundle = JSON.parse(readFileSync((await (await download).path())!, "utf8"));
  expect(bundle.resourceType).toBe("Bundle");
  expect(bundle.entry.map((entry: { resource: { resourceType: string } }) => entry.resource.resourceType)).toEqual(expect.arrayContaining(["Task", "ServiceRequest", "Organization"]));
});
