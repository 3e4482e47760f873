// Invitations, password resets and the admin's actions, through the real routes and outbox.
import { describe, expect, it } from "vitest";
import { totpCode, timeStep } from "~/auth/totp.server";
import { db } from "~/db/client.server";
import { sendDueEmails } from "~/email/outbox.server";
import type { OutgoingEmail } from "~/email/transport.server";
import { action as adminAccountsAction } from "~/routes/admin.accounts";
import { action as resetRequestAction } from "~/routes/reset-password._index";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { loader as twoFactorLoader } from "~/routes/two-factor";
import { action as welcomeAction, loader as welcomeLoader } from "~/routes/welcome.$token";
import { loader as staffLoader } from "~/routes/staff._index";
import { FIXTURE_PASSWORD, makeAccount, passwordStep, signedIn } from "../fixtures/accounts";
import { cookieOf, formPost, get, routeArgs, settle } from "../fixtures/requests";
import { workAfterResponses } from "~/jobs/after-response.server";

/** Sends the outbox into a list, as the fake transport of these tests. */
async function sentEmails(): Promise<OutgoingEmail[]> {
  const sent: OutgoingEmail[] = [];
  await sendDueEmails({ transport: async (email) => (sent.push(email), { ok: true, providerId: "test" }) });
  return sent;
}

const linkToken = (email: OutgoingEmail) => /\/(?:welcome|reset-password)\/([A-Za-z0-9_-]+)/.exec(email.text)?.[1] ?? "";
const NEW_PASSWORD = "three words and more";

describe("an invitation", () => {
  it("lets an invited caseworker set a password and enrol a second factor, once", async () => {
    const admin = await makeAccount("admin");
    await db().organization.create({ data: { kind: "host", name: "Host" } });
    const cookie = await signedIn(admin);
    const invited = await adminAccountsAction(
      routeArgs(formPost("/admin/accounts", { intent: "invite", email: "New.Person@Example.org", displayName: "New", role: "caseworker", locale: "ru" }, { Cookie: cookie })),
    );
    await workAfterResponses(); // the invitation is written after the answer
    expect(invited.status).toBe(200);
    const [email] = await sentEmails();
    expect(email?.to).toBe("new.person@example.org");
    expect(email?.text).toContain("http://localhost:3000/welcome/");
    const token = linkToken(email!);

    // Opening the link (a mail scanner does too) only shows the form.
    expect((await (await settle(() => welcomeLoader(routeArgs(get(`/welcome/${token}`), { token })))).json()).valid).toBe(true);
    expect((await (await settle(() => welcomeLoader(routeArgs(get(`/welcome/${token}`), { token })))).json()).valid).toBe(true);

    const short = await welcomeAction(routeArgs(formPost(`/welcome/${token}`, { password: "too short", repeat: "too short" }), { token }));
    expect((await short.json()).errors).toEqual({ password: "password.tooShortStaff" });
    const done = await welcomeAction(routeArgs(formPost(`/welcome/${token}`, { password: NEW_PASSWORD, repeat: NEW_PASSWORD }), { token }));
    expect(done.headers.get("Location")).toBe("/two-factor");
    const page = await (await settle(() => twoFactorLoader(routeArgs(get("/two-factor", cookieOf(done)))))).json();
    expect(page.page.mode).toBe("enrol");
    expect(totpCode(page.page.secret, timeStep())).toMatch(/^\d{6}$/);

    const again = await welcomeAction(routeArgs(formPost(`/welcome/${token}`, { password: NEW_PASSWORD, repeat: NEW_PASSWORD }), { token }));
    expect((await again.json()).errors).toEqual({ form: "token.invalid" });
    const account = await db().account.findUniqueOrThrow({ where: { email: "new.person@example.org" } });
    expect(account.status).toBe("active");
    const tokens = await db().authToken.findMany();
    expect(JSON.stringify(tokens)).not.toContain(token);
  });

  it("answers alike for an email that already has an account, and sends nothing", async () => {
    const admin = await makeAccount("admin");
    const existing = await makeAccount("caseworker");
    const cookie = await signedIn(admin);
    const response = await adminAccountsAction(
      routeArgs(formPost("/admin/accounts", { intent: "invite", email: existing.email, displayName: "X", role: "caseworker", locale: "en" }, { Cookie: cookie })),
    );
    expect(await response.json()).toEqual({ errors: {}, done: "invited" });
    expect(await sentEmails()).toEqual([]);
  });
});

describe("a password reset", () => {
  it("answers the same for known and unknown emails, and sends only to a known one", async () => {
    const account = await makeAccount("partner");
    const known = await resetRequestAction(routeArgs(formPost("/reset-password", { email: account.email })));
    const unknown = await resetRequestAction(routeArgs(formPost("/reset-password", { email: "nobody@test.local" })));
    await workAfterResponses(); // the link is made after the answer
    expect(known.status).toBe(unknown.status);
    expect(await known.json()).toEqual(await unknown.json());
    const sent = await sentEmails();
    expect(sent.map((e) => e.to)).toEqual([account.email]);
  });

  it("sets a new password once, ends every session, and keeps the second factor", async () => {
    const account = await makeAccount("coordinator");
    const oldSession = await signedIn(account);
    await resetRequestAction(routeArgs(formPost("/reset-password", { email: account.email })));
    await workAfterResponses();
    const token = linkToken((await sentEmails())[0]!);
    expect((await (await settle(() => resetLoader(routeArgs(get(`/reset-password/${token}`), { token })))).json()).valid).toBe(true);

    const done = await resetAction(routeArgs(formPost(`/reset-password/${token}`, { password: NEW_PASSWORD, repeat: NEW_PASSWORD }), { token }));
    expect(done.headers.get("Location")).toBe("/login?reset=1");
    expect((await settle(() => staffLoader(routeArgs(get("/staff", oldSession))))).headers.get("Location")).toMatch(/^\/login/);
    const reused = await resetAction(routeArgs(formPost(`/reset-password/${token}`, { password: NEW_PASSWORD, repeat: NEW_PASSWORD }), { token }));
    expect((await reused.json()).errors).toEqual({ form: "token.invalid" });

    expect((await passwordStep(account.email, FIXTURE_PASSWORD)).status).toBe(400);
    const next = await passwordStep(account.email, NEW_PASSWORD);
    expect(next.headers.get("Location")).toBe("/two-factor");
    expect((await db().account.findUniqueOrThrow({ where: { id: account.id } })).totpSecret).not.toBeNull();
  });
});

describe("the administrator", () => {
  it("revokes every session of an account at once, audited", async () => {
    const admin = await makeAccount("admin");
    const target = await makeAccount("caseworker");
    const targetCookie = await signedIn(target);
    const cookie = await signedIn(admin);
    await adminAccountsAction(routeArgs(formPost("/admin/accounts", { intent: "revoke-sessions", accountId: target.id }, { Cookie: cookie })));
    expect((await settle(() => staffLoader(routeArgs(get("/staff", targetCookie))))).headers.get("Location")).toMatch(/^\/login/);
    expect(await db().auditEvent.count({ where: { action: "auth.sessions_revoked", entityId: target.id, actorId: admin.id } })).toBe(1);
  });

  it("disables an account: its sessions end and it cannot sign in, until it is enabled again; never its own", async () => {
    const admin = await makeAccount("admin");
    const target = await makeAccount("caseworker");
    const targetCookie = await signedIn(target);
    const cookie = await signedIn(admin);
    const act = (intent: string, accountId: string) => adminAccountsAction(routeArgs(formPost("/admin/accounts", { intent, accountId }, { Cookie: cookie })));
    expect(await (await act("disable", target.id)).json()).toEqual({ errors: {}, done: "disabled" });
    expect((await settle(() => staffLoader(routeArgs(get("/staff", targetCookie))))).headers.get("Location")).toMatch(/^\/login/);
    expect((await passwordStep(target.email)).status).toBe(400); // answered as for an unknown address
    expect(await (await act("enable", target.id)).json()).toEqual({ errors: {}, done: "enabled" });
    expect((await passwordStep(target.email)).headers.get("Location")).toBe("/two-factor");
    const self = await act("disable", admin.id);
    expect([self.status, (await self.json()).errors]).toEqual([400, { form: "admin.accounts.notYourself" }]);
    expect((await db().account.findUniqueOrThrow({ where: { id: admin.id } })).status).toBe("active");
    expect(await db().auditEvent.findMany({ where: { entityId: target.id, action: { startsWith: "account." } }, select: { action: true }, orderBy: { id: "asc" } })).toEqual([
      { action: "account.disabled" },
      { action: "account.enabled" },
    ]);
  });

  it("changes a staff account's role: its sessions end, the change is audited, a stale or own change is refused", async () => {
    const admin = await makeAccount("admin");
    const target = await makeAccount("caseworker");
    const partner = await makeAccount("partner");
    const targetCookie = await signedIn(target);
    const cookie = await signedIn(admin);
    const change = (fields: Record<string, string>) => adminAccountsAction(routeArgs(formPost("/admin/accounts", { intent: "change-role", ...fields }, { Cookie: cookie })));
    expect(await (await change({ accountId: target.id, fromRole: "caseworker", role: "coordinator" })).json()).toEqual({ errors: {}, done: "roleChanged" });
    expect((await db().account.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("coordinator");
    expect((await settle(() => staffLoader(routeArgs(get("/staff", targetCookie))))).headers.get("Location")).toMatch(/^\/login/);
    // The page showed an older role: nothing is overwritten.
    expect((await change({ accountId: target.id, fromRole: "caseworker", role: "admin" })).status).toBe(409);
    expect((await change({ accountId: admin.id, fromRole: "admin", role: "caseworker" })).status).toBe(400);
    // A partner's account is not moved into the staff, nor anyone into a partner or a person.
    expect((await change({ accountId: partner.id, fromRole: "caseworker", role: "coordinator" })).status).toBe(409);
    expect((await change({ accountId: target.id, fromRole: "coordinator", role: "partner" })).status).toBe(400);
    expect((await db().account.findUniqueOrThrow({ where: { id: partner.id } })).role).toBe("partner");
    expect(await db().auditEvent.count({ where: { action: "account.role_changed", entityId: target.id } })).toBe(1);
  });

  it("resets a second factor: the account enrols anew at its next sign-in, audited", async () => {
    const admin = await makeAccount("admin");
    const target = await makeAccount("partner");
    const cookie = await signedIn(admin);
    await adminAccountsAction(routeArgs(formPost("/admin/accounts", { intent: "reset-second-factor", accountId: target.id }, { Cookie: cookie })));
    const pending = cookieOf(await passwordStep(target.email));
    expect((await (await settle(() => twoFactorLoader(routeArgs(get("/two-factor", pending))))).json()).page.mode).toBe("enrol");
    expect(await db().auditEvent.count({ where: { action: "auth.totp_reset", entityId: target.id } })).toBe(1);
  });
});

describe("a client's activation", () => {
  it("lets the person set a password at the emailed link and land in their space, without a second factor", async () => {
    const { inviteClient } = await import("~/accounts/accounts.server");
    const { getViewer } = await import("~/auth/session.server");
    const caseworker = await makeAccount("caseworker");
    const person = await db().person.create({ data: { caseCode: "AC-ACTI-VATE", preferredName: "Ганна" } });
    await db().case.create({ data: { personId: person.id, assignments: { create: { accountId: caseworker.id } } } });
    const staffCookie = await signedIn(caseworker);
    const staff = (await getViewer(get("/staff", staffCookie)))!;
    await inviteClient(staff, person.id, "hanna@example.org", "be");
    await workAfterResponses();

    const [email] = await sentEmails();
    expect(email?.subject).toBe("Ваш уліковы запіс");
    expect(email?.text).not.toContain("Ганна");
    const token = linkToken(email!);
    const done = await welcomeAction(routeArgs(formPost(`/welcome/${token}`, { password: "twelve chars", repeat: "twelve chars" }), { token }));
    expect(done.headers.get("Location")).toBe("/me");
    const me = await getViewer(get("/me", cookieOf(done)));
    expect(me?.personId).toBe(person.id);
  });

  it("does not let a caseworker invite a person outside their cases", async () => {
    const { inviteClient } = await import("~/accounts/accounts.server");
    const { getViewer } = await import("~/auth/session.server");
    const caseworker = await makeAccount("caseworker");
    const person = await db().person.create({ data: { caseCode: "AC-NOTM-INE0", preferredName: "X" } });
    const staff = (await getViewer(get("/staff", await signedIn(caseworker))))!;
    const refused = await settle(() => inviteClient(staff, person.id, "x@example.org", "en").then(() => new Response()));
    expect(refused.status).toBe(404);
    expect(await sentEmails()).toEqual([]);
  });
});

describe("inviting a partner's account", () => {
  it("asks for the partner organisation at its field and keeps what was typed; with it, invites", async () => {
    const admin = await makeAccount("admin");
    await db().organization.create({ data: { kind: "host", name: "Host" } });
    const partner = await db().organization.create({ data: { kind: "partner", name: "Clinic" } });
    const cookie = await signedIn(admin);
    const invite = (organizationId: string) =>
      adminAccountsAction(
        routeArgs(formPost("/admin/accounts", { intent: "invite", email: "p@example.org", displayName: "Partner person", role: "partner", organizationId, locale: "be" }, { Cookie: cookie })),
      );
    for (const organizationId of ["", "no-such-organisation"]) {
      const refused = await settle(() => invite(organizationId));
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({
        errors: { organizationId: "admin.accounts.organizationRequired" },
        values: { email: "p@example.org", displayName: "Partner person", role: "partner", organizationId, locale: "be" },
      });
    }
    await workAfterResponses();
    expect(await db().account.count({ where: { email: "p@example.org" } })).toBe(0);
    expect((await invite(partner.id)).status).toBe(200);
    await workAfterResponses();
    expect(await db().account.findUniqueOrThrow({ where: { email: "p@example.org" }, select: { organizationId: true, role: true } })).toEqual({ organizationId: partner.id, role: "partner" });
  });
});
