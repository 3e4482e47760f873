// The demo accounts and helpers shared by the end-to-end tests.
import { expect, type Page } from "@playwright/test";
import { timeStep, totpCode } from "../../app/auth/totp.server";
import { catalogues } from "../../app/i18n/all-catalogues";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../prisma/seed";
import { e2eDatabase } from "./database";
import { linkSentTo } from "./mailbox";

export { DEMO_PASSWORD };

/** Fills and sends the sign-in form, without waiting for what follows. */
export async function submitPassword(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

// Generous: a hang fails the test, a loaded machine does not.
const leaves = (page: Page, path: string) => page.waitForURL((url) => url.pathname !== path, { timeout: 30_000 }).then(() => true, () => false);

/** Signs in with the password and, for staff and partners, the demo TOTP code. */
export async function signIn(page: Page, email: string) {
  await submitPassword(page, email);
  await leaves(page, "/login");
  if (new URL(page.url()).pathname !== "/two-factor") return;
  // A code is accepted once per account: when another test just used this step's code, the
  // next step's code is accepted too (one step of clock drift is allowed). When both were used
  // (a sign-in and a fresh code for the audit export), the step after is at most 30 s away. A
  // refused code is answered 400, with or without JavaScript.
  for (const wait of [false, true]) {
    if (wait) await page.waitForTimeout((31 - (Math.floor(Date.now() / 1000) % 30)) * 1000);
    for (const offset of [0, 1]) {
      await page.getByLabel(/code/i).fill(totpCode(DEMO_TOTP_SECRET, timeStep() + offset));
      const answer = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/two-factor");
      await page.getByRole("button", { name: "Continue" }).click();
      if ((await answer).status() !== 400 && (await leaves(page, "/two-factor"))) return;
    }
  }
  throw new Error(`the second factor of ${email} was refused`);
}

export async function expectHeading(page: Page, text: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text);
}

/** Opens a folded form (a <details> by its summary's text), unless it is open already. */
export async function unfold(page: Page, summary: string, within = page.locator("body")) {
  const details = within.locator("details").filter({ has: page.locator(`summary:text-is("${summary}")`) }).first();
  if ((await details.getAttribute("open")) === null) await details.locator("summary").first().click();
  await expect(details).toHaveAttribute("open", "");
}

/** Signs in and reads in English, whatever the account's own language. */
export async function signInInEnglish(page: Page, email: string) {
  await signIn(page, email);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
}

/** From a case page in English: invites the case's person to their own space; their case code. */
export async function invitePersonOfCase(caseworker: Page, email: string): Promise<string> {
  const en = catalogues.en;
  await caseworker.locator("h1").getByRole("link").click();
  const caseCode = (await caseworker.locator("p.role-badge").last().innerText()).trim();
  await caseworker.getByLabel(en["invite.email"]).fill(email);
  await caseworker.getByLabel(en["invite.language"]).selectOption("en");
  await caseworker.getByRole("button", { name: en["invite.send"] }).click();
  await expect(caseworker.getByText(en["invite.sent"])).toBeVisible();
  return caseCode;
}

/** The invited person follows the link in their email and sets their password: they are in /me. */
export async function acceptInvitation(person: Page, email: string, password: string) {
  const en = catalogues.en;
  await person.goto(new URL(await linkSentTo(email)).pathname);
  await person.getByLabel(en["account.newPassword"], { exact: true }).fill(password);
  await person.getByLabel(en["account.repeatPassword"]).fill(password);
  await person.getByRole("button", { name: en["welcome.submit"] }).click();
  await expect(person).toHaveURL(/\/me$/);
}

/**
 * Until the whole page has hydrated (root.tsx marks <html data-hydrated> after the commit;
 * entry.client.tsx hydrates after its language's words have loaded, which on a busy machine comes
 * well after "load"): a click before that may be lost or be the browser's own submission.
 */
export async function untilHydrated(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}


/**
 * An administrator of its own, a copy of the demo admin: an export spends one more one-time code,
 * and the demo admin's codes are shared by the other tests that sign in as it at the same moment.
 */
export async function adminOfItsOwn(email: string, displayName: string): Promise<string> {
  const db = e2eDatabase();
  const demoAdmin = await db.account.findUniqueOrThrow({ where: { email: "admin@demo.local" } });
  const { id: _id, email: _email, ...same } = demoAdmin;
  await db.account.upsert({ where: { email }, create: { ...same, email, displayName, totpLastStep: null }, update: {} });
  await db.$disconnect();
  return email;
}

/** Sends an export form with the code `offset` steps from now: the download, or null when the code was refused. */
async function exportWith(page: Page, button: string, offset: number) {
  await page.getByLabel(catalogues.en["audit.exportCode"]).fill(totpCode(DEMO_TOTP_SECRET, timeStep() + offset));
  const download = page.waitForEvent("download", { timeout: 30_000 }).catch(() => null);
  // A refused code comes back to the page, which names the problem.
  const refused = page.waitForURL(/exportError=/, { timeout: 30_000 }).then(
    () => null,
    () => null,
  );
  await page.getByRole("button", { name: button }).click();
  return Promise.race([download, refused]);
}

/** Sends an export form (in English) with a code the account has not used yet, and answers the file that arrived, or null. */
export async function exportWithFreshCode(page: Page, button: string) {
  // Signing in used this step's code (or the next): the same code cannot confirm twice.
  const download = (await exportWith(page, button, 1)) ?? (await exportWith(page, button, 0));
  if (download) return download;
  // Both codes of this moment used: the next step's code is fresh (at most 30 s away).
  await expect(page.getByText(catalogues.en["twoFactor.codeWrong"])).toBeVisible();
  await page.waitForTimeout((31 - (Math.floor(Date.now() / 1000) % 30)) * 1000);
  return exportWith(page, button, 0);
}
