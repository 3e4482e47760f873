// A person asks for help in Belarusian with JavaScript off, keeps the receipt, checks the
// status, and the request waits in the coordinators' triage queue in Belarusian.
import { expect, test } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { signIn } from "./demo";

const be = catalogues.be;

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a help request in Belarusian, its receipt and its status", async ({ page, browser }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Беларуская" }).click();
    await page.getByRole("link", { name: be["help.ask"] }).click();
    await expect(page).toHaveURL("/help");
    // Nothing to run: the page carries no script at all.
    expect(await page.locator("script").count()).toBe(0);

    await page.getByLabel(be["help.name"]).fill("Вецер");
    await page.getByLabel(be["help.contactKind"]).selectOption("telegram");
    await page.getByLabel(be["help.contactValue"]).fill("@veciar_1450");
    await page.getByLabel(be["track.psychological"]).check();
    await page.getByLabel(be["help.message"]).fill("Мне патрэбна размова з псіхолагам.");
    await page.getByRole("button", { name: be["help.submit"] }).click();
    // Without consent the request is not kept, and the input waits to be sent again.
    await expect(page.getByText(be["help.consentRequired"])).toBeVisible();
    await expect(page.getByLabel(be["help.contactValue"])).toHaveValue("@veciar_1450");
    await page.getByLabel(be["help.consent"]).check();
    await page.getByRole("button", { name: be["help.submit"] }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(be["help.receiptTitle"]);
    // The page streams in: the heading can be there before the receipt's last characters are.
    await page.waitForLoadState();
    const [code, secret] = await page.locator(".receipt code").allTextContents();
    expect(code).toMatch(/^R-/);

    await page.getByRole("link", { name: be["help.statusLink"] }).click();
    await page.getByLabel(be["request.code"]).fill(code!);
    await page.getByLabel(be["help.secret"]).fill(secret!);
    await page.getByRole("button", { name: be["help.check"] }).click();
    await expect(page.locator(".facts")).toContainText(be["requestStatus.new"]);

    // The coordinator finds it in the triage queue, in Belarusian.
    const coordinator = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await signIn(coordinator, "coordinator@demo.local");
    await coordinator.goto("/staff/requests");
    const row = coordinator.locator("tr", { hasText: code! });
    await expect(row).toContainText("Вецер");
    await expect(row).toContainText("be");
    await row.getByRole("link", { name: code! }).click();
    await expect(coordinator.locator(".quote")).toHaveAttribute("lang", "be");
    await expect(coordinator.locator(".quote")).toHaveText("Мне патрэбна размова з псіхолагам.");
  });
});
