// A form that creates a record is saved once, however often it is sent: a double click, a reload
// of the answer, back and send again. Each form carries a one-time token from its page (the
// root loader gives every page a new key; components/saving-form.tsx adds the form's name).
// The first send claims the token; a second send of it waits for the first and is answered as
// saved, and saves nothing. A refused send frees its token, so the corrected form goes through.
// A successful save leaves a short-lived notice for the next page ("Saved"), which the page
// shows in a live region, with or without JavaScript (docs/decisions/012).
import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";
import { ONCE_FIELD } from "./once-field";
import { db } from "~/db/client.server";

const onceToken = z.string().regex(/^[A-Za-z0-9_.-]{16,120}$/);
// A second send waits this long for the first to finish, looking every POLL_MS.
const WAIT_MS = 10_000;
const POLL_MS = 50;
const KEEP_MS = 24 * 60 * 60_000;

/** A new key for the forms of one page: every load of a page gets its own. */
export function newFormKey(): string {
  return randomBytes(16).toString("base64url");
}

const savedCookie = createCookie("aftercare-saved", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production",
  maxAge: 60,
});

/** The notice a save left for this page, once: the answer clears it. */
export async function takeSavedNotice(request: Request): Promise<{ notice: string | null; headers: HeadersInit }> {
  const value: unknown = await savedCookie.parse(request.headers.get("Cookie"));
  if (typeof value !== "string") return { notice: null, headers: {} };
  return { notice: value, headers: { "Set-Cookie": await savedCookie.serialize("", { maxAge: 0 }) } };
}

async function withSavedNotice<T extends Response>(response: T): Promise<T> {
  // Only a redirect is followed by a new page; a page answered in place says itself what it did.
  if (response.status >= 300 && response.status < 400) response.headers.append("Set-Cookie", await savedCookie.serialize(newFormKey()));
  return response;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** "mine": this send saves. "done": an earlier send of the same form saved. "busy": it is still at it. */
async function claim(key: string): Promise<"mine" | { location: string | null } | "busy"> {
  for (let waited = 0; waited <= WAIT_MS; waited += POLL_MS) {
    try {
      await db().sentForm.create({ data: { key, state: "working" } });
      return "mine";
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const earlier = await db().sentForm.findUnique({ where: { key }, select: { state: true, location: true } });
    if (earlier?.state === "done") return { location: earlier.location };
    // Gone: the earlier send was refused and freed the token; claim it again at once.
    if (earlier) await sleep(POLL_MS);
  }
  return "busy";
}

/**
 * Runs a form's save once per token. Without a token (a form that only changes a versioned
 * record, whose version already refuses a second send) it just runs. `accountId` scopes the
 * token, so that nobody can spend another person's.
 */
export async function saveOnce<T extends Response>(request: Request, form: FormData, accountId: string, save: () => Promise<T>): Promise<T> {
  const token = onceToken.safeParse(form.get(ONCE_FIELD));
  if (!token.success) return withSavedNotice(await save());
  const key = `${accountId}:${token.data}`;
  const claimed = await claim(key);
  const url = new URL(request.url);
  if (claimed === "busy") throw new Response("Conflict", { status: 409 });
  // A redirect carries no data for the page: typed as what the save answers, it adds none.
  if (claimed !== "mine") return withSavedNotice(redirect(claimed.location ?? url.pathname + url.search) as unknown as T);
  const free = () => db().sentForm.deleteMany({ where: { key, state: "working" } });
  const settle = async <A extends Response>(answer: A) => {
    if (answer.status >= 400) await free();
    else await db().sentForm.update({ where: { key }, data: { state: "done", location: answer.headers.get("Location") } });
    return withSavedNotice(answer);
  };
  let response: T;
  try {
    response = await save();
  } catch (error) {
    // A thrown answer (a redirect, a 404) counts as what it says; anything else frees the token.
    if (error instanceof Response) throw await settle(error);
    await free();
    throw error;
  }
  return settle(response);
}

/** Forgets tokens older than a day: no page stays open that long with a form still to send. */
export async function deleteOldSentForms(now = new Date()): Promise<number> {
  const { count } = await db().sentForm.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
  return count;
}
