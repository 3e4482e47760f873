// Signing in through the real /login and /two-factor actions and the areas' loaders.
import { describe, expect, it } from "vitest";
import { getSessionState } from "~/auth/session.server";
import { databaseConnection } from "~/db/connection";
import { createDb, db, type Db } from "~/db/client.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { loader as staffLoader } from "~/routes/staff._index";
import { loader as meLoader } from "~/routes/me._index";
import { loader as adminLoader } from "~/routes/admin._index";
import { action as twoFactorAction, loader as twoFactorLoader } from "~/routes/two-factor";
import { currentCode, FIXTURE_PASSWORD, makeAccount, passwordStep, signedIn } from "../fixtures/accounts";
import { cookieOf, formPost, get, routeArgs, settle } from "../fixtures/requests";

const secondFactor = (code: string, cookie: string) => twoFactorAction(routeArgs(formPost("/two-factor", { code }, { Cookie: cookie })));

describe("signing in", () => {
  it("sends staff from the password to the second factor, and nowhere else until it passes", async () => {
    const account = await makeAccount("caseworker");
    const first = await passwordStep(account.email.toUpperCase());
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/two-factor");
    const pending = cookieOf(first);

    const blocked = await settle(() => staffLoader(routeArgs(get("/staff", pending))));
    expect(blocked.headers.get("Location")).toBe("/two-factor");

    const passed = await secondFactor(currentCode(), pending);
    expect(passed.status).toBe(302);
    expect(passed.headers.get("Location")).toBe("/staff");
    const verified = cookieOf(passed);
    // A new session id after the second factor; the half-signed-in one is gone.
    expect(verified).not.toBe(pending);
    expect((await settle(() => staffLoader(routeArgs(get("/staff", verified))))).status).toBe(200);
    expect((await settle(() => staffLoader(routeArgs(get("/staff", pending))))).headers.get("Location")).toMatch(/^\/login/);
  });

  it("fails for staff and partners without the TOTP code", async () => {
    for (const role of ["partner", "coordinator", "admin"] as const) {
      const account = await makeAccount(role);
      const pending = cookieOf(await passwordStep(account.email));
      const wrong = await secondFactor("000000", pending);
      expect(wrong.status, role).toBe(400);
      const empty = await secondFactor("", pending);
      expect(empty.status, role).toBe(400);
      expect(await db().session.count({ where: { userId: account.id, twoFactorVerified: true } })).toBe(0);
    }
  });

  it("accepts a TOTP code once", async () => {
    const account = await makeAccount("caseworker");
    const code = currentCode();
    expect((await secondFactor(code, cookieOf(await passwordStep(account.email)))).status).toBe(302);
    expect((await secondFactor(code, cookieOf(await passwordStep(account.email)))).status).toBe(400);
  });

  it("lets a recovery code sign in once", async () => {
    const account = await makeAccount("partner", { totp: false });
    // Enrolment: the page shows a QR code and a secret; the first code confirms it and
    // returns the recovery codes, once.
    const pending = cookieOf(await passwordStep(account.email));
    const page = await (await settle(() => twoFactorLoader(routeArgs(get("/two-factor", pending))))).json();
    expect(page.page.mode).toBe("enrol");
    expect(page.page.qrSvg).toMatch(/^<svg/);
    const { totpCode, timeStep } = await import("~/auth/totp.server");
    const enrolled = await secondFactor(totpCode(page.page.secret, timeStep()), pending);
    const recoveryCodes: string[] = (await enrolled.json()).recoveryCodes ?? [];
    expect(recoveryCodes).toHaveLength(10);
    const [firstCode = ""] = recoveryCodes;
    expect(await db().recoveryCode.count({ where: { accountId: account.id } })).toBe(10);
    expect(JSON.stringify(await db().recoveryCode.findMany())).not.toContain(firstCode);

    const withCode = await secondFactor(firstCode, cookieOf(await passwordStep(account.email)));
    expect(withCode.status).toBe(302);
    const again = await secondFactor(firstCode, cookieOf(await passwordStep(account.email)));
    expect(again.status).toBe(400);
    const actions = (await db().auditEvent.findMany({ where: { actorId: account.id } })).map((e) => e.action);
    expect(actions).toContain("auth.totp_enrolled");
    expect(actions).toContain("auth.recovery_code_used");
  });

  it("signs a client in without a second factor when none is enrolled", async () => {
    const client = await makeAccount("client");
    const response = await passwordStep(client.email);
    expect(response.headers.get("Location")).toBe("/me");
    expect((await settle(() => meLoader(routeArgs(get("/me", cookieOf(response)))))).status).toBe(200);
  });

  it("offers clients a second factor on their account page; once on, sign-in asks for it", async () => {
    const { action: accountAction, loader: accountLoader } = await import("~/routes/account");
    const { totpCode, timeStep } = await import("~/auth/totp.server");
    const client = await makeAccount("client");
    const cookie = cookieOf(await passwordStep(client.email));
    const offered = await (await settle(() => accountLoader(routeArgs(get("/account", cookie))))).json();
    expect(offered.twoFactor).toEqual({ enabled: false, enrolment: null });
    await accountAction(routeArgs(formPost("/account", { intent: "enrol-start" }, { Cookie: cookie })));
    const { twoFactor } = await (await settle(() => accountLoader(routeArgs(get("/account", cookie))))).json();
    expect(twoFactor.enrolment.qrSvg).toMatch(/^<svg/);
    const wrong = await accountAction(routeArgs(formPost("/account", { intent: "enrol-confirm", code: "000000" }, { Cookie: cookie })));
    expect(wrong.status).toBe(400);
    const confirmed = await (await accountAction(routeArgs(formPost("/account", { intent: "enrol-confirm", code: totpCode(twoFactor.enrolment.secret, timeStep()) }, { Cookie: cookie })))).json();
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect((await passwordStep(client.email)).headers.get("Location")).toBe("/two-factor");
  });

  it("keeps no usable session id in the database, and its cookie expires with the session", async () => {
    const account = await makeAccount("caseworker");
    const cookie = await signedIn(account);
    const sessionId = decodeURIComponent(cookie.split("=")[1]!);
    const rows = await db().session.findMany({ where: { userId: account.id }, select: { id: true } });
    expect(rows).toHaveLength(1);
    expect(rows.map((row) => row.id)).not.toContain(sessionId);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    // Staff sessions end after 12 hours whatever the activity: so does the cookie.
    const second = await passwordStep(account.email);
    expect(second.headers.get("Set-Cookie")).toMatch(/Max-Age=600;/); // ten minutes for the second factor
    const { action: twoFactor } = await import("~/routes/two-factor");
    const verified = await twoFactor(routeArgs(formPost("/two-factor", { code: currentCode(1) }, { Cookie: cookieOf(second) })));
    expect(verified.headers.get("Set-Cookie")).toMatch(/Max-Age=43200;/);
  });

  it("answers a wrong password and an unknown email with the same words and status", async () => {
    const account = await makeAccount("coordinator");
    const wrong = await passwordStep(account.email, "not the password at all");
    const unknown = await passwordStep("nobody@test.local", "not the password at all");
    expect([wrong.status, unknown.status]).toEqual([400, 400]);
    expect((await wrong.json()).errors).toEqual((await unknown.json()).errors);
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
  });

  it("delays an account after repeated wrong passwords, answering as for an unknown account", async () => {
    const account = await makeAccount("caseworker");
    for (let i = 0; i < 5; i++) expect((await passwordStep(account.email, `wrong password ${i}`)).status).toBe(400);
    await passwordStep(account.email, "wrong password again");
    // Now even the right password is refused, with the words of an unknown account.
    const locked = await passwordStep(account.email, FIXTURE_PASSWORD);
    const unknown = await passwordStep("nobody@test.local", FIXTURE_PASSWORD);
    expect(locked.status).toBe(400);
    expect(await locked.json()).toEqual({ ...(await unknown.json()), email: account.email });
    expect(locked.headers.get("Set-Cookie")).toBeNull();
    const bucket = await db().throttleBucket.findFirst({ where: { key: { startsWith: "sign-in:account:" } } });
    expect(bucket?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(bucket?.key).not.toContain(account.email);
  });

  it("shows field messages for bad input instead of failing", async () => {
    const response = await loginAction(routeArgs(formPost("/login", { email: "not-an-email", password: "" })));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: { email: "login.emailInvalid", password: "login.passwordRequired" } });
  });

  it("does not follow a redirectTo to another site", async () => {
    const client = await makeAccount("client");
    const response = await loginAction(routeArgs(formPost("/login", { email: client.email, password: FIXTURE_PASSWORD, redirectTo: "//evil.example/x" })));
    expect(response.headers.get("Location")).toBe("/me");
  });
});

describe("sessions", () => {
  it("refuses a session past its absolute lifetime, and one idle too long", async () => {
    const account = await makeAccount("caseworker");
    const cookie = await signedIn(account);
    await db().session.updateMany({ where: { userId: account.id }, data: { absoluteExpiresAt: new Date(Date.now() - 1000) } });
    expect((await settle(() => staffLoader(routeArgs(get("/staff", cookie))))).headers.get("Location")).toMatch(/^\/login/);
    expect(await db().session.count({ where: { userId: account.id } })).toBe(0);

    const idle = await signedIn({ ...account, email: account.email });
    await db().session.updateMany({ where: { userId: account.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await settle(() => staffLoader(routeArgs(get("/staff", idle))))).headers.get("Location")).toMatch(/^\/login/);
  });

  it("gives staff 30 minutes idle and 12 hours in all; clients longer, but an end", async () => {
    const staff = await makeAccount("coordinator");
    await signedIn(staff);
    const client = await makeAccount("client");
    await signedIn(client);
    const [staffSession, clientSession] = await Promise.all([
      db().session.findFirstOrThrow({ where: { userId: staff.id } }),
      db().session.findFirstOrThrow({ where: { userId: client.id } }),
    ]);
    const minutes = (date: Date) => Math.round((date.getTime() - Date.now()) / 60_000);
    expect(minutes(staffSession.expiresAt)).toBe(30);
    expect(minutes(staffSession.absoluteExpiresAt)).toBe(12 * 60);
    expect(minutes(clientSession.expiresAt)).toBe(7 * 24 * 60);
    expect(minutes(clientSession.absoluteExpiresAt)).toBe(30 * 24 * 60);
  });

  it("ends the session on the server at sign-out, and writes it to the audit log", async () => {
    const account = await makeAccount("caseworker");
    const cookie = await signedIn(account);
    const out = await logoutAction(routeArgs(formPost("/logout", {}, { Cookie: cookie })));
    expect(out.headers.get("Clear-Site-Data")).toContain('"cookies"');
    const after = await settle(() => staffLoader(routeArgs(get("/staff", cookie))));
    expect(after.headers.get("Location")).toBe("/login?redirectTo=%2Fstaff");
    const actions = (await db().auditEvent.findMany({ where: { actorId: account.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["auth.sign_in", "auth.sign_out"]);
  });

  it("answers 404 when a signed-in role enters another role's area", async () => {
    const cookie = await signedIn(await makeAccount("caseworker"));
    expect((await settle(() => adminLoader(routeArgs(get("/admin", cookie))))).status).toBe(404);
  });
});

describe("the session of a page", () => {
  it("is read once for the loaders that ask at the same moment, and afresh after", async () => {
    const cookie = await signedIn(await makeAccount("caseworker"));
    const statements: string[] = [];
    await db().$disconnect();
    (globalThis as { aftercareDb?: Db }).aftercareDb = createDb(databaseConnection(), { onQuery: ({ sql }) => statements.push(sql) });
    const page = () => getSessionState(get("/staff", cookie));
    const states = await Promise.all([page(), page(), page()]);
    expect(states.map((state) => state.kind)).toEqual(["verified", "verified", "verified"]);
    const sessionReads = () => statements.filter((sql) => sql.includes('FROM "Session"')).length;
    expect(sessionReads()).toBe(1);
    await page();
    expect(sessionReads()).toBe(2);
  });
});
