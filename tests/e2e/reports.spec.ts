// A coordinator's reports, in Belarusian, with JavaScript off: the last quarter's charts (SVG
// drawn on the server), another period, the CSV as a file that arrives and parses; axe finds
// nothing, and nothing scrolls sideways at 320 px. Screenshots at desktop and phone width are
// kept in test-results/ to be looked at.
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { signIn } from "./demo";

const be = catalogues.be;

test.use({ javaScriptEnabled: false });

/** RFC 4180: quoted cells, doubled quotes, CRLF lines. */
function parseCsv(text: string): string[][] {
  const lines: string[][] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      cells.push(cell);
      cell = "";
    } else if (char === "\r" && text[index + 1] === "\n") {
      cells.push(cell);
      lines.push(cells);
      cells = [];
      cell = "";
      index++;
    } else cell += char;
  }
  return lines;
}

test("a coordinator reads last quarter's reports in Belarusian without JavaScript, switches the period and downloads the CSV", async ({ browser, page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, "coordinator2@demo.local");
  await page.getByRole("button", { name: "Беларуская" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "be");
  await page.goto("/staff/reports");
  // The default period is the last quarter too: wait for the link's own address, not for what is already there.
  await Promise.all([page.waitForURL(/period=quarter&start=/), page.getByRole("link", { name: be["report.last.quarter"], exact: true }).click()]);
  await page.waitForLoadState("load");
  await expect(page.getByRole("link", { name: be["report.last.quarter"], exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("квартал");
  expect(await page.locator("script").count()).toBe(0);

  // The charts: server-drawn SVG, each named by its title, with the same numbers in a table.
  const charts = page.locator("figure.chart svg[role=img]");
  expect(await charts.count()).toBeGreaterThanOrEqual(8);
  for (const chart of await charts.all()) {
    await expect(chart).toBeVisible();
    expect(await chart.locator(":scope > title").textContent()).toBeTruthy();
    expect(await chart.getAttribute("style")).toBeNull();
  }
  await expect(page.getByRole("img", { name: be["report.byUrgency"] })).toBeVisible();
  await expect(page.locator("table#requests-urgency tbody tr")).toHaveCount(3);

  // axe and the width check run scripts of their own: the same page, signed in, in a context that allows them.
  const checker = await (await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: true })).newPage();
  await checker.goto(page.url());
  await expect(checker.locator("html")).toHaveAttribute("lang", "be");
  const axe = await new AxeBuilder({ page: checker }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("reports-desktop.png"), fullPage: true });
  await checker.setViewportSize({ width: 320, height: 640 });
  expect(await checker.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  // Printed (the browser makes the PDF): the charts and tables, without the navigation and forms.
  await checker.setViewportSize({ width: 1280, height: 800 });
  await checker.emulateMedia({ media: "print" });
  await expect(checker.locator("form.period-range")).toBeHidden();
  await expect(checker.locator(".area-nav")).toBeHidden();
  await expect(checker.locator("figure.chart").first()).toBeVisible();
  expect((await checker.pdf({ format: "A4" })).subarray(0, 5).toString()).toBe("%PDF-");
  await page.setViewportSize({ width: 320, height: 640 });
  await page.screenshot({ path: testInfo.outputPath("reports-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Another period: days from–to; a backwards range is refused next to its field.
  await page.getByLabel(be["report.from"], { exact: true }).fill("2026-09-01");
  await page.getByLabel(be["report.to"], { exact: true }).fill("2026-08-01");
  await page.getByRole("button", { name: be["report.show"] }).click();
  await expect(page.getByText(be["report.rangeBackwards"])).toBeVisible();
  await page.getByLabel(be["report.to"], { exact: true }).fill("2026-09-30");
  await page.getByRole("button", { name: be["report.show"] }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("1 верасня 2026");
  await page.getByRole("link", { name: be["report.last.month"], exact: true }).click();
  await expect(page.getByRole("link", { name: be["report.last.month"], exact: true })).toHaveAttribute("aria-current", "page");
  const heading = await page.getByRole("heading", { level: 1 }).innerText();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: be["report.downloadCsv"] }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^report-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = parseCsv(await readFile((await file.path())!, "utf8"));
  // The period's name first, then each section: its heading, its columns, its rows.
  expect(heading).toContain(lines[0]![0]!);
  const urgency = lines.findIndex((line) => line[0] === be["report.byUrgency"]);
  expect(urgency).toBeGreaterThan(0);
  expect(lines[urgency + 1]).toEqual([be["report.urgency"], be["report.thisPeriod"], be["report.previousPeriod"]]);
  expect(lines.slice(urgency + 2, urgency + 5).map((line) => line[0])).toEqual([be["urgency.urgent"], be["urgency.normal"], be["urgency.low"]]);
  // Every count is a number or the words for a withheld one.
  const notShown = [be["report.fewerThan"].replace("{threshold}", "5"), be["report.withheld"]];
  for (const line of lines.slice(urgency + 2, urgency + 6)) for (const cell of line.slice(1)) expect(notShown.includes(cell) || /^\d+$/.test(cell), cell).toBe(true);
});
