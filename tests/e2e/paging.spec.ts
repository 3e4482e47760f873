// A busy caseworker's lists go on past their first page: the caseload, the triage queue and
// search results page by page, and a case with 500 activities opens on its newest entries.
import { expect, test } from "@playwright/test";
import { saveNameTokens } from "../../app/persons/name-tokens.server";
import { searchKey } from "../../app/persons/search-key";
import { e2eDatabase } from "./database";
import { signIn } from "./demo";

const EMAIL = "paging-caseworker@e2e.local";
const CASES = 30;

test.beforeAll(async () => {
  const db = e2eDatabase();
  if (await db.account.findUnique({ where: { email: EMAIL } })) return db.$disconnect();
  const demo = await db.account.findUniqueOrThrow({ where: { email: "caseworker@demo.local" } });
  const account = await db.account.create({
    data: { email: EMAIL, role: "caseworker", status: "active", displayName: "Paging caseworker", passwordHash: demo.passwordHash, totpSecret: demo.totpSecret, organizationId: demo.organizationId },
  });
  for (let index = 0; index < CASES; index++) {
    const name = `Зміцер Пагінаў${"аб".repeat(index % 3)}`;
    const person = await db.person.create({ data: { caseCode: `AC-PAGE-${String(index).padStart(4, "0")}`, preferredName: "Зміцер", fullName: name, searchKey: searchKey("Зміцер", name) } });
    await db.$transaction((tx) => saveNameTokens(tx, person.id, person.searchKey));
    const opened = await db.case.create({ data: { personId: person.id, status: "active", openedAt: new Date(Date.UTC(2026, 0, 1 + index)) } });
    await db.caseAssignment.create({ data: { caseId: opened.id, accountId: account.id, assignedAt: new Date(Date.UTC(2026, 0, 1 + index)) } });
    await db.helpRequest.create({ data: { code: `R-PAGE-${String(index).padStart(4, "0")}`, source: "public_form", language: "be", preferredName: "Зміцер", contactKind: "signal", contactValue: "@z", status: "new" } });
    if (index === 0) {
      await db.activity.createMany({
        data: Array.from({ length: 500 }, (_, call) => ({ caseId: opened.id, kind: "call" as const, note: `call ${call}`, occurredAt: new Date(Date.UTC(2026, 1, 1) + call * 60_000) })),
      });
    }
  }
  await db.$disconnect();
});

test("the caseload, the triage queue and search results go on past their first page, and a long case opens on its newest entries", async ({ page }) => {
  await signIn(page, EMAIL);
  await expect(page).toHaveURL("/staff");

  const caseCodes = () => page.locator("table a[href^='/staff/cases/']").allTextContents();
  const firstCaseload = await caseCodes();
  expect(firstCaseload).toHaveLength(25);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(page.locator("table a[href^='/staff/cases/']")).toHaveCount(CASES - 25);
  const secondCaseload = await caseCodes();
  expect(secondCaseload).toHaveLength(CASES - 25);
  expect(new Set([...firstCaseload, ...secondCaseload]).size).toBe(CASES);

  await page.goto("/staff/requests");
  const requestCodes = () => page.locator("table a[href^='/staff/requests/']").allTextContents();
  const firstQueue = await requestCodes();
  expect(firstQueue).toHaveLength(25);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(page.locator("table a[href^='/staff/requests/']").first()).not.toHaveText(firstQueue[0]!);
  const secondQueue = await requestCodes();
  expect(secondQueue.length).toBeGreaterThan(0);
  expect(secondQueue.filter((code) => firstQueue.includes(code))).toEqual([]);

  await page.goto("/staff/search");
  await page.getByLabel("Case code, name or contact").fill("Zmicier Pahinau");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  const firstResults = await page.locator(".record-list a[href^='/staff/persons/']").allTextContents();
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  const secondResults = await page.locator(".record-list a[href^='/staff/persons/']").allTextContents();
  expect(firstResults.length + secondResults.length).toBeGreaterThanOrEqual(CASES - 10); // the two spellings a letter apart from the query's are not it

  await page.goto("/staff");
  await page.getByRole("link", { name: "Next page" }).click();
  await page.getByRole("link", { name: "AC-PAGE-0000" }).click();
  const timeline = page.locator("#timeline li");
  await expect(timeline.last()).toContainText("call 499");
  expect(await timeline.count()).toBeLessThanOrEqual(60);
  await page.getByRole("link", { name: "Earlier entries" }).click();
  await expect(timeline.last()).toContainText("call 449");
});
