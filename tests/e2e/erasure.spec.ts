// The released person's own space, from the invitation to erasure: a caseworker invites the
// person, who activates the account, reads the caseworker's message and answers it, withdraws
// a consent, downloads their data and asks for erasure. After a coordinator confirms, no
// search finds the person and the report figures are the same (all but the few an erasure
// changes by design: see reportFigures).
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { signIn } from "./demo";
import { linkSentTo } from "./mailbox";

const en = catalogues.en;
const PERSON_EMAIL = "walk.person@example.org";
const PERSON_PASSWORD = "a quiet garden by the lake";

/**
 * The report's tables an erasure keeps as they were. It changes, by design: the country the
 * person gave (erased), their cases' state today (closed), and their referrals' flags (ended).
 */
const KEPT = ["summary", "requests-over-time", "requests-channel", "requests-language", "requests-urgency", "requests-track", "cases-closed", "needs", "goals", "referrals", "referrals-declined", "caseload", "activities"];
const reportFigures = async (page: Page) => {
  await page.goto("/staff/reports");
  return Promise.all(KEPT.map((id) => page.locator(`table#${id}`).innerText()));
};

test("an invited person uses their space and has their data erased; reports count the same", async ({ browser }) => {
  test.setTimeout(120_000);
  const caseworker = await (await browser.newContext()).newPage();
  await signIn(caseworker, "caseworker4@demo.local");
  await caseworker.locator("table.table tbody tr").filter({ hasText: en["caseState.active"] }).first().getByRole("link").first().click();
  await expect(caseworker).toHaveURL(/\/staff\/cases\//);
  const caseUrl = new URL(caseworker.url()).pathname;
  await caseworker.locator("h1").getByRole("link").click();
  await expect(caseworker).toHaveURL(/\/staff\/persons\//);
  const personPath = new URL(caseworker.url()).pathname;
  const caseCode = (await caseworker.locator("p.role-badge").last().innerText()).trim();
  expect(caseCode).toMatch(/^AC-/);
  const name = (await caseworker.locator("h1").innerText()).trim();

  // The caseworker opens the person's space and writes to them.
  await caseworker.getByLabel(en["invite.email"]).fill(PERSON_EMAIL);
  await caseworker.getByLabel(en["invite.language"]).selectOption("en");
  await caseworker.getByRole("button", { name: en["invite.send"] }).click();
  await expect(caseworker.getByRole("status").filter({ hasText: en["invite.sent"] })).toHaveText(en["invite.sent"]);
  await caseworker.goto(caseUrl);
  await caseworker.getByLabel(en["message.toPerson"]).fill("Can you come on Tuesday at 11?");
  await caseworker.locator("#messages").getByRole("button", { name: en["message.send"] }).click();
  await expect(caseworker.locator("#messages")).toContainText("Can you come on Tuesday at 11?");

  // The person activates the account from the email and reads the message.
  const link = await linkSentTo(PERSON_EMAIL);
  const person = await (await browser.newContext()).newPage();
  await person.goto(new URL(link).pathname);
  await person.getByLabel(en["account.newPassword"], { exact: true }).fill(PERSON_PASSWORD);
  await person.getByLabel(en["account.repeatPassword"]).fill(PERSON_PASSWORD);
  await person.getByRole("button", { name: en["welcome.submit"] }).click();
  await expect(person).toHaveURL(/\/me$/);
  await expect(person.locator(".facts")).toContainText(caseCode);
  // The demo data may have left the person an earlier unread message too (it is made anew each day).
  await person.getByRole("link", { name: new RegExp(`^${en["me.unreadMessages"].replace("{count}", "\\d+")}$`) }).click();
  await expect(person.locator("ol.messages")).toContainText("Can you come on Tuesday at 11?");
  await person.getByLabel(en["message.toCaseworker"]).fill("Yes, Tuesday at 11 is fine.");
  await person.getByRole("button", { name: en["message.send"] }).click();
  await expect(person.locator("ol.messages li.from-person")).toContainText("Yes, Tuesday at 11 is fine.");
  await caseworker.reload();
  await expect(caseworker.locator("#messages")).toContainText("Yes, Tuesday at 11 is fine.");

  // A consent withdrawn at once, after the question is answered.
  await person.locator(".area-nav").getByRole("link", { name: en["shell.me.title"] }).click();
  await expect(person).toHaveURL(/\/me$/);
  const consents = person.locator("#consents + ul li");
  await expect(consents.first()).toBeVisible();
  const asks = consents.locator("summary", { hasText: en["me.withdrawConsent"] });
  const withdrawable = await asks.count();
  const withdrawn = await consents.filter({ hasText: en["person.withdrawn"] }).count();
  expect(withdrawable).toBeGreaterThan(0);
  // The first click only asks; nothing is withdrawn yet.
  const confirm = consents.getByRole("button", { name: en["me.withdrawConsentConfirm"] }).first();
  await expect(confirm).toBeHidden();
  await asks.first().click();
  await expect(consents.getByText(en["me.withdrawConsentQuestion"]).first()).toBeVisible();
  await expect(consents.filter({ hasText: en["person.withdrawn"] })).toHaveCount(withdrawn);
  await confirm.click();
  await expect(asks).toHaveCount(withdrawable - 1);
  await expect(consents.filter({ hasText: en["person.withdrawn"] })).toHaveCount(withdrawn + 1);

  // Everything held about them, as a file.
  await person.locator(".area-nav").getByRole("link", { name: en["nav.me.data"], exact: true }).click();
  await person.getByLabel(en["account.currentPassword"]).fill(PERSON_PASSWORD);
  const [download] = await Promise.all([person.waitForEvent("download"), person.getByRole("button", { name: en["export.downloadJson"] }).click()]);
  expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(exported.person.caseCode).toBe(caseCode);
  expect(exported.account.email).toBe(PERSON_EMAIL);
  const messages = exported.cases.flatMap((c: { messages: { body: string }[] }) => c.messages.map((m) => m.body));
  expect(messages).toEqual(expect.arrayContaining(["Can you come on Tuesday at 11?", "Yes, Tuesday at 11 is fine."]));
  expect(exported.consents.some((c: { withdrawnAt: string | null }) => c.withdrawnAt !== null)).toBe(true);
  // And as a page to read or print.
  await person.getByLabel(en["account.currentPassword"]).fill(PERSON_PASSWORD);
  await person.getByRole("button", { name: en["export.showPage"] }).click();
  await expect(person.getByRole("heading", { level: 1 })).toHaveText(en["export.title"]);
  await expect(person.locator("article.data-export")).toContainText(caseCode);
  await expect(person.locator("article.data-export")).toContainText("Yes, Tuesday at 11 is fine.");

  // The erasure request.
  await person.locator(".area-nav").getByRole("link", { name: en["nav.me.erasure"], exact: true }).click();
  await person.getByLabel(en["erasure.understand"]).check();
  await person.getByLabel(en["account.currentPassword"]).fill(PERSON_PASSWORD);
  await person.getByRole("button", { name: en["erasure.request"] }).click();
  await expect(person.locator("main [role=status]:not(.visually-hidden)")).toContainText(en["erasure.pending"].split("{date}")[0]!);
  await expect(person.getByRole("button", { name: en["erasure.cancel"] })).toBeVisible();

  // The coordinator finds the person, notes the figures, and confirms.
  const coordinator = await (await browser.newContext()).newPage();
  await signIn(coordinator, "coordinator@demo.local");
  for (const q of [caseCode, name]) {
    await coordinator.goto(`/staff/search?q=${encodeURIComponent(q)}`);
    await expect(coordinator.locator(`a[href="${personPath}"]`)).toHaveCount(1);
  }
  const before = await reportFigures(coordinator);
  await coordinator.getByRole("link", { name: en["nav.staff.erasures"] }).click();
  const request = coordinator.locator("li.erasure-request").filter({ hasText: caseCode });
  await request.getByLabel(en["erasure.typeCode"].replace("{code}", caseCode)).fill(caseCode);
  await request.getByRole("button", { name: en["erasure.confirm"] }).click();
  await expect(coordinator.locator("li.erasure-request").filter({ hasText: caseCode })).toHaveCount(0);

  // Nothing finds the person any more; the figures are the same.
  await coordinator.goto(`/staff/search?q=${caseCode}`);
  await expect(coordinator.getByText(en["search.none"])).toBeVisible();
  await coordinator.goto(`/staff/search?q=${encodeURIComponent(name)}`);
  await expect(coordinator.locator("main h1")).toBeVisible();
  await expect(coordinator.locator(`a[href="${personPath}"]`)).toHaveCount(0);
  expect(await reportFigures(coordinator)).toEqual(before);
  const gone = await coordinator.goto(caseUrl);
  expect(gone?.status()).toBe(404);

  // The person's session ended with the account.
  await person.goto("/me");
  await expect(person).toHaveURL(/\/login/);
});
