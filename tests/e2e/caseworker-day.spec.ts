// A day in the workspace: a coordinator enters a request taken by phone, triages it into a
// case, assigns it and shares it with a second caseworker; the caseworker assesses two tracks
// with goals, logs a phone call with a follow-up task in the same form, moves that task to
// another day and gives it to the colleague, completes a task, refers the person to a partner
// and closes the case, cancelling the open referral with it. Each step is on the timeline,
// with its time and its author.
import { expect, test, type Page } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { signIn, unfold } from "./demo";

const en = catalogues.en;

async function submitIn(page: Page, sectionId: string, button: string) {
  await page.locator(`#${sectionId}`).getByRole("button", { name: button }).click();
  await page.waitForLoadState("networkidle");
}

test("a request becomes a case, is worked through and closed, all on the timeline", async ({ browser }) => {
  const coordinator = await (await browser.newContext()).newPage();
  await signIn(coordinator, "coordinator2@demo.local");
  await coordinator.goto("/staff/requests/new");
  await coordinator.getByLabel(en["person.preferredName"], { exact: true }).fill("Дзянis Day-Test");
  await coordinator.getByLabel(en["request.contactKind"]).selectOption("signal");
  await coordinator.getByLabel(en["request.contactValue"], { exact: true }).fill("@day_test_unique_1450");
  await coordinator.getByLabel(en["request.country"]).fill("LT");
  await coordinator.getByLabel(en["track.medical"]).check();
  await coordinator.getByLabel(en["track.housing"]).check();
  await coordinator.getByLabel(en["request.message"]).fill("Needs a doctor and a room.");
  await coordinator.getByRole("button", { name: en["triage.enterSubmit"] }).click();
  await expect(coordinator.getByRole("heading", { level: 1 })).toContainText(en["triage.requestTitle"]);
  await expect(coordinator.getByText(en["triage.noDuplicates"])).toBeVisible();

  await coordinator.getByRole("button", { name: en["triage.acceptNewSubmit"] }).click();
  await expect(coordinator).toHaveURL(/\/staff\/cases\/\w+/);
  const caseUrl = new URL(coordinator.url()).pathname;
  const caseCode = (await coordinator.locator(".case .role-badge").first().textContent())!.trim();
  await unfold(coordinator, en["case.assignTitle"]);
  await coordinator.locator("#assign-select").selectOption({ label: "Caseworker 4 (demo)" });
  await submitIn(coordinator, "status", en["case.assign"]);
  await expect(coordinator.locator(".case-header")).toContainText("Caseworker 4 (demo)");
  await unfold(coordinator, en["case.assignTitle"]);
  await coordinator.locator("#share-select").selectOption({ label: "Куратор 3 (demo)" });
  await submitIn(coordinator, "status", en["case.share"]);

  const caseworker = await (await browser.newContext()).newPage();
  await signIn(caseworker, "caseworker4@demo.local");
  await expect(caseworker.getByRole("link", { name: caseCode })).toBeVisible();
  await caseworker.getByRole("link", { name: caseCode }).click();
  await expect(caseworker).toHaveURL(caseUrl);

  for (const [track, goal] of [
    [en["track.medical"], "See a general practitioner"],
    [en["track.housing"], "Find a room for three months"],
  ] as const) {
    await unfold(caseworker, en["case.assessOpen"]);
    await caseworker.locator("#assess-track").selectOption({ label: track });
    await caseworker.locator("#assess-level").selectOption("high");
    await submitIn(caseworker, "plan", en["case.assess"]);
    await unfold(caseworker, en["case.addGoalOpen"]);
    await caseworker.locator("#goal-track").selectOption({ label: track });
    await caseworker.locator("#goal-title").fill(goal);
    await submitIn(caseworker, "plan", en["case.addGoal"]);
    await expect(caseworker.locator("#plan")).toContainText(goal);
  }

  // A phone call, and the follow-up it leads to, in one form.
  await unfold(caseworker, en["case.addActivityOpen"]);
  await caseworker.locator("#activity-kind").selectOption("call");
  await caseworker.locator("#activity-time").fill("09:30");
  await caseworker.locator("#activity-note").fill("First call, agreed on the plan");
  await caseworker.locator("#follow-up-title").fill("Send the clinic's address");
  await caseworker.locator("#follow-up-due").fill("2027-01-11");
  await submitIn(caseworker, "activities", en["case.addActivity"]);
  const followUp = caseworker.locator("#tasks li").filter({ hasText: "Send the clinic's address" });
  await expect(followUp).toContainText("January 11, 2027");
  // Moved to another day and given to the colleague the case is shared with.
  await followUp.getByText(en["case.taskChange"]).click();
  await followUp.getByLabel(en["case.taskDue"]).fill("2027-01-13");
  await followUp.getByLabel(en["tasks.assignee"]).selectOption({ label: "Куратор 3 (demo)" });
  await followUp.getByRole("button", { name: en["case.taskSave"] }).click();
  await expect(caseworker.locator("#tasks li").filter({ hasText: "Send the clinic's address" })).toContainText("January 13, 2027 · Send the clinic's address · Куратор 3 (demo)");
  await unfold(caseworker, en["case.addTaskOpen"]);
  await caseworker.locator("#task-title").fill("Book the doctor's visit");
  await submitIn(caseworker, "tasks", en["case.addTask"]);
  const visit = caseworker.locator("#tasks li").filter({ hasText: "Book the doctor's visit" });
  await visit.getByRole("button", { name: en["case.taskDone"] }).click();
  await expect(caseworker.locator("#tasks li").filter({ hasText: "Book the doctor's visit" })).toContainText(en["taskStatus.done"]);

  // A referral to the demo clinic, still open when the case closes.
  await unfold(caseworker, en["referral.newOpen"]);
  await caseworker.locator("#refer-goal").selectOption({ label: "See a general practitioner" });
  const service = caseworker.locator("#refer-service option", { hasText: "Надзея" }).first();
  await caseworker.locator("#refer-service").selectOption({ value: (await service.getAttribute("value"))! });
  await caseworker.locator("#refer-request").fill("A first consultation, please.");
  await caseworker.getByLabel(en["referral.consentGiven"]).check();
  await caseworker.locator("#referrals").getByRole("button", { name: en["referral.send"] }).click();
  const referral = caseworker.locator("#referrals li").filter({ hasText: "See a general practitioner" });
  await expect(referral).toContainText(en["referralStatus.sent"]);

  await unfold(caseworker, en["case.statusChangeOpen"]);
  await caseworker.locator("#status-select").selectOption("closed");
  await caseworker.locator("#close-reason").selectOption("goals_met");
  await expect(caseworker.locator("#status fieldset")).toContainText("Надзея");
  await caseworker.getByLabel(en["case.cancelOpen"]).check();
  await submitIn(caseworker, "status", en["case.changeStatus"]);
  await expect(caseworker.locator(".case-header")).toContainText(en["caseState.closed"]);
  await expect(caseworker.locator("#referrals li").filter({ hasText: "See a general practitioner" })).toContainText(en["referralStatus.cancelled"]);

  const timeline = caseworker.locator("#timeline");
  for (const text of [
    `${en["timeline.status"]}: ${en["caseState.open"]}`,
    `${en["timeline.assignment"]}: Caseworker 4 (demo)`,
    `${en["timeline.assessment"]}: ${en["track.medical"]}`,
    `${en["timeline.assessment"]}: ${en["track.housing"]}`,
    "See a general practitioner",
    "Find a room for three months",
    `${en["timeline.activity"]}: ${en["activityKind.call"]}`,
    `${en["timeline.task"]}: Send the clinic's address — ${en["taskEvent.created"]}: January 11, 2027`,
    `${en["timeline.task"]}: Send the clinic's address — ${en["taskEvent.rescheduled"]}: January 13, 2027`,
    `${en["timeline.task"]}: Send the clinic's address — ${en["taskEvent.reassigned"]}: Куратор 3 (demo)`,
    `${en["timeline.task"]}: Book the doctor's visit — ${en["taskEvent.done"]}`,
    `${en["timeline.referral"]}: Медычны агляд і лячэнне — ${en["referralStatus.cancelled"]}`,
    `${en["timeline.status"]}: ${en["caseState.closed"]} — ${en["closeReason.goals_met"]}`,
  ]) {
    await expect(timeline).toContainText(text);
  }
  // Every step the caseworker took names them, with a time of day in the organisation's zone.
  const steps = await timeline.locator("li").allInnerTexts();
  const mine = steps.filter((step) => step.includes("Caseworker 4 (demo)") && !step.startsWith(en["timeline.assignment"]));
  expect(mine.length).toBeGreaterThanOrEqual(10);
  for (const step of steps) expect(step).toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} (UTC|GMT[+-]\d+)/);
  expect(steps.find((step) => step.includes(en["activityKind.call"]))).toMatch(/, 09:30 /);
});
