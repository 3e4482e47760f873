// A document's way, with JavaScript off everywhere: the person uploads it from their space; the
// caseworker sees it on the case and shares it with a referral, by the person's consent; the
// partner downloads it; the person's export holds it; after the person's erasure its file is gone
// from the disk. (In the "erasure" project: it erases a demo person, after the other tests.)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import sharp from "sharp";
import { catalogues } from "../../app/i18n/all-catalogues";
import { PARTNERS } from "../../prisma/demo-data/directory";
import { acceptInvitation, invitePersonOfCase, signInInEnglish, unfold } from "./demo";

const en = catalogues.en;
const PERSON_EMAIL = "documents.person@example.org";
const PERSON_PASSWORD = "papers kept where nobody reads them";
const DOCUMENTS = "tests/.tmp/e2e-documents";
const files = () => (existsSync(DOCUMENTS) ? readdirSync(DOCUMENTS).filter((name) => !name.startsWith(".")) : []);

test.use({ javaScriptEnabled: false });

const pageWithoutScripts = async (browser: Browser) => (await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true })).newPage();

test("a document goes from the person to the partner by consent, is in the person's export, and is gone with the erasure", async ({ browser }) => {
  test.setTimeout(180_000);
  // A caseworker's active case, whose person is invited to their own space.
  const caseworker = await pageWithoutScripts(browser);
  await signInInEnglish(caseworker, "caseworker2@demo.local");
  await caseworker.locator("table.table tbody tr").filter({ hasText: en["caseState.active"] }).first().getByRole("link").first().click();
  await expect(caseworker).toHaveURL(/\/staff\/cases\//);
  const caseUrl = new URL(caseworker.url()).pathname;
  const caseCode = await invitePersonOfCase(caseworker, PERSON_EMAIL);

  const person = await pageWithoutScripts(browser);
  await acceptInvitation(person, PERSON_EMAIL, PERSON_PASSWORD);

  // The person uploads a scan of their release certificate: a photo with where it was taken.
  const scan = await sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 240, g: 240, b: 230 } } })
    .jpeg()
    .withExif({ IFD0: { Make: "PhoneMaker" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "53/1 54/1 0/1" } })
    .toBuffer();
  await person.locator(".area-nav").getByRole("link", { name: en["document.mine"] }).click();
  await expect(person.getByText(en["document.stripped"])).toBeVisible();
  // A picture that calls itself a PDF is refused, by the field.
  await person.getByLabel(en["document.file"]).setInputFiles({ name: "release.pdf", mimeType: "application/pdf", buffer: scan });
  await person.getByLabel(en["document.kind"]).selectOption("release");
  await person.getByLabel(en["document.name"]).fill("Release certificate");
  await person.getByRole("button", { name: en["document.upload"] }).click();
  await expect(person.getByText(en["document.nameMismatch"])).toBeVisible();
  expect(files()).toEqual([]);
  await person.getByLabel(en["document.file"]).setInputFiles({ name: "release.jpg", mimeType: "image/jpeg", buffer: scan });
  await person.getByRole("button", { name: en["document.upload"] }).click();
  await expect(person.getByRole("link", { name: en["document.download"].replace("{title}", "Release certificate") })).toBeVisible();
  expect(files()).toHaveLength(1);
  // What lies on the disk is not the picture.
  expect(readFileSync(`${DOCUMENTS}/${files()[0]}`).includes(Buffer.from("PhoneMaker"))).toBe(false);

  // The caseworker sees it on the case and refers the person, sharing it with consent.
  await caseworker.goto(caseUrl);
  await expect(caseworker.locator("#documents")).toContainText("Release certificate");
  await expect(caseworker.locator("#documents")).toContainText(en["document.fromPerson"]);
  // A goal to refer from, and a referral to the demo clinic that shares the document.
  await unfold(caseworker, en["case.addGoalOpen"]);
  await caseworker.locator("#goal-track").selectOption({ label: en["track.medical"] });
  await caseworker.locator("#goal-title").fill("Papers for the clinic");
  await caseworker.locator("#plan").getByRole("button", { name: en["case.addGoal"] }).click();
  await expect(caseworker.locator("#plan")).toContainText("Papers for the clinic");
  await unfold(caseworker, en["referral.newOpen"]);
  await caseworker.locator("#refer-goal").selectOption({ label: "Papers for the clinic" });
  const clinic = PARTNERS.findIndex((partner) => partner.name.includes("Надзея"));
  const service = caseworker.locator("#refer-service option", { hasText: PARTNERS[clinic]!.name }).first();
  await caseworker.locator("#refer-service").selectOption({ value: (await service.getAttribute("value"))! });
  const referrals = caseworker.locator("#referrals");
  await referrals.getByLabel(en["referral.request"]).fill("Please see the release certificate before the first visit.");
  await referrals.getByRole("checkbox", { name: "Release certificate (Release certificate)" }).check();
  await referrals.getByLabel(en["referral.consentGiven"]).check();
  await referrals.getByRole("button", { name: en["referral.send"] }).click();
  await expect(caseworker.locator("#referrals li").filter({ hasText: "Papers for the clinic" })).toContainText(en["referralStatus.sent"]);

  // The partner opens the referral and downloads the document: it arrives as the cleaned picture.
  const partner = await pageWithoutScripts(browser);
  await signInInEnglish(partner, clinic === 0 ? "partner@demo.local" : `partner${clinic + 1}@demo.local`);
  // The newest referral first.
  await partner.locator("main a[href^='/partner/referrals/']").first().click();
  const shared = partner.getByRole("link", { name: en["document.download"].replace("{title}", "Release certificate") });
  await expect(shared).toBeVisible();
  const address = (await shared.getAttribute("href"))!;
  const [arrived] = await Promise.all([partner.waitForEvent("download"), shared.click()]);
  expect(arrived.suggestedFilename()).toMatch(/^document-release-\d{4}-\d{2}-\d{2}\.jpg$/);
  const received = readFileSync((await arrived.path())!);
  const metadata = await sharp(received).metadata();
  expect([metadata.format, metadata.width, metadata.height, metadata.exif]).toEqual(["jpeg", 120, 80, undefined]);

  // The person's export holds it.
  await person.locator(".area-nav").getByRole("link", { name: en["nav.me.data"], exact: true }).click();
  await person.getByLabel(en["account.currentPassword"]).fill(PERSON_PASSWORD);
  const [exportFile] = await Promise.all([person.waitForEvent("download"), person.getByRole("button", { name: en["export.downloadJson"] }).click()]);
  const exported = JSON.parse(readFileSync((await exportFile.path())!, "utf8"));
  expect(exported.documents).toHaveLength(1);
  expect(exported.documents[0]).toMatchObject({ kind: "release", title: "Release certificate", type: "image/jpeg" });
  expect(Buffer.from(exported.documents[0].contentBase64, "base64").equals(received)).toBe(true);

  // The person asks for erasure; a coordinator confirms; the file is gone from the disk.
  await person.locator(".area-nav").getByRole("link", { name: en["nav.me.erasure"], exact: true }).click();
  await person.getByLabel(en["erasure.understand"]).check();
  await person.getByLabel(en["account.currentPassword"]).fill(PERSON_PASSWORD);
  await person.getByRole("button", { name: en["erasure.request"] }).click();
  const coordinator = await pageWithoutScripts(browser);
  await signInInEnglish(coordinator, "coordinator2@demo.local");
  await coordinator.goto("/staff/erasures");
  const request = coordinator.locator("li.erasure-request").filter({ hasText: caseCode });
  await request.getByLabel(en["erasure.typeCode"].replace("{code}", caseCode)).fill(caseCode);
  await request.getByRole("button", { name: en["erasure.confirm"] }).click();
  await expect(coordinator.locator("li.erasure-request").filter({ hasText: caseCode })).toHaveCount(0);
  expect(files()).toEqual([]);
  // And the partner's link leads nowhere.
  expect((await partner.request.get(address)).status()).toBe(404);
});
