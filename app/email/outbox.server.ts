// The outbox: emails are written in the transaction of the work that causes them, and sent
// after it committed, with retries, so that a failed send loses nothing and rolls nothing back.
// Every send has a timeout and a few go out at once, so a provider that hangs delays only the
// messages in flight, each for at most the timeout.
import type { Db } from "~/db/client.server";
import { db } from "~/db/client.server";
import { isLocale, DEFAULT_LOCALE } from "~/i18n/catalogue";
import { recordAudit } from "~/audit/audit.server";
import { mayAdminister } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { serverConfig } from "~/config/env.server";
import { notFound } from "~/http/not-found";
import { every, type ScheduledJob } from "~/jobs/scheduler.server";
import { noticeLink } from "./notice-links.server";
import { renderEmail, type EmailTemplate } from "./templates";
import { transportFromEnv, type EmailTransport } from "./transport.server";

// Minutes to wait after each failed attempt; after the last, the message is marked failed and
// an administrator can retry it. The first wait is longer than any send may take, so a message
// in flight is never claimed a second time.
const RETRY_MINUTES = [1, 5, 15, 60, 180, 720];

export type SendOptions = { transport?: EmailTransport; now?: Date; sendTimeoutMs?: number };

/**
 * Tells an account that there is an update, by an email with a neutral link (/n/<token>) that
 * leads it, once signed in, to `destination`. Neither the email nor its link names the page.
 */
export async function queueNotice(tx: Pick<Db, "outboxEmail" | "noticeLink">, account: { id: string; email: string; locale: string }, destination: string): Promise<void> {
  await queueEmail(tx, { to: account.email, template: "update", locale: account.locale, path: await noticeLink(tx, account.id, destination) });
}

/** Queues one email. `path` is the link's path on APP_ORIGIN, opaque (a token); nothing else goes into it. */
export async function queueEmail(
  tx: Pick<Db, "outboxEmail">,
  email: { to: string; template: EmailTemplate; locale: string; path: string },
): Promise<void> {
  await tx.outboxEmail.create({
    data: { to: email.to, template: email.template, locale: email.locale, params: JSON.stringify({ path: email.path }) },
  });
}

type Claimed = { id: string; to: string; template: string; locale: string; params: string; attempt: number };

/** Claims up to `limit` due messages: only the process that moves `attempts` forward sends one. */
async function claimDue(limit: number, now: Date): Promise<Claimed[]> {
  if (limit <= 0) return [];
  const due = await db().outboxEmail.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true, to: true, template: true, locale: true, params: true, attempts: true },
  });
  const claimed: Claimed[] = [];
  for (const { attempts, ...message } of due) {
    const wait = RETRY_MINUTES[Math.min(attempts, RETRY_MINUTES.length - 1)]! * 60_000;
    const claim = await db().outboxEmail.updateMany({
      where: { id: message.id, status: "pending", attempts },
      data: { attempts: attempts + 1, nextAttemptAt: new Date(now.getTime() + wait) },
    });
    if (claim.count === 1) claimed.push({ ...message, attempt: attempts + 1 });
  }
  return claimed;
}

/** Sends one claimed message, giving up after `sendTimeoutMs`; true when the provider took it. */
async function deliver(message: Claimed, transport: EmailTransport, now: Date, sendTimeoutMs: number): Promise<boolean> {
  const { path } = JSON.parse(message.params) as { path: string };
  const locale = isLocale(message.locale) ? message.locale : DEFAULT_LOCALE;
  const rendered = renderEmail(message.template as EmailTemplate, locale, serverConfig().appOrigin + path);
  const signal = AbortSignal.timeout(sendTimeoutMs);
  const timedOut = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(new Error("timeout")), { once: true }));
  // The same idempotency key on every try, so that the provider never sends a message twice.
  const result = await Promise.race([transport({ ...rendered, to: message.to, idempotencyKey: `outbox-${message.id}` }, signal), timedOut]).catch(
    (error: unknown) => ({ ok: false as const, error: signal.aborted ? "timeout" : error instanceof Error ? error.name : "send failed" }),
  );
  if (result.ok) {
    await db().outboxEmail.update({ where: { id: message.id }, data: { status: "sent", sentAt: now, providerId: result.providerId, lastError: null } });
    return true;
  }
  const failed = message.attempt > RETRY_MINUTES.length;
  await db().outboxEmail.update({ where: { id: message.id }, data: { lastError: (signal.aborted ? "timeout" : result.error).slice(0, 200), ...(failed ? { status: "failed" } : {}) } });
  return false;
}

// EMAIL_SEND_TIMEOUT_MS stays below the first retry's minute (config/env.server.ts).
const sendTimeoutMs = () => serverConfig().email.sendTimeoutMs;

/** Sends what is due now, a few at a time, and waits for all of them; returns how many went. */
export async function sendDueEmails({ transport = transportFromEnv(), now = new Date(), sendTimeoutMs: timeout = sendTimeoutMs(), limit = 20, parallel = 4 }: SendOptions & { limit?: number; parallel?: number } = {}): Promise<number> {
  const queue = await claimDue(limit, now);
  let sent = 0;
  const lane = async () => {
    for (let message = queue.shift(); message; message = queue.shift()) if (await deliver(message, transport, now, timeout)) sent++;
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return sent;
}

/**
 * Sends waiting email from the app process. Every interval it fills the free places among
 * `parallel` sends in flight, without waiting for the slow ones; stopping waits for those.
 */
export function startOutboxWorker({ intervalMs = 10_000, parallel = 4, transport = transportFromEnv() }: { intervalMs?: number; parallel?: number; transport?: EmailTransport } = {}): ScheduledJob {
  const inFlight = new Set<Promise<unknown>>();
  const timeout = sendTimeoutMs();
  const job = every("outbox", intervalMs, async () => {
    const now = new Date();
    for (const message of await claimDue(parallel - inFlight.size, now)) {
      const sending: Promise<unknown> = deliver(message, transport, now, timeout)
        .catch((error: unknown) => console.error("outbox:", error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) : "send failed"))
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
  });
  return {
    async stop() {
      await job.stop();
      await Promise.all(inFlight);
    },
  };
}

/** An address as the admin's list shows it: enough to recognise, not to copy. */
export function maskAddress(address: string): string {
  const [name = "", domain = ""] = address.split("@");
  return `${name.slice(0, 1)}***@${domain}`;
}

/** Emails not delivered yet, for the administrator: failed first, then pending. */
export async function undeliveredEmails(take = 200) {
  // One status after the other: an order by status would differ between the databases (text on the file, the enum's order on PostgreSQL).
  const ofStatus = (status: "failed" | "pending", limit: number) =>
    limit <= 0
      ? []
      : db().outboxEmail.findMany({
          where: { status },
          select: { id: true, to: true, template: true, status: true, attempts: true, nextAttemptAt: true, lastError: true, createdAt: true },
          orderBy: { createdAt: "asc" },
          take: limit,
        });
  const failed = await ofStatus("failed", take);
  const rows = [...failed, ...(await ofStatus("pending", take - failed.length))];
  return rows.map(({ to, ...row }) => ({ ...row, to: maskAddress(to) }));
}

/** An administrator puts a failed or pending email back at the front of the queue, audited. */
export async function retryEmail(admin: Viewer, id: string): Promise<boolean> {
  if (!mayAdminister(admin)) throw notFound();
  return db().$transaction(async (tx) => {
    const { count } = await tx.outboxEmail.updateMany({ where: { id, status: { in: ["failed", "pending"] } }, data: { status: "pending", nextAttemptAt: new Date() } });
    if (count === 1) await recordAudit(tx, { action: "outbox.retry", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "outbox_email", entityId: id });
    return count === 1;
  });
}
