// Practical support, with JavaScript off everywhere: a caseworker asks for a ticket and a few
// nights' lodging for a person who is relocating; a coordinator approves the ticket, rejects the
// lodging with a reason, and records the ticket as paid; the caseworker sees both on the case's
// timeline; the person sees the paid ticket in their own space, and not the rejected lodging.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { catalogues } from "../../app/i18n/all-catalogues";
import { acceptInvitation, invitePersonOfCase, signInInEnglish, unfold } from "./demo";

const en = catalogues.en;
const PERSON_EMAIL = "support.person@example.org";
const PERSON_PASSWORD = "a ticket to somewhere safe";

test.use({ javaScriptEnabled: false });

const pageWithoutScripts = async (browser: Browser) => (await browser.newContext({ javaScriptEnabled: false })).newPage();

/** Asks for support on the open case page, from the demo's euro grant (a coordinator decides above €300.00). */
async function askFor(page: Page, kind: string, amount: string, payee: string, note: string) {
  await unfold(page, en["assistance.requestOpen"], page.locator("#support"));
  const support = page.locator("#support form:has(input[name='intent'][value='request-support'])");
  await support.getByLabel(en["assistance.kind"]).selectOption(kind);
  await support.getByLabel(en["assistance.amount"]).fill(amount);
  await support.getByLabel(en["assistance.currency"]).fill("EUR");
  const grant = support.locator("option", { hasText: "Relocation grant (demo)" });
  await support.getByLabel(en["assistance.source"]).selectOption({ value: (await grant.getAttribute("value"))! });
  await support.getByLabel(en["assistance.payee"]).selectOption(payee);
  await support.getByLabel(en["assistance.note"]).fill(note);
  await support.getByRole("button", { name: en["assistance.request"] }).click();
}

test("travel and lodging asked for, one approved and paid, one rejected with its reason; the person sees what was paid", async ({ browser }) => {
  test.setTimeout(180_000);
  const caseworker = await pageWithoutScripts(browser);
  await signInInEnglish(caseworker, "caseworker2@demo.local");
  await caseworker.locator("table.table tbody tr").filter({ hasText: en["caseState.active"] }).nth(1).getByRole("link").first().click();
  await expect(caseworker).toHaveURL(/\/staff\/cases\//);
  const caseUrl = new URL(caseworker.url()).pathname;
  // The person is invited to their own space first.
  const caseCode = await invitePersonOfCase(caseworker, PERSON_EMAIL);
  await caseworker.goto(caseUrl);

  // An amount with more digits than euros have is refused by its field, and what was typed stays.
  await askFor(caseworker, "travel", "350,555", "carrier", "Bus Vilnius–Warsaw, one way");
  await expect(caseworker.locator("#support-amount-error")).toHaveText(en["assistance.amountInvalid"]);
  await expect(caseworker.locator("#support-note")).toHaveValue("Bus Vilnius–Warsaw, one way");
  await caseworker.locator("#support-amount").fill("350");
  await caseworker.locator("#support").getByRole("button", { name: en["assistance.request"] }).click();
  const travel = caseworker.locator("#support li[id^='support-']").filter({ hasText: en["assistanceKind.travel"] });
  await expect(travel).toContainText("€350.00");
  await expect(travel.locator(".status")).toHaveText(en["assistanceStatus.requested"]);
  await askFor(caseworker, "lodging", "600", "landlord", "Two weeks in Warsaw until the flat");
  const lodging = caseworker.locator("#support li[id^='support-']").filter({ hasText: en["assistanceKind.lodging"] });
  await expect(lodging.locator(".status")).toHaveText(en["assistanceStatus.requested"]);
  // The caseworker decides nothing.
  await expect(caseworker.locator("#support summary", { hasText: en["assistance.decideOpen"] })).toHaveCount(0);

  // The coordinator finds both waiting, approves the ticket, rejects the lodging with a reason, pays the ticket.
  const coordinator = await pageWithoutScripts(browser);
  await signInInEnglish(coordinator, "coordinator2@demo.local");
  await coordinator.locator(".area-nav").getByRole("link", { name: en["nav.staff.support"] }).click();
  const waiting = coordinator.locator("table.table tbody tr").filter({ hasText: caseCode });
  await expect(waiting).toHaveCount(2);
  await waiting.filter({ hasText: en["assistanceKind.travel"] }).getByRole("link", { name: caseCode }).click();
  await expect(coordinator).toHaveURL(new RegExp(`${caseUrl}#support-`));
  const ticket = coordinator.locator("#support li[id^='support-']").filter({ hasText: en["assistanceKind.travel"] });
  await unfold(coordinator, en["assistance.decideOpen"], ticket);
  await ticket.getByRole("button", { name: en["assistance.approve"] }).click();
  await expect(ticket.locator(".status")).toHaveText(en["assistanceStatus.approved"]);
  const room = coordinator.locator("#support li[id^='support-']").filter({ hasText: en["assistanceKind.lodging"] });
  await unfold(coordinator, en["assistance.decideOpen"], room);
  // A rejection without a reason is refused by the reason's field.
  await room.getByRole("button", { name: en["assistance.reject"] }).click();
  await expect(room.getByText(en["assistance.reasonRequired"])).toBeVisible();
  await room.getByLabel(en["assistance.decisionNote"]).fill("The shelter in Warsaw has a room for her");
  await room.getByRole("button", { name: en["assistance.reject"] }).click();
  await expect(room.locator(".status")).toHaveText(en["assistanceStatus.rejected"]);
  await unfold(coordinator, en["assistance.payOpen"], ticket);
  await ticket.getByLabel(en["assistance.receiptReference"]).fill("LUX-2026-0193");
  await ticket.getByRole("button", { name: en["assistance.pay"] }).click();
  await expect(ticket.locator(".status")).toHaveText(en["assistanceStatus.paid"]);
  await expect(ticket).toContainText("LUX-2026-0193");
  // Nothing of this case waits any more.
  await coordinator.goto("/staff/support");
  await expect(coordinator.locator("table.table tbody tr").filter({ hasText: caseCode })).toHaveCount(0);

  // The caseworker sees both on the timeline: the ticket paid, the lodging rejected with the reason.
  await caseworker.goto(caseUrl);
  // (The demo case may hold support of its own: these two are told apart by their amounts.)
  const ticketSteps = caseworker.locator("#timeline li[data-kind='support']").filter({ hasText: `${en["assistanceKind.travel"]} €350.00` });
  await expect(ticketSteps).toHaveCount(3);
  await expect(ticketSteps.last()).toContainText(`— ${en["assistanceStatus.paid"]}`);
  const lodgingSteps = caseworker.locator("#timeline li[data-kind='support']").filter({ hasText: `${en["assistanceKind.lodging"]} €600.00` });
  await expect(lodgingSteps).toHaveCount(2);
  await expect(lodgingSteps.last()).toContainText(`— ${en["assistanceStatus.rejected"]}: The shelter in Warsaw has a room for her`);

  // The person, scripts off, sees the paid ticket in plain words, and not the rejected lodging.
  const person = await pageWithoutScripts(browser);
  await acceptInvitation(person, PERSON_EMAIL, PERSON_PASSWORD);
  const mine = person.locator("#support + ul li");
  await expect(mine.filter({ hasText: "€350.00" })).toHaveText(new RegExp(`^${en["assistanceKind.travel"]}: €350\\.00 — paid on \\w+ \\d{1,2}, \\d{4}$`));
  await expect(person.locator("main")).not.toContainText("€600.00");
});
