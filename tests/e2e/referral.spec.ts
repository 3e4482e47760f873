// A caseworker refers a person to a partner's service with consent; the partner sees only the
// shared fields, accepts, posts progress and completes with an outcome; the caseworker sees
// every step on the case's timeline.
import { expect, test } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { signIn, unfold } from "./demo";

const en = catalogues.en;

test("a referral goes from the caseworker to the partner and back, closing the loop", async ({ browser }) => {
  const caseworker = await (await browser.newContext()).newPage();
  await signIn(caseworker, "caseworker@demo.local");
  // The demo client's case is the demo caseworker's; open it from the caseload.
  await caseworker.locator("table.table tbody tr").filter({ hasText: en["caseState.active"] }).first().getByRole("link").click();
  await expect(caseworker).toHaveURL(/\/staff\/cases\//);
  const caseUrl = new URL(caseworker.url()).pathname;

  // A goal in the medical track, so that the demo clinic's service can be chosen.
  await unfold(caseworker, en["case.addGoalOpen"]);
  await caseworker.locator("#goal-track").selectOption({ label: en["track.medical"] });
  await caseworker.locator("#goal-title").fill("Check-up after release");
  await caseworker.locator("#plan").getByRole("button", { name: en["case.addGoal"] }).click();
  await expect(caseworker.locator("#plan")).toContainText("Check-up after release");
  await unfold(caseworker, en["referral.newOpen"]);

  await caseworker.locator("#refer-goal").selectOption({ label: "Check-up after release" });
  const service = caseworker.locator("#refer-service option", { hasText: "Надзея" }).first();
  await caseworker.locator("#refer-service").selectOption({ value: (await service.getAttribute("value"))! });
  await caseworker.locator("#refer-request").fill("A full check-up, please; she prefers mornings.");
  await caseworker.getByLabel(en["referral.field.languages"]).uncheck();
  await caseworker.getByLabel(en["referral.consentGiven"]).check();
  await caseworker.locator("#referrals").getByRole("button", { name: en["referral.send"] }).click();
  await expect(caseworker.locator("#referrals li").filter({ hasText: "Check-up after release" })).toContainText(en["referralStatus.sent"]);

  const partner = await (await browser.newContext()).newPage();
  await signIn(partner, "partner@demo.local");
  await partner.goto("/partner?status=sent");
  await partner.getByRole("link", { name: "Медычны агляд і лячэнне" }).first().click();
  await expect(partner.getByText("A full check-up, please; she prefers mornings.")).toBeVisible();
  // Only what was shared: no languages, no case, no full name.
  await expect(partner.getByText(en["referral.field.languages"])).toHaveCount(0);
  const page = await partner.content();
  expect(page).not.toContain(caseUrl.split("/").pop()!);

  await partner.getByRole("button", { name: en["referral.accept"] }).click();
  await expect(partner.locator(".case-status")).toContainText(en["referralStatus.accepted"]);
  await partner.getByLabel(en["referral.progress"]).fill("First appointment booked for Monday");
  await partner.getByRole("button", { name: en["referral.postProgress"] }).click();
  await expect(partner.locator(".timeline")).toContainText("First appointment booked for Monday");
  await partner.getByLabel(en["referral.outcome"]).fill("Check-up done, no follow-up needed");
  await partner.getByRole("button", { name: en["referral.complete"] }).click();
  await expect(partner.locator(".case-status")).toContainText(en["referralStatus.completed"]);

  await caseworker.goto(caseUrl);
  const timeline = caseworker.locator("#timeline");
  for (const status of ["sent", "accepted", "completed"] as const) {
    await expect(timeline).toContainText(`${en["timeline.referral"]}: Медычны агляд і лячэнне — ${en[`referralStatus.${status}`]}`);
  }
  await expect(caseworker.locator("#referrals")).toContainText("Check-up done, no follow-up needed");
});
