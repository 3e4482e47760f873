// The neutral site "leave now" goes to in the end-to-end tests (LEAVE_NOW_URL of tests/e2e/server.ts).
// It is not on the network: each test answers it itself, so arriving there is seen, not fetched.
import type { Page } from "@playwright/test";

export const NEUTRAL_SITE = "https://neutral.example/weather";

export async function answerNeutralSite(page: Page): Promise<void> {
  await page.route("https://neutral.example/**", (route) => route.fulfill({ contentType: "text/html", body: "<!DOCTYPE html><title>Weather</title><h1>Weather</h1>" }));
}
