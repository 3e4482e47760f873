// The audit log's CSV export, as an administrator uses it in Chromium: a fresh code, a click,
// and a file that arrives and holds the rows of the filter (the action alone, called by a test,
// had passed while the browser got the HTML page instead).
import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { catalogues } from "../../app/i18n/all-catalogues";
import { adminOfItsOwn, exportWithFreshCode, signIn } from "./demo";

const en = catalogues.en;

/** The cells of a CSV (RFC 4180: quoted cells, doubled quotes, CRLF lines). */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split("\r\n")
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((cell) => cell[1]!.replace(/""/g, '"')));
}

test("the audit log's CSV export arrives as a file and holds the filtered rows", async ({ page }) => {
  await signIn(page, await adminOfItsOwn("audit-export-admin@demo.local", "Audit export (test)"));
  await page.goto("/admin/audit?action=auth.sign_in");
  await page.waitForLoadState();
  const download = await exportWithFreshCode(page, en["audit.exportSubmit"]);
  expect(download, "no file arrived").not.toBeNull();
  expect(download!.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(readFileSync((await download!.path())!, "utf8"));
  expect(rows[0]).toEqual(["id", "at", "actor_id", "action", "entity_type", "entity_id", "person_id"]);
  // The admin's own sign-in at least, and nothing but sign-ins: the filter holds.
  expect(rows.length).toBeGreaterThan(1);
  expect(new Set(rows.slice(1).map((row) => row[3]))).toEqual(new Set(["auth.sign_in"]));
  // The page stays the audit log.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en["audit.title"]);
});
