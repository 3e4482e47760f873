// Signing in through the real /login action and the shells' loaders, on a real database.
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { loader as staffLoader } from "~/routes/staff._index";
import { loader as adminLoader } from "~/routes/admin._index";
import { FIXTURE_PASSWORD, makeAccount } from "../fixtures/accounts";
import { cookieOf, formPost, TEST_ORIGIN } from "../fixtures/requests";

const args = (request: Request) => ({ request, params: {}, context: { cspNonce: "test" } });

async function signIn(email: string, password: string) {
  return loginAction(args(formPost("/login", { email, password })));
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown response");
}

describe("sign-in", () => {
  it("signs a caseworker in, to the staff area, with a new session each time", async () => {
    const account = await makeAccount("caseworker");
    const first = await signIn(account.email.toUpperCase(), FIXTURE_PASSWORD);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/staff");
    const second = await signIn(account.email, FIXTURE_PASSWORD);
    expect(cookieOf(first)).not.toBe(cookieOf(second));
    expect(await db().session.count({ where: { userId: account.id } })).toBe(2);

    const page = await staffLoader(args(new Request(`${TEST_ORIGIN}/staff`, { headers: { Cookie: cookieOf(first) } })));
    expect(page.status).toBe(200);
  });

  it("answers a wrong password and an unknown email with the same words and status", async () => {
    const account = await makeAccount("coordinator");
    const wrong = await signIn(account.email, "not the password at all");
    const unknown = await signIn("nobody@test.local", "not the password at all");
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(await wrong.json()).toEqual({ errors: { form: "login.failed" }, email: account.email });
    expect(await unknown.json()).toEqual({ errors: { form: "login.failed" }, email: "nobody@test.local" });
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
  });

  it("shows field messages for bad input instead of failing", async () => {
    const response = await signIn("not-an-email", "");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: { email: "login.emailInvalid", password: "login.passwordRequired" } });
  });

  it("does not follow a redirectTo to another site", async () => {
    const account = await makeAccount("admin");
    const response = await loginAction(
      args(formPost("/login", { email: account.email, password: FIXTURE_PASSWORD, redirectTo: "//evil.example/x" })),
    );
    expect(response.headers.get("Location")).toBe("/admin");
  });

  it("writes sign-in, failed sign-in and sign-out into the audit log, as ids only", async () => {
    const account = await makeAccount("caseworker");
    await signIn(account.email, "wrong password here");
    const ok = await signIn(account.email, FIXTURE_PASSWORD);
    await logoutAction(args(formPost("/logout", {}, { Cookie: cookieOf(ok) })));
    const events = await db().auditEvent.findMany({ where: { actorId: account.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["auth.sign_in_failed", "auth.sign_in", "auth.sign_out"]);
    // The chain: each row names the hash of the one before.
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expect(JSON.stringify(events)).not.toContain(account.email);
  });

  it("ends the session on the server at sign-out", async () => {
    const account = await makeAccount("caseworker");
    const cookie = cookieOf(await signIn(account.email, FIXTURE_PASSWORD));
    const out = await logoutAction(args(formPost("/logout", {}, { Cookie: cookie })));
    expect(out.headers.get("Clear-Site-Data")).toContain('"cookies"');
    const after = await thrown(staffLoader(args(new Request(`${TEST_ORIGIN}/staff`, { headers: { Cookie: cookie } }))));
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toBe("/login?redirectTo=%2Fstaff");
  });

  it("refuses a session past its absolute lifetime", async () => {
    const account = await makeAccount("caseworker");
    const cookie = cookieOf(await signIn(account.email, FIXTURE_PASSWORD));
    await db().session.updateMany({ where: { userId: account.id }, data: { absoluteExpiresAt: new Date(Date.now() - 1000) } });
    const response = await thrown(staffLoader(args(new Request(`${TEST_ORIGIN}/staff`, { headers: { Cookie: cookie } }))));
    expect(response.status).toBe(302);
    expect(await db().session.count({ where: { userId: account.id } })).toBe(0);
  });

  it("answers 404 when a signed-in role enters another role's area", async () => {
    const caseworker = await makeAccount("caseworker");
    const cookie = cookieOf(await signIn(caseworker.email, FIXTURE_PASSWORD));
    const response = await thrown(adminLoader(args(new Request(`${TEST_ORIGIN}/admin`, { headers: { Cookie: cookie } }))));
    expect(response.status).toBe(404);
  });
});
