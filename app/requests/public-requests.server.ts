// Help requests from the public form: saved with a receipt (a code and a secret word shown
// once), checked and withdrawn at /help/status with both. Nothing here tells whether a code
// exists: a wrong code and a wrong secret answer alike, and both are rate limited.
import { randomInt } from "node:crypto";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { addressKey, isThrottled, recordFailure } from "~/auth/throttle.server";
import { db } from "~/db/client.server";
import type { HelpRequestStatus } from "~/db/generated/enums";
import type { Locale } from "~/i18n/catalogue";
import { searchKey } from "~/persons/search-key";
import type { z } from "zod";
import type { helpForm } from "./help-form";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const SECRET_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
// Per address: five requests an hour, then a growing wait (enough for a person, too few for a
// flood); five wrong status checks, then a growing wait. A lock starts after freeAttempts.
const SUBMIT_RULE = { freeAttempts: 4, baseLockMs: 10 * 60_000, maxLockMs: 24 * 60 * 60_000, windowMs: 60 * 60_000 };
const STATUS_RULE = { freeAttempts: 4, baseLockMs: 60_000, maxLockMs: 60 * 60_000, windowMs: 60 * 60_000 };

export type Receipt = { code: string; secret: string };
export type SubmitResult = { kind: "saved"; receipt: Receipt } | { kind: "discarded"; receipt: Receipt } | { kind: "throttled" };

export async function submitHelpRequest(input: z.infer<typeof helpForm>, locale: Locale, address: string): Promise<SubmitResult> {
  const receipt = { code: `R-${pick(ALPHABET, 4)}-${pick(ALPHABET, 4)}`, secret: `${pick(SECRET_ALPHABET, 4)}-${pick(SECRET_ALPHABET, 4)}-${pick(SECRET_ALPHABET, 4)}` };
  // A filled honeypot: a bot. It gets a receipt that leads nowhere, and nothing is stored.
  if (input.website) return { kind: "discarded", receipt };
  const keys = [{ key: addressKey("help-form", address).key, rule: SUBMIT_RULE }];
  if (await isThrottled(keys)) return { kind: "throttled" };
  await recordFailure(keys); // every request counts towards the limit
  const tracks = input.trackKeys.length ? await db().supportTrack.findMany({ where: { key: { in: input.trackKeys }, active: true }, select: { id: true } }) : [];
  await db().helpRequest.create({
    data: {
      code: receipt.code,
      secretHash: await hashPassword(receipt.secret),
      source: "public_form",
      language: locale,
      preferredName: input.preferredName,
      contactKind: input.contactKind,
      contactValue: input.contactValue,
      safeTimes: input.safeTimes,
      country: input.country || null,
      urgency: input.urgency,
      message: input.message,
      searchKey: searchKey(input.preferredName),
      tracks: { create: tracks.map((track) => ({ trackId: track.id })) },
    },
  });
  return { kind: "saved", receipt };
}

export type StatusResult = { kind: "found"; status: HelpRequestStatus; code: string } | { kind: "not_found" } | { kind: "throttled" };

/** The status of a request by its code and secret; withdraws it when asked and still possible. */
export async function requestStatus(code: string, secret: string, address: string, withdraw = false): Promise<StatusResult> {
  const keys = [{ key: addressKey("help-status", address).key, rule: STATUS_RULE }];
  if (await isThrottled(keys)) return { kind: "throttled" };
  const request = await db().helpRequest.findUnique({ where: { code }, select: { id: true, status: true, secretHash: true } });
  // Checked against a dummy hash when the code is unknown, so both answers take as long.
  if (!(await verifyPassword(request?.secretHash, secret)) || !request) {
    await recordFailure(keys);
    return { kind: "not_found" };
  }
  if (withdraw && (request.status === "new" || request.status === "in_triage")) {
    await db().helpRequest.update({ where: { id: request.id }, data: { status: "withdrawn", version: { increment: 1 } } });
    return { kind: "found", status: "withdrawn", code };
  }
  return { kind: "found", status: request.status, code };
}
