// A day in the workspace: a coordinator enters a request taken by phone, triages it into a
// case and assigns it; the caseworker assesses two tracks with goals, records an activity and
// a task, completes the task and closes the case with a reason. Each step is on the timeline.
import { expect, test, type Page } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { signIn } from "./demo";

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
  await coordinator.locator("#assign-select").selectOption({ label: "Caseworker 4 (demo)" });
  await submitIn(coordinator, "assign", en["case.assign"]);
  await expect(coordinator.locator(".case-status")).toContainText("Caseworker 4 (demo)");

  const caseworker = await (await browser.newContext()).newPage();
  await signIn(caseworker, "caseworker4@demo.local");
  await expect(caseworker.getByRole("link", { name: caseCode })).toBeVisible();
  await caseworker.getByRole("link", { name: caseCode }).click();
  await expect(caseworker).toHaveURL(caseUrl);

  for (const [track, goal] of [
    [en["track.medical"], "See a general practitioner"],
    [en["track.housing"], "Find a room for three months"],
  ] as const) {
    await caseworker.locator("#assess-track").selectOption({ label: track });
    await caseworker.locator("#assess-level").selectOption("high");
    await submitIn(caseworker, "assess", en["case.assess"]);
    await caseworker.locator("#goal-track").selectOption({ label: track });
    await caseworker.locator("#goal-title").fill(goal);
    await submitIn(caseworker, "add-goal", en["case.addGoal"]);
    await expect(caseworker.locator("#add-goal")).toContainText(goal);
  }

  await caseworker.locator("#activity-kind").selectOption("call");
  await caseworker.locator("#activity-note").fill("First call, agreed on the plan");
  await submitIn(caseworker, "add-activity", en["case.addActivity"]);
  await caseworker.locator("#task-title").fill("Book the doctor's visit");
  await submitIn(caseworker, "add-task", en["case.addTask"]);
  await expect(caseworker.locator("#add-task")).toContainText("Book the doctor's visit");
  await submitIn(caseworker, "add-task", en["case.taskDone"]);
  await expect(caseworker.locator("#add-task")).toContainText(en["taskStatus.done"]);

  await caseworker.locator("#status-select").selectOption("closed");
  await caseworker.locator("#close-reason").selectOption("goals_met");
  await submitIn(caseworker, "status", en["case.changeStatus"]);
  await expect(caseworker.locator(".case-status")).toContainText(en["caseState.closed"]);

  const timeline = caseworker.locator("#timeline");
  for (const text of [
    `${en["timeline.status"]}: ${en["caseState.open"]}`,
    `${en["timeline.assignment"]}: Caseworker 4 (demo)`,
    `${en["timeline.assessment"]}: ${en["track.medical"]}`,
    `${en["timeline.assessment"]}: ${en["track.housing"]}`,
    "See a general practitioner",
    "Find a room for three months",
    `${en["timeline.activity"]}: ${en["activityKind.call"]}`,
    `${en["timeline.task"]}: Book the doctor's visit`,
    `${en["timeline.task-done"]}: Book the doctor's visit`,
    `${en["timeline.status"]}: ${en["caseState.closed"]} — ${en["closeReason.goals_met"]}`,
  ]) {
    await expect(timeline).toContainText(text);
  }
});
