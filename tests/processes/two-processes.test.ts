// Two app processes on one PostgreSQL database (issue 20), as an organisation runs them behind a
// proxy: 25 signed-in writers on each for 30 s (TWO_PROCESSES_SECONDS), both processes running
// the reminder job every second and sending the outbox. Nothing answers 5xx, every acknowledged
// write is in the database, each overdue referral's partner is reminded once, and each email
// leaves once. Runs with the PostgreSQL tests (npm run test:postgres), on the production build.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { seedDemo } from "../../prisma/seed";
import { signIn, tally, writers } from "../fixtures/app-processes";
import { startFakeResend } from "../fixtures/fake-resend";
import { TEST_APP_SECRET, TEST_DOCUMENT_KEY } from "../setup/test-database";

const SECONDS = Number(process.env.TWO_PROCESSES_SECONDS ?? 30);
const DAY = 24 * 60 * 60 * 1000;
const children: ChildProcess[] = [];
/** What the processes wrote to stderr: the reason of a 5xx, shown when the test fails. */
const serverLog: string[] = [];

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => new Promise((done) => (child.exitCode !== null ? done(null) : (child.once("exit", done), child.kill("SIGTERM"))))));
});

async function startApp(port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn("node", ["build/server.js"], { env: { ...env, PORT: String(port), APP_ORIGIN: `http://localhost:${port}` }, stdio: ["ignore", "ignore", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    serverLog.push(chunk.toString());
  });
  // Not a speed check: a start that fails says why, one that hangs meets the test's timeout.
  while (!(await fetch(`http://localhost:${port}/healthz`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null) throw new Error(`the app on port ${port} did not start: ${stderr}`);
    await sleep(100);
  }
  return child;
}

describe("two app processes on one PostgreSQL database", () => {
  it("answer 25 writers each without a server error or a lost write, and remind each partner once", { timeout: (SECONDS + 240) * 1000 }, async () => {
    expect(process.env.DATABASE_PROVIDER, "runs on PostgreSQL: npm run test:postgres").toBe("postgresql");
    expect(existsSync("build/server.js"), "needs the production build: npm run build").toBe(true);
    await seedDemo(db(), { log: () => {} });
    // Every sent referral overdue and not yet reminded; nothing waiting to be sent.
    await db().referral.updateMany({ where: { status: "sent" }, data: { sentAt: new Date(Date.now() - 30 * DAY), remindedAt: null, flaggedAt: null } });
    await db().outboxEmail.deleteMany();
    await db().noticeLink.deleteMany();
    const due = await db().referral.findMany({ where: { status: "sent" }, select: { id: true, organizationId: true } });
    const partners = await db().account.groupBy({ by: ["organizationId"], where: { role: "partner", status: "active" }, _count: true });
    const partnersOf = new Map(partners.map((row) => [row.organizationId, row._count]));
    const cases = (await db().case.findMany({ select: { id: true } })).map((row) => row.id);
    expect(due.length).toBeGreaterThan(0);

    const resend = await startFakeResend();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_AT_REST: "encrypted-volume",
      APP_SECRET: TEST_APP_SECRET,
      DOCUMENT_MASTER_KEY: TEST_DOCUMENT_KEY,
      ALLOW_DEMO_DATA: "1",
      PERSON_VIEWS_PER_HOUR: "1000000",
      RESEND_API_KEY: "re_two_processes_fake",
      RESEND_BASE_URL: resend.baseUrl,
      OUTBOX_INTERVAL_MS: "500",
      REMINDER_INTERVAL_MS: "1000",
    };
    const ports = [3461, 3462];
    await Promise.all(ports.map((port) => startApp(port, env)));
    // Signed in on one process, writing through both: the session is in the database they share.
    const cookie = await signIn(ports[0]!, "coordinator@demo.local");
    const result = tally();
    const deadline = Date.now() + SECONDS * 1000;
    await Promise.all(ports.map((port) => writers([port], cookie, cases, 25, `p${port}`, result, () => Date.now() > deadline)));

    expect({ status5xx: result.status5xx, other: result.other, failed: result.failed, firstFailure: result.firstFailure }, serverLog.join("").slice(0, 2000)).toEqual({ status5xx: 0, other: 0, failed: 0, firstFailure: "" });
    expect(result.acked.length).toBeGreaterThan(50);
    const [notes, activities] = await Promise.all([
      db().note.findMany({ where: { body: { startsWith: "rel-" } }, select: { body: true } }),
      db().activity.findMany({ where: { note: { startsWith: "rel-" } }, select: { note: true } }),
    ]);
    const stored = new Set([...notes.map((row) => row.body), ...activities.map((row) => row.note)]);
    expect(result.acked.filter((marker) => !stored.has(marker))).toEqual([]);
    expect(stored.size).toBe(result.acked.length);

    // Each overdue referral: one notice to each of its partner's active accounts, whichever process
    // found it (the job may still be at its last ones, behind the writers' turns: it is waited for).
    while ((await db().referral.count({ where: { id: { in: due.map((referral) => referral.id) }, remindedAt: null } })) > 0) await sleep(250);
    const links = await db().noticeLink.groupBy({ by: ["destination"], where: { destination: { startsWith: "/partner/referrals/" } }, _count: true });
    const linksTo = new Map(links.map((row) => [row.destination, row._count]));
    expect(due.map((referral) => linksTo.get(`/partner/referrals/${referral.id}`) ?? 0)).toEqual(due.map((referral) => partnersOf.get(referral.organizationId) ?? 0));
    // And each email once: the outbox drains, and the provider saw each message one time.
    while ((await db().outboxEmail.count({ where: { status: "pending" } })) > 0) await sleep(250);
    const sent = await db().outboxEmail.count({ where: { status: "sent" } });
    expect(sent).toBeGreaterThanOrEqual(due.length);
    expect(resend.received.length).toBe(sent);
    expect(new Set(resend.received.map((email) => email.idempotencyKey)).size).toBe(sent);
    await resend.close();
  });
});
