// A coordinator's morning, in Belarusian: the urgent request is first in triage and becomes a
// case; the board says what the case needs and the coordinator assigns it; the overview's tiles
// lead to the overdue tasks and to the referrals that wait on a partner, one of which the
// coordinator follows to its case and answers the partner there; the partner reads the answer.
import { expect, test } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { PARTNERS } from "../../prisma/demo-data/directory";
import { signIn } from "./demo";

const be = catalogues.be;

test("a coordinator's morning: triage, the board, the lists behind the tiles, and an answer to a partner", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "coordinator@demo.local");
  await page.getByRole("button", { name: "Беларуская" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "be");

  // Triage: the urgent first, whatever came in before them.
  const nav = page.getByRole("navigation", { name: be["nav.main"] });
  await nav.getByRole("link", { name: be["nav.staff.requests"] }).click();
  // The overview has a table too, with urgencies in it: wait for the queue's own page.
  await expect(page).toHaveURL(/\/staff\/requests$/);
  const rows = page.locator("table tbody tr");
  await expect(rows.first()).toContainText(be["urgency.urgent"]);
  const urgencies = await rows.locator("td:nth-child(3)").allTextContents();
  expect(urgencies.indexOf(be["urgency.normal"]) === -1 || urgencies.lastIndexOf(be["urgency.urgent"]) < urgencies.indexOf(be["urgency.normal"])).toBe(true);
  await rows.first().getByRole("link").click();
  await page.getByRole("button", { name: be["triage.acceptNewSubmit"] }).click();
  await expect(page).toHaveURL(/\/staff\/cases\/\w+/);
  const caseId = new URL(page.url()).pathname.split("/").pop()!;
  const caseCode = (await page.locator(".case .role-badge").first().textContent())!.trim();

  // The board: the new case with what it needs, assigned from there (to a caseworker no other
  // walk-through picks its first case from).
  await nav.getByRole("link", { name: be["nav.staff.overview"] }).click();
  const onBoard = page.locator("tr", { has: page.getByRole("link", { name: caseCode }) });
  await expect(onBoard).toContainText(be["urgency.urgent"]);
  await expect(onBoard.locator("td").nth(2)).not.toHaveText("—");
  await onBoard.locator(`#assign-${caseId}`).selectOption({ label: "Куратор 3 (demo)" });
  await onBoard.getByRole("button", { name: be["case.assign"] }).click();
  await expect(page.getByRole("link", { name: caseCode })).toHaveCount(0);

  // The tiles lead to their lists.
  await page.getByRole("link", { name: be["stat.overdueTasks"] }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(be["tasks.title"]);
  await expect(page.locator("table tbody tr").first()).toContainText(/спазняецца на \d+ (дзень|дні|дзён|дня)/);
  await nav.getByRole("link", { name: be["nav.staff.overview"] }).click();
  await page.getByRole("link", { name: be["stat.waitingReferrals"] }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(be["waiting.title"]);
  await page.getByLabel(be["waiting.partner"]).selectOption({ label: PARTNERS[0]!.name });
  await page.getByRole("button", { name: be["audit.filter"] }).click();
  const waiting = page.locator("table tbody tr").first();
  await expect(waiting).toContainText(PARTNERS[0]!.name);
  await waiting.getByRole("link").click();
  await expect(page).toHaveURL(/\/staff\/cases\/\w+#referral-\w+/);
  const referralId = new URL(page.url()).hash.replace("#referral-", "");

  // The answer on the referral's thread.
  const referral = page.locator(`#referral-${referralId}`);
  await referral.getByText(be["referral.writeToPartner"]).click();
  await referral.getByLabel(be["referral.message"]).fill("Добрай раніцы! Яна можа прыйсці ў чацвер.");
  await referral.getByRole("button", { name: be["referral.sendMessage"] }).click();
  await expect(page.locator(`#referral-${referralId}`)).toContainText("Яна можа прыйсці ў чацвер.");

  const partner = await (await browser.newContext()).newPage();
  await signIn(partner, "partner@demo.local");
  await partner.goto(`/partner/referrals/${referralId}`);
  await expect(partner.getByText("Яна можа прыйсці ў чацвер.")).toBeVisible();
});
