// The outbox with the real Resend SDK against a local fake of Resend's API: nothing is lost
// while the provider is down, and a message is sent once.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "~/db/client.server";
import { queueEmail, sendDueEmails, startOutboxWorker, undeliveredEmails } from "~/email/outbox.server";
import { transportFromEnv } from "~/email/transport.server";
import { startFakeResend } from "../fixtures/fake-resend";

let fake: Awaited<ReturnType<typeof startFakeResend>>;
beforeEach(async () => {
  fake = await startFakeResend();
});
afterEach(async () => {
  await fake.close();
});

const transport = () => transportFromEnv({ ...process.env, RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: fake.baseUrl, EMAIL_FROM: "no-reply@example.org" });
const MINUTE = 60_000;

describe("the outbox", () => {
  it("shows the administrator the failed emails first, then those waiting, each oldest first, on either database", async () => {
    const at = (day: number) => new Date(Date.UTC(2026, 10, day));
    const row = (to: string, status: "pending" | "failed", day: number) => db().outboxEmail.create({ data: { to, template: "update", locale: "en", status, createdAt: at(day) } });
    await row("waiting-old@example.org", "pending", 1);
    await row("failed-new@example.org", "failed", 4);
    await row("waiting-new@example.org", "pending", 3);
    await row("failed-old@example.org", "failed", 2);
    await db().outboxEmail.create({ data: { to: "sent@example.org", template: "update", locale: "en", status: "sent" } });
    expect((await undeliveredEmails()).map((email) => [email.status, email.createdAt.toISOString().slice(0, 10)])).toEqual([
      ["failed", "2026-11-02"],
      ["failed", "2026-11-04"],
      ["pending", "2026-11-01"],
      ["pending", "2026-11-03"],
    ]);
    expect((await undeliveredEmails(3)).map((email) => email.status)).toEqual(["failed", "failed", "pending"]);
  });

  it("keeps a message while Resend answers 500, retries later, and sends it once when Resend answers 200", async () => {
    await db().$transaction((tx) => queueEmail(tx, { to: "caseworker@example.org", template: "update", locale: "be", path: "/staff/cases/abc" }));
    const start = new Date();

    fake.failWith(500);
    expect(await sendDueEmails({ transport: transport(), now: start })).toBe(0);
    let message = await db().outboxEmail.findFirstOrThrow();
    expect([message.status, message.attempts]).toEqual(["pending", 1]);
    expect(message.lastError).toBeTruthy();
    expect(message.nextAttemptAt.getTime()).toBeGreaterThan(start.getTime());

    // Not due yet: nothing is tried.
    expect(await sendDueEmails({ transport: transport(), now: new Date(start.getTime() + 10_000) })).toBe(0);
    expect(fake.received).toHaveLength(1);

    fake.failWith(0);
    expect(await sendDueEmails({ transport: transport(), now: new Date(start.getTime() + 2 * MINUTE) })).toBe(1);
    expect(await sendDueEmails({ transport: transport(), now: new Date(start.getTime() + 60 * MINUTE) })).toBe(0);
    message = await db().outboxEmail.findFirstOrThrow();
    expect([message.status, message.attempts, message.providerId]).toEqual(["sent", 2, "fake-2"]);

    const delivered = fake.received.filter((r) => r.answered === 200);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.to).toEqual(["caseworker@example.org"]);
    expect(delivered[0]?.text).toContain("/staff/cases/abc");
    // The same idempotency key on every try, so the provider itself would not send it twice.
    expect(new Set(fake.received.map((r) => r.idempotencyKey))).toEqual(new Set([`outbox-${message.id}`]));
  });

  it("sends nothing that names the person or the track", async () => {
    await db().$transaction(async (tx) => {
      for (const locale of ["be", "ru", "en"]) await queueEmail(tx, { to: `p-${locale}@example.org`, template: "update", locale, path: "/partner/referrals/xyz" });
    });
    await sendDueEmails({ transport: transport() });
    expect(fake.received).toHaveLength(3);
    for (const email of fake.received) {
      expect(`${email.subject}${email.text}${email.html}`).not.toMatch(/Ганна|Сарока|Медыц|Медиц|Medical|медыч|медиц|psycholog|псіхал|психол/i);
    }
  });

  it("marks a message failed after the last retry, for an administrator to see", async () => {
    await db().$transaction((tx) => queueEmail(tx, { to: "x@example.org", template: "update", locale: "en", path: "/" }));
    fake.failWith(500);
    let now = Date.now();
    for (let i = 0; i < 8; i++) {
      await sendDueEmails({ transport: transport(), now: new Date(now) });
      now += 13 * 60 * MINUTE;
    }
    const message = await db().outboxEmail.findFirstOrThrow();
    expect(message.status).toBe("failed");
    expect(message.attempts).toBe(7);
  });
});

describe("a provider that hangs", () => {
  it("holds up a message only for the send timeout; it is kept and tried again later, once", async () => {
    await db().$transaction((tx) => queueEmail(tx, { to: "a@example.org", template: "update", locale: "en", path: "/a" }));
    fake.hang(true);
    const start = new Date();
    expect(await sendDueEmails({ transport: transport(), now: start, sendTimeoutMs: 300 })).toBe(0);
    let message = await db().outboxEmail.findFirstOrThrow();
    expect([message.status, message.attempts, message.lastError]).toEqual(["pending", 1, "timeout"]);

    fake.hang(false);
    expect(await sendDueEmails({ transport: transport(), now: new Date(start.getTime() + 2 * MINUTE), sendTimeoutMs: 300 })).toBe(1);
    message = await db().outboxEmail.findFirstOrThrow();
    expect([message.status, message.attempts]).toEqual(["sent", 2]);
    expect(fake.received.filter((r) => r.answered === 200)).toHaveLength(1);
  });

  it("does not hold up mail queued after it recovers behind the sends still hanging", async () => {
    process.env.EMAIL_SEND_TIMEOUT_MS = "1000";
    fake.hang(true);
    await db().$transaction(async (tx) => {
      await queueEmail(tx, { to: "one@example.org", template: "update", locale: "en", path: "/1" });
      await queueEmail(tx, { to: "two@example.org", template: "update", locale: "en", path: "/2" });
    });
    const worker = startOutboxWorker({ intervalMs: 50, parallel: 4, transport: transport() });
    try {
      await vi.waitFor(() => expect(fake.received).toHaveLength(2), { timeout: 10_000 });
      fake.hang(false);
      await db().$transaction((tx) => queueEmail(tx, { to: "three@example.org", template: "update", locale: "en", path: "/3" }));
      await vi.waitFor(async () => expect((await db().outboxEmail.findFirstOrThrow({ where: { to: "three@example.org" } })).status).toBe("sent"), { timeout: 10_000 });
    } finally {
      await worker.stop();
      delete process.env.EMAIL_SEND_TIMEOUT_MS;
    }
    // The two that hung gave up after the timeout and wait for their retry; nothing went twice.
    const hung = await db().outboxEmail.findMany({ where: { to: { in: ["one@example.org", "two@example.org"] } } });
    expect(hung.map((m) => [m.status, m.attempts, m.lastError])).toEqual([
      ["pending", 1, "timeout"],
      ["pending", 1, "timeout"],
    ]);
    expect(fake.received.filter((r) => r.answered === 200).map((r) => r.to)).toEqual([["three@example.org"]]);
  });
});

describe("the administrator's list of undelivered emails", () => {
  it("shows failed emails with a masked address and sends one again, audited", async () => {
    const { action, loader } = await import("~/routes/admin.emails");
    const { makeAccount, signedIn } = await import("../fixtures/accounts");
    const { formPost, get, routeArgs, settle } = await import("../fixtures/requests");
    await db().outboxEmail.create({ data: { to: "someone@example.org", template: "update", locale: "en", status: "failed", attempts: 7 } });
    const admin = await makeAccount("admin");
    const cookie = await signedIn(admin);
    const listed = await (await settle(() => loader(routeArgs(get("/admin/emails", cookie))))).json();
    expect(listed.emails.map((e: { to: string; status: string }) => [e.to, e.status])).toEqual([["s***@example.org", "failed"]]);
    const id = listed.emails[0].id;
    expect((await action(routeArgs(formPost("/admin/emails", { id }, { Cookie: cookie })))).status).toBe(200);
    expect((await db().outboxEmail.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    expect(await db().auditEvent.count({ where: { action: "outbox.retry", entityId: id } })).toBe(1);
    await sendDueEmails({ transport: transport() });
    expect((await db().outboxEmail.findUniqueOrThrow({ where: { id } })).status).toBe("sent");
  });
});
