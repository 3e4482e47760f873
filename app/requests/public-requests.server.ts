// Help requests from the public form: saved with a receipt (a code and a secret word shown
// once), checked and withdrawn at /help/status with both. Nothing here tells whether a code
// exists: a wrong code and a wrong secret answer alike, and both are rate limited.
import { createHash } from "node:crypto";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { addressKey, forgiveAttempt, RULES, takeAttempt } from "~/auth/throttle.server";
import { db } from "~/db/client.server";
import type { HelpRequestStatus } from "~/db/generated/enums";
import type { Locale } from "~/i18n/catalogue";
import type { z } from "zod";
import { newRequestCode, newSecretWord } from "~/persons/codes";
import type { helpForm } from "./help-form";
import { newRequestData } from "./requests.server";


export type Receipt = { code: string; secret: string };
export type SubmitResult = { kind: "saved"; receipt: Receipt } | { kind: "discarded"; receipt: Receipt } | { kind: "throttled" };

/**
 * The same request sent twice (a double click, a resend after a slow answer): the form is served
 * from memory and carries no per-request token, so the server knows it by its content and the
 * address it came from, for a few minutes, in this process's memory only (nothing is stored).
 * The second send keeps the first request and gives it the new receipt's secret word: the
 * receipt the person sees last is the one that works.
 */
const SAME_REQUEST_MS = 10 * 60_000;
const recentRequests = new Map<string, { id: Promise<string | null>; at: number }>();

function sameRequestKey(input: z.infer<typeof helpForm>, address: string): string {
  const content = [address, input.preferredName, input.contactKind, input.contactValue, input.safeTimes, input.country, input.urgency, input.message, [...input.trackKeys].sort()];
  return createHash("sha256").update(JSON.stringify(content)).digest("base64url");
}

export async function submitHelpRequest(input: z.infer<typeof helpForm>, locale: Locale, address: string): Promise<SubmitResult> {
  const receipt = { code: newRequestCode(), secret: newSecretWord() };
  // A filled honeypot: a bot. It gets a receipt that leads nowhere, and nothing is stored.
  if (input.website) return { kind: "discarded", receipt };
  const now = Date.now();
  for (const [key, entry] of recentRequests) if (now - entry.at > SAME_REQUEST_MS) recentRequests.delete(key);
  const key = sameRequestKey(input, address);
  const earlier = recentRequests.get(key);
  const earlierId = earlier ? await earlier.id : null;
  if (earlierId) {
    // Still waiting to be looked at (not withdrawn, not erased): the same request, with the new secret.
    const secretHash = await hashPassword(receipt.secret);
    const { count } = await db().helpRequest.updateMany({ where: { id: earlierId, status: "new" }, data: { secretHash } });
    const kept = count ? await db().helpRequest.findUnique({ where: { id: earlierId }, select: { code: true } }) : null;
    if (kept) return { kind: "saved", receipt: { code: kept.code, secret: receipt.secret } };
  }
  // Known before anything is awaited, so that a second send arriving meanwhile waits for this one.
  let settle: (id: string | null) => void = () => {};
  recentRequests.set(key, { id: new Promise((resolve) => (settle = resolve)), at: now });
  const keys = [addressKey("help-form", address, RULES.helpForm)];
  if (!(await takeAttempt(keys))) {
    settle(null);
    return { kind: "throttled" }; // every request counts towards the limit
  }
  const saved = (async () => {
    const tracks = input.trackKeys.length ? await db().supportTrack.findMany({ where: { key: { in: input.trackKeys }, active: true }, select: { id: true } }) : [];
    const created = await db().helpRequest.create({
      data: {
        ...newRequestData(input, locale, tracks.map((track) => track.id), receipt.code),
        source: "public_form",
        secretHash: await hashPassword(receipt.secret),
      },
      select: { id: true },
    });
    return created.id;
  })();
  saved.then(settle, () => settle(null));
  await saved;
  return { kind: "saved", receipt };
}

export type StatusResult = { kind: "found"; status: HelpRequestStatus; code: string } | { kind: "not_found" } | { kind: "throttled" };

/** The status of a request by its code and secret; withdraws it when asked and still possible. */
export async function requestStatus(code: string, secret: string, address: string, withdraw = false): Promise<StatusResult> {
  const keys = [addressKey("help-status", address, RULES.helpStatus)];
  if (!(await takeAttempt(keys))) return { kind: "throttled" };
  const request = await db().helpRequest.findUnique({ where: { code }, select: { id: true, status: true, secretHash: true } });
  // Checked against a dummy hash when the code is unknown, so both answers take as long.
  if (!(await verifyPassword(request?.secretHash, secret)) || !request) return { kind: "not_found" };
  await forgiveAttempt(keys);
  if (withdraw && (request.status === "new" || request.status === "in_triage")) {
    // Only while it still waits: a caseworker may have decided on it since it was read.
    const { count } = await db().helpRequest.updateMany({ where: { id: request.id, status: { in: ["new", "in_triage"] } }, data: { status: "withdrawn", version: { increment: 1 } } });
    if (count === 1) return { kind: "found", status: "withdrawn", code };
    const now = await db().helpRequest.findUniqueOrThrow({ where: { id: request.id }, select: { status: true } });
    return { kind: "found", status: now.status, code };
  }
  return { kind: "found", status: request.status, code };
}
