// The audit log's CSV export, as an administrator uses it in Chromium: a fresh code, a click,
// and a file that arrives and holds the rows of the filter (the action alone, called by a test,
// had passed while the browser got the HTML page instead).
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { catalogues } from "../../app/i18n/all-catalogues";
import { timeStep, totpCode } from "../../app/auth/totp.server";
import { DEMO_TOTP_SECRET } from "../../prisma/seed";
import { e2eDatabase } from "./database";
import { signIn } from "./demo";

const en = catalogues.en;

/** The cells of a CSV (RFC 4180: quoted cells, doubled quotes, CRLF lines). */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split("\r\n")
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((cell) => cell[1]!.replace(/""/g, '"')));
}

/** Sends the export form with a code the account has not used yet; answers the download, or null when the code was refused. */
async function exportWith(page: Page, offset: number) {
  await page.getByLabel(en["audit.exportCode"]).fill(totpCode(DEMO_TOTP_SECRET, timeStep() + offset));
  const download = page.waitForEvent("download", { timeout: 30_000 }).catch(() => null);
  // A refused code comes back to the log, which names the problem.
  const refused = page.waitForURL(/exportError=/, { timeout: 30_000 }).then(
    () => null,
    () => null,
  );
  await page.getByRole("button", { name: en["audit.exportSubmit"] }).click();
  return Promise.race([download, refused]);
}

/**
 * An administrator of its own: the export spends one more one-time code, and the demo admin's
 * codes are shared by the other tests that sign in as it at the same moment.
 */
async function exportingAdmin(): Promise<string> {
  const db = e2eDatabase();
  const demoAdmin = await db.account.findUniqueOrThrow({ where: { email: "admin@demo.local" } });
  const email = "audit-export-admin@demo.local";
  const { id: _id, email: _email, ...same } = demoAdmin;
  await db.account.upsert({ where: { email }, create: { ...same, email, displayName: "Audit export (test)", totpLastStep: null }, update: {} });
  await db.$disconnect();
  return email;
}

test("the audit log's CSV export arrives as a file and holds the filtered rows", async ({ page }) => {
  await signIn(page, await exportingAdmin());
  await page.goto("/admin/audit?action=auth.sign_in");
  await page.waitForLoadState();
  // Signing in used this step's code (or the next): the same code cannot confirm twice.
  let download = (await exportWith(page, 1)) ?? (await exportWith(page, 0));
  if (!download) {
    // Both codes of this moment used: the next step's code is fresh (at most 30 s away).
    await expect(page.getByText(en["twoFactor.codeWrong"])).toBeVisible();
    await page.waitForTimeout((31 - (Math.floor(Date.now() / 1000) % 30)) * 1000);
    download = await exportWith(page, 0);
  }
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
