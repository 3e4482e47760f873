// The outbox: emails are written in the transaction of the work that causes them, and sent
// after it committed, with retries, so that a failed send loses nothing and rolls nothing back.
import type { Db } from "~/db/client.server";
import { db } from "~/db/client.server";
import { isLocale, DEFAULT_LOCALE } from "~/i18n/catalogue";
import { appConfig } from "~/http/config";
import { renderEmail, type EmailTemplate } from "./templates";
import { transportFromEnv, type EmailTransport } from "./transport.server";

// Minutes to wait after each failed attempt; after the last, the message is marked failed and
// an administrator can retry it.
const RETRY_MINUTES = [1, 5, 15, 60, 180, 720];

/** Queues one email. `path` is the link's path on APP_ORIGIN; nothing else goes into it. */
export async function queueEmail(
  tx: Pick<Db, "outboxEmail">,
  email: { to: string; template: EmailTemplate; locale: string; path: string },
): Promise<void> {
  await tx.outboxEmail.create({
    data: { to: email.to, template: email.template, locale: email.locale, params: JSON.stringify({ path: email.path }) },
  });
}

/** Sends what is due. Each message is claimed first, so two processes never send it twice. */
export async function sendDueEmails({ transport = transportFromEnv(), now = new Date(), limit = 20 }: { transport?: EmailTransport; now?: Date; limit?: number } = {}): Promise<number> {
  const due = await db().outboxEmail.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  const origin = appConfig().appOrigin;
  let sent = 0;
  for (const message of due) {
    const attempt = message.attempts + 1;
    const wait = RETRY_MINUTES[Math.min(message.attempts, RETRY_MINUTES.length - 1)]! * 60_000;
    // The claim: only the process that moves attempts forward sends this message.
    const claim = await db().outboxEmail.updateMany({
      where: { id: message.id, status: "pending", attempts: message.attempts },
      data: { attempts: attempt, nextAttemptAt: new Date(now.getTime() + wait) },
    });
    if (claim.count === 0) continue;
    const { path } = JSON.parse(message.params) as { path: string };
    const rendered = renderEmail(message.template as EmailTemplate, isLocale(message.locale) ? message.locale : DEFAULT_LOCALE, origin + path);
    const result = await transport({ ...rendered, to: message.to, idempotencyKey: `outbox-${message.id}` }).catch((error: unknown) => ({
      ok: false as const,
      error: error instanceof Error ? error.name : "send failed",
    }));
    if (result.ok) {
      await db().outboxEmail.update({ where: { id: message.id }, data: { status: "sent", sentAt: now, providerId: result.providerId, lastError: null } });
      sent++;
    } else {
      const failed = attempt > RETRY_MINUTES.length;
      await db().outboxEmail.update({ where: { id: message.id }, data: { lastError: result.error.slice(0, 200), ...(failed ? { status: "failed" } : {}) } });
    }
  }
  return sent;
}

/** Sends due emails every few seconds in the app process. */
export function startOutboxWorker(intervalMs = 10_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sendDueEmails()
      .catch((error: unknown) => console.error("outbox:", error instanceof Error ? error.message : "send failed"))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** An address as the admin's list shows it: enough to recognise, not to copy. */
export function maskAddress(address: string): string {
  const [name = "", domain = ""] = address.split("@");
  return `${name.slice(0, 1)}***@${domain}`;
}

/** Emails not delivered yet, for the administrator: failed first, then pending. */
export async function undeliveredEmails(take = 200) {
  const rows = await db().outboxEmail.findMany({
    where: { status: { in: ["failed", "pending"] } },
    select: { id: true, to: true, template: true, status: true, attempts: true, nextAttemptAt: true, lastError: true, createdAt: true },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    take,
  });
  return rows.map(({ to, ...row }) => ({ ...row, to: maskAddress(to) }));
}

/** Puts a failed or pending email back at the front of the queue. */
export async function retryEmail(tx: Pick<Db, "outboxEmail">, id: string): Promise<boolean> {
  const { count } = await tx.outboxEmail.updateMany({ where: { id, status: { in: ["failed", "pending"] } }, data: { status: "pending", nextAttemptAt: new Date() } });
  return count === 1;
}
