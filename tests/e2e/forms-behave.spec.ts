// A form that creates a record saves once, however it is sent twice: two clicks with
// JavaScript on a staff page; a double click and a resend of the same form without JavaScript
// everywhere. After a save with JavaScript the form is empty and "Saved." is in a live region.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { signIn, unfold, untilHydrated } from "./demo";

const en = catalogues.en;
const unique = (what: string) => `${what} ${Date.now().toString(36)}`;

/**
 * Two clicks on a form's button, the second while the first is on its way, as on a slow link:
 * both reach the server (the first answer is held back until the second click was sent; the
 * browser itself drops the first when the second starts).
 */
async function twoClicks(page: Page, button: Locator) {
  let posts = 0;
  let secondSent = () => {};
  const second = new Promise<void>((resolve) => (secondSent = resolve));
  await page.route("**/*", async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    const nth = ++posts;
    if (nth === 2) secondSent();
    const response = await route.fetch();
    if (nth === 1) await second;
    await route.fulfill({ response }).catch(() => {}); // dropped by the browser meanwhile
  });
  await untilHydrated(page);
  await button.click();
  await button.click();
  await second;
  // Not "wait": a handler whose request the browser dropped may never settle.
  await page.unrouteAll({ behavior: "ignoreErrors" });
}

/** Clicks a form's button twice; waits until the form is empty again (the save came back). */
async function doubleClickSave(page: Page, button: Locator, emptied: Locator) {
  await twoClicks(page, button);
  await expect(emptied).toHaveValue("");
  await expect(page.locator("[role=status].saved-notice")).toHaveText(en["form.saved"]);
}

/** How many items hold this text after a fresh load of the page (what the database holds). */
async function countAfterReload(page: Page, items: string, text: string): Promise<number> {
  await page.reload();
  return page.locator(items).filter({ hasText: text }).count();
}

test("on a case page with JavaScript, every create form double-clicked saves one record, empties and says so", async ({ page }) => {
  await signIn(page, "caseworker3@demo.local");
  // A case of its own per repetition: two copies run side by side (--repeat-each) on one case
  // would edit the same track's assessment, and the later save is rightly refused as stale.
  await page.locator("table.table tbody tr").filter({ hasText: en["caseState.active"] }).nth(test.info().repeatEachIndex).getByRole("link").click();
  await expect(page).toHaveURL(/\/staff\/cases\//);

  const task = unique("Double task");
  await unfold(page, en["case.addTaskOpen"]);
  await page.locator("#task-title").fill(task);
  await doubleClickSave(page, page.getByRole("button", { name: en["case.addTask"] }), page.locator("#task-title"));
  expect(await countAfterReload(page, "#tasks li", task)).toBe(1);

  const note = unique("Double note");
  await unfold(page, en["case.addNoteOpen"]);
  await page.locator("#note-body").fill(note);
  await doubleClickSave(page, page.getByRole("button", { name: en["case.addNote"] }), page.locator("#note-body"));
  expect(await countAfterReload(page, "#notes li", note)).toBe(1);

  const message = unique("Double message");
  await page.locator("#message-body").fill(message);
  await doubleClickSave(page, page.locator("#messages").getByRole("button", { name: en["message.send"], exact: true }), page.locator("#message-body"));
  expect(await countAfterReload(page, "#messages li", message)).toBe(1);

  const goal = unique("Double goal");
  await unfold(page, en["case.addGoalOpen"]);
  await page.locator("#goal-track").selectOption({ label: en["track.medical"] });
  await page.locator("#goal-title").fill(goal);
  await doubleClickSave(page, page.getByRole("button", { name: en["case.addGoal"] }), page.locator("#goal-title"));
  expect(await countAfterReload(page, "#plan li", goal)).toBe(1);

  const assessment = unique("Double assessment");
  await unfold(page, en["case.assessOpen"]);
  await page.locator("#assess-track").selectOption({ label: en["track.medical"] });
  await page.locator("#assess-summary").fill(assessment);
  await doubleClickSave(page, page.getByRole("button", { name: en["case.assess"] }), page.locator("#assess-summary"));
  expect(await countAfterReload(page, "#plan li", assessment)).toBe(1);

  const activity = unique("Double activity");
  const followUp = unique("Double follow-up");
  await unfold(page, en["case.addActivityOpen"]);
  await page.locator("#activity-note").fill(activity);
  await page.locator("#follow-up-title").fill(followUp);
  await page.locator("#follow-up-due").fill("2027-02-01");
  await doubleClickSave(page, page.getByRole("button", { name: en["case.addActivity"] }), page.locator("#activity-note"));
  expect(await countAfterReload(page, "#activities li", activity)).toBe(1);
  expect(await page.locator("#tasks li").filter({ hasText: followUp }).count()).toBe(1);

  await unfold(page, en["referral.newOpen"]);
  await page.locator("#refer-goal").selectOption({ label: goal });
  const service = page.locator("#refer-service option", { hasText: "Надзея" }).first();
  await page.locator("#refer-service").selectOption({ value: (await service.getAttribute("value"))! });
  await page.locator("#refer-request").fill(unique("Double referral"));
  await page.getByLabel(en["referral.consentGiven"]).check();
  await doubleClickSave(page, page.getByRole("button", { name: en["referral.send"] }), page.locator("#refer-request"));
  expect(await countAfterReload(page, "#referrals > ul > li", goal)).toBe(1);

  const toPartner = unique("Double note to the partner");
  const referral = page.locator("#referrals > ul > li").filter({ hasText: goal });
  await unfold(page, en["referral.writeToPartner"], referral);
  await referral.getByLabel(en["referral.message"]).fill(toPartner);
  await doubleClickSave(page, referral.getByRole("button", { name: en["referral.sendMessage"] }), referral.getByLabel(en["referral.message"]));
  expect(await countAfterReload(page, "#referrals .messages li", toPartner)).toBe(1);
});

test("on staff pages with JavaScript, a request entered and an account invited by double click are saved once", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  const name = unique("Double Request");
  await page.goto("/staff/requests/new");
  await page.getByLabel(en["person.preferredName"], { exact: true }).fill(name);
  await page.getByLabel(en["request.contactValue"], { exact: true }).fill(`@${name.replace(/\W/g, "_")}`);
  await page.getByLabel(en["request.message"]).fill("Sent with a double click.");
  await twoClicks(page, page.getByRole("button", { name: en["triage.enterSubmit"] }));
  await expect(page).toHaveURL(/\/staff\/requests\/(?!new)\w+/);
  await page.goto("/staff/requests");
  await expect(page.locator("main").getByText(name)).toHaveCount(1);

  const email = `${Date.now().toString(36)}-double@demo.local`;
  await page.goto("/admin/accounts");
  await page.getByLabel(en["login.email"], { exact: true }).fill(email);
  await page.getByLabel(en["admin.accounts.name"]).fill("Double Invite");
  await twoClicks(page, page.getByRole("button", { name: en["admin.accounts.inviteSubmit"] }));
  await expect(page.getByLabel(en["login.email"], { exact: true })).toHaveValue("");
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(await countAfterReload(page, "table tbody tr", email)).toBe(1);
});

/** Without JavaScript: a double click, then the same form sent again as "back and resend" would. */
async function sendTwiceWithoutScripts(page: Page, fill: () => Promise<void>, button: Locator, items: string, text: string) {
  await fill();
  const posted = page.waitForRequest((request) => request.method() === "POST");
  await button.dblclick();
  const body = (await posted).postData() ?? "";
  // The page the save led to says so, without a script.
  await expect(page.locator("[role=status].saved-notice")).toHaveText(en["form.saved"]);
  expect(await countAfterReload(page, items, text)).toBe(1);
  const resent = await page.request.post(page.url(), { headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(page.url()).origin }, data: body, maxRedirects: 0 });
  expect(resent.status()).toBe(302);
  expect(await countAfterReload(page, items, text)).toBe(1);
}

async function withoutScripts(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(page, email);
  return page;
}

test("without JavaScript, a double click or a resend saves one record (person, partner, caseworker)", async ({ browser }) => {
  const person = await withoutScripts(browser, "client@demo.local");
  await person.goto("/me/messages");
  const fromPerson = unique("Resent by the person");
  await sendTwiceWithoutScripts(person, () => person.getByLabel(en["message.toCaseworker"]).fill(fromPerson), person.getByRole("button", { name: en["message.send"], exact: true }), ".messages li", fromPerson);

  const partner = await withoutScripts(browser, "partner3@demo.local");
  await partner.goto("/partner");
  await partner.locator("main a[href^='/partner/referrals/']").first().click();
  const fromPartner = unique("Resent by the partner");
  await sendTwiceWithoutScripts(partner, () => partner.getByLabel(en["referral.message"]).fill(fromPartner), partner.getByRole("button", { name: en["referral.sendMessage"] }), ".messages li", fromPartner);

  const caseworker = await withoutScripts(browser, "caseworker3@demo.local");
  await caseworker.locator("table.table tbody tr").filter({ hasText: en["caseState.active"] }).first().getByRole("link").click();
  const task = unique("Resent task");
  await sendTwiceWithoutScripts(
    caseworker,
    async () => {
      await unfold(caseworker, en["case.addTaskOpen"]);
      await caseworker.locator("#task-title").fill(task);
    },
    caseworker.getByRole("button", { name: en["case.addTask"] }),
    "#tasks li",
    task,
  );
});
