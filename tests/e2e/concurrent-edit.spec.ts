// Two people edit the same case: the second save is refused, nothing is overwritten, and the
// second person's input is still on the page.
import { expect, test } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { signIn, unfold } from "./demo";

const en = catalogues.en;

test("a stale case form is refused and keeps what was typed", async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  await signIn(first, "caseworker2@demo.local");
  await first.locator("table.table tbody tr").filter({ hasText: en["caseState.active"] }).first().getByRole("link").click();
  await expect(first).toHaveURL(/\/staff\/cases\//);
  const caseUrl = new URL(first.url()).pathname;

  const second = await (await browser.newContext()).newPage();
  await signIn(second, "coordinator2@demo.local");
  await second.goto(caseUrl);

  // Both have the page open; the first saves.
  await unfold(first, en["case.statusChangeOpen"]);
  await first.locator("#status-select").selectOption("on_hold");
  await first.locator("#status-note").fill("Away for a month");
  await first.locator("#status").getByRole("button", { name: en["case.changeStatus"] }).click();
  await expect(first.locator(".case-header")).toContainText(en["caseState.on_hold"]);

  // The second saves from the page they opened before.
  await unfold(second, en["case.statusChangeOpen"]);
  await second.locator("#status-select").selectOption("closed");
  await second.locator("#close-reason").selectOption("no_contact");
  await second.locator("#status-note").fill("My careful note about why");
  await second.locator("#status").getByRole("button", { name: en["case.changeStatus"] }).click();
  await expect(second.getByRole("alert")).toHaveText(en["form.stale"]);
  await expect(second.locator("#status-note")).toHaveValue("My careful note about why");
  await expect(second.locator("#close-reason")).toHaveValue("no_contact");

  // Nothing was overwritten.
  await first.reload();
  await expect(first.locator(".case-header")).toContainText(en["caseState.on_hold"]);
  await expect(first.locator("#timeline")).not.toContainText("My careful note");
});
