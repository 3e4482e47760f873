// End-to-end tests in Debian's Chromium (Playwright cannot download browsers here), against
// the production build on a fresh demo database (tests/e2e/server.ts).
import { defineConfig, devices } from "@playwright/test";

const PORT = 3100;
export const BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  forbidOnly: true,
  // Timeouts catch a hang, they do not measure speed: generous enough for a loaded 2-core machine.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 2,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: BASE_URL,
    locale: "en-GB",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without the background-networking flags Chromium keeps trying to reach the internet.
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // The erasure walk compares report figures before and after: it runs alone, after the others,
  // so that no other test changes the figures in between.
  projects: [
    // The specs that erase a demo person run after the rest.
    { name: "app", testIgnore: ["**/erasure.spec.ts", "**/documents.spec.ts"] },
    { name: "erasure", testMatch: ["**/erasure.spec.ts", "**/documents.spec.ts"], dependencies: ["app"] },
  ],
  webServer: {
    command: "node_modules/.bin/tsx tests/e2e/server.ts",
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: { PORT: String(PORT), APP_ORIGIN: BASE_URL },
  },
});
