// A real installation from a clean checkout: `npm run setup` without a terminal, the production
// server started from it, the first administrator's printed link followed in Chromium (password,
// second factor), and no demo account or person anywhere. Setup run again changes nothing.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import Database from "libsql";
import { totpCode, timeStep } from "../../app/auth/totp.server";
import { catalogues } from "../../app/i18n/all-catalogues";

const run = promisify(execFile);
const PORT = 3210;
const ORIGIN = `http://localhost:${PORT}`;
const en = catalogues.en;

/** The project as a clean clone has it (tracked files and new ones, nothing git ignores), with this checkout's node_modules. */
function cleanCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), "aftercare-install-"));
  execFileSync("bash", ["-c", `git ls-files -co --exclude-standard -z | xargs -0 tar -cf - | tar -xf - -C ${dir}`]);
  symlinkSync(resolve("node_modules"), join(dir, "node_modules"));
  // What `npm ci` does after installing: the generated Prisma clients (package.json's postinstall).
  execFileSync("npm", ["run", "--silent", "postinstall"], { cwd: dir, stdio: "ignore" });
  return dir;
}

// Only what a new server's shell would have: nothing of this test run's own environment.
const bare = { PATH: process.env.PATH, HOME: process.env.HOME } as unknown as NodeJS.ProcessEnv;
const setupEnv = { ...bare, APP_ORIGIN: ORIGIN, SETUP_ADMIN_EMAIL: "First.Admin@example.org", SETUP_ORGANIZATION_NAME: "Центр допомоги" } as NodeJS.ProcessEnv;

let dir = "";
let server: ChildProcess | undefined;
test.afterAll(() => {
  server?.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function counts() {
  const key = readFileSync(join(dir, "secrets/database.key"), "utf8").trim();
  const connection = new Database(join(dir, "data/aftercare.db"), { encryptionKey: key } as Database.Options);
  const one = (sql: string) => (connection.prepare(sql).raw(true).all() as number[][])[0]![0];
  const result = {
    accounts: one("SELECT count(*) FROM Account"),
    persons: one("SELECT count(*) FROM Person"),
    demo: one("SELECT count(*) FROM Setting WHERE key = 'demo_data'"),
    tokens: one("SELECT count(*) FROM AuthToken"),
    tracks: one("SELECT count(*) FROM SupportTrack"),
  };
  connection.close();
  return result;
}

test("setup makes a real installation whose first administrator signs in with a second factor, and nothing of the demo", async ({ page }) => {
  test.setTimeout(240_000);
  dir = cleanCheckout();
  const first = await run("npm", ["run", "--silent", "setup"], { cwd: dir, env: setupEnv });
  const link = new RegExp(`${ORIGIN}/welcome/[\\w-]+`).exec(first.stdout)?.[0];
  expect(link, first.stdout).toBeTruthy();
  expect(first.stdout).not.toMatch(/[0-9a-f]{64}/); // no key or secret printed

  server = spawn("node", ["build/server.js"], { cwd: dir, env: { ...bare, PORT: String(PORT) } as NodeJS.ProcessEnv, stdio: "ignore" });
  await expect.poll(() => fetch(`${ORIGIN}/healthz`).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);

  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en["welcome.title"]);
  const password = "river stone lantern ninety";
  await page.getByLabel(en["account.newPassword"], { exact: true }).fill(password);
  await page.getByLabel(en["account.repeatPassword"]).fill(password);
  await page.getByRole("button", { name: en["welcome.submit"] }).click();

  // Enrolment: the secret as text, a first code from it, the recovery codes once. The page
  // streams in: read the secret once all of it has arrived.
  await expect(page.locator("code.secret")).toBeVisible();
  await page.waitForLoadState();
  const secret = (await page.locator("code.secret").textContent())!.replace(/\s/g, "");
  await page.getByLabel(en["twoFactor.enrolCode"]).fill(totpCode(secret, timeStep()));
  await page.getByRole("button", { name: en["twoFactor.submit"] }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en["twoFactor.recoveryTitle"]);
  // The codes stay on the screen once everything the page loads has loaded (they are shown once).
  await page.waitForLoadState("networkidle");
  await expect(page.locator(".recovery-codes li")).toHaveCount(10);
  await page.getByRole("link", { name: en["twoFactor.continue"] }).click();
  await expect(page).toHaveURL(`${ORIGIN}/admin`);
  await expect(page.getByRole("note")).toHaveCount(0); // no demo banner

  await page.goto(`${ORIGIN}/admin/accounts`);
  await expect(page.getByRole("cell", { name: "first.admin@example.org" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /@demo\.local/ })).toHaveCount(0);
  expect(counts()).toEqual({ accounts: 1, persons: 0, demo: 0, tokens: 1, tracks: 8 });

  const second = await run("npm", ["run", "--silent", "setup"], { cwd: dir, env: setupEnv });
  expect(second.stdout).toContain("Nothing changed: this installation is set up already");
  expect(second.stdout).not.toContain("/welcome/");
  expect(counts()).toEqual({ accounts: 1, persons: 0, demo: 0, tokens: 1, tracks: 8 });

  // An upgrade with nothing new: a backup first, no migration, a build, and it says so.
  server.kill("SIGTERM");
  const upgrade = await run("npm", ["run", "--silent", "upgrade"], { cwd: dir, env: bare });
  expect(upgrade.stdout).toMatch(/Backed up to .*data\/backups\/aftercare-\d{8}T\d{6}Z\.db\./);
  expect(upgrade.stdout).toContain("The database needed no migration.");
});
