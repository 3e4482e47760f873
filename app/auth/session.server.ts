// Sessions on our Session table, with lucia v3 for session ids and the cookie. Lucia's own
// validation knows one idle time; ours differs by role, so validation is here:
// - idle: 30 minutes for staff and partners, 7 days for clients, pushed forward on activity;
// - absolute: 12 hours after sign-in for staff and partners, 30 days for clients;
// - a session that passed the password but not the second factor reaches nothing but the
//   second-factor page (SECURITY.md A), and is replaced by a new session once it passes;
// - the table holds a SHA-256 of each session id, never the id: a copy of the database opens
//   no session; the cookie lives no longer than its session can.
import { createHash } from "node:crypto";
import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { redirect } from "@remix-run/node";
import { Cookie, generateIdFromEntropySize, Lucia } from "lucia";
import { db, type Db } from "~/db/client.server";
import { read } from "~/db/read.server";
import type { Role } from "~/db/generated/enums";
import { belongsToPartner, mayEnter, type Area } from "./policy";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function idleTimeout(role: Role): number {
  return role === "client" ? 7 * DAY : 30 * MINUTE;
}
export function absoluteLifetime(role: Role): number {
  return role === "client" ? 30 * DAY : 12 * HOUR;
}
// The second factor must follow the password within this time.
const PENDING_LIFETIME = 10 * MINUTE;

const production = process.env.NODE_ENV === "production";
// __Host- needs Secure, which a plain-http development server cannot set.
export const SESSION_COOKIE_NAME = production ? "__Host-aftercare-session" : "aftercare-session";

function createLucia(client: Db) {
  return new Lucia(new PrismaAdapter(client.session, client.account), {
    sessionCookie: {
      name: SESSION_COOKIE_NAME,
      expires: false,
      attributes: { secure: production, sameSite: "lax" },
    },
  });
}

// Built for the current database client (tests replace the client between tests).
let current: { client: Db; lucia: ReturnType<typeof createLucia> } | undefined;

function lucia() {
  const client = db();
  if (current?.client !== client) current = { client, lucia: createLucia(client) };
  return current.lucia;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
  }
}

/** Who is making a request: what the policy and the server modules need, nothing more. */
export type Viewer = {
  accountId: string;
  role: Role;
  displayName: string;
  organizationId: string | null;
  personId: string | null;
  /** A hash of the session id, for the audit log and the list of sessions; the id is a secret. */
  sessionRef: string;
};

export type SessionState =
  | { kind: "none" }
  | { kind: "pending"; viewer: Viewer; sessionId: string }
  | { kind: "verified"; viewer: Viewer; sessionId: string; lockdown: boolean; blurNames: boolean };

/** What the Session table keeps instead of the id itself. */
export function storedSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

export function sessionRef(sessionId: string): string {
  return storedSessionId(sessionId).slice(0, 32);
}

/** The reference of a session row, the same as sessionRef() of its id. */
export function sessionRefOfStored(storedId: string): string {
  return storedId.slice(0, 32);
}

/** The cookie of a session, expiring with it (Max-Age), not 400 days later. */
function sessionCookie(sessionId: string, lifetimeMs: number): string {
  const blank = lucia().createBlankSessionCookie();
  return new Cookie(blank.name, sessionId, { ...blank.attributes, maxAge: Math.floor(lifetimeMs / 1000) }).serialize();
}

export function sessionIdFrom(request: Request): string | null {
  return lucia().readSessionCookie(request.headers.get("Cookie") ?? "");
}

type SessionRow = {
  expiresAt: string;
  absoluteExpiresAt: string;
  twoFactorVerified: number | boolean;
  id: string;
  role: Role;
  status: string;
  displayName: string;
  organizationId: string | null;
  personId: string | null;
  lockdown: number | null;
  blurNames: number | boolean;
};

// A page's loaders (the root's, the area's, the page's) ask at the same moment: while one
// reading of a session is on its way, the others share it. An action has finished before its
// page's loaders start, so they read afresh what it may have changed.
const readings = new Map<string, Promise<SessionState>>();

export function getSessionState(request: Request, now = Date.now()): Promise<SessionState> {
  const sessionId = sessionIdFrom(request);
  if (!sessionId) return Promise.resolve({ kind: "none" });
  const pending = readings.get(sessionId);
  if (pending) return pending;
  const reading = readSessionState(sessionId, now).finally(() => readings.delete(sessionId));
  readings.set(sessionId, reading);
  return reading;
}

async function readSessionState(sessionId: string, now: number): Promise<SessionState> {
  const stored = storedSessionId(sessionId);
  // In SQL: every signed-in page asks this first (app/db/read.server.ts).
  const [found] = await read<SessionRow>`
    SELECT "Session"."expiresAt", "Session"."absoluteExpiresAt", "Session"."twoFactorVerified", "Account"."id", "Account"."role", "Account"."status",
      "Account"."displayName", "Account"."organizationId", "Account"."personId", "Account"."blurNames", (SELECT 1 FROM "Lockdown" LIMIT 1) AS "lockdown"
    FROM "Session" JOIN "Account" ON "Account"."id" = "Session"."userId" WHERE "Session"."id" = ${stored}`;
  const session = found
    ? {
        expiresAt: new Date(found.expiresAt),
        absoluteExpiresAt: new Date(found.absoluteExpiresAt),
        twoFactorVerified: Boolean(found.twoFactorVerified),
        account: { id: found.id, role: found.role, status: found.status, displayName: found.displayName, organizationId: found.organizationId, personId: found.personId },
      }
    : null;
  if (!session) return { kind: "none" };
  const { account } = session;
  // In a lockdown a partner's session ends at its next request, whatever remained of it.
  const suspended = Boolean(found?.lockdown) && belongsToPartner(account.role);
  if (session.expiresAt.getTime() <= now || session.absoluteExpiresAt.getTime() <= now || account.status !== "active" || suspended) {
    await db().session.deleteMany({ where: { id: stored } });
    return { kind: "none" };
  }
  const idle = session.twoFactorVerified ? idleTimeout(account.role) : PENDING_LIFETIME;
  // Push the idle expiry forward, but write at most once a minute.
  if (session.twoFactorVerified && session.expiresAt.getTime() - now < idle - MINUTE) {
    await db().session.update({ where: { id: stored }, data: { expiresAt: new Date(now + idle) } });
  }
  const viewer: Viewer = {
    accountId: account.id,
    role: account.role,
    displayName: account.displayName,
    organizationId: account.organizationId,
    personId: account.personId,
    sessionRef: sessionRef(sessionId),
  };
  return session.twoFactorVerified ? { kind: "verified", viewer, sessionId, lockdown: Boolean(found?.lockdown), blurNames: Boolean(found?.blurNames) } : { kind: "pending", viewer, sessionId };
}

/** The signed-in viewer, or null; a half-signed-in session (no second factor yet) is null. */
export async function getViewer(request: Request): Promise<Viewer | null> {
  const state = await getSessionState(request);
  return state.kind === "verified" ? state.viewer : null;
}

/** The viewer, if signed in; strangers go to sign-in, half-signed-in sessions to the second factor. */
export async function requireViewer(request: Request): Promise<Viewer> {
  const state = await getSessionState(request);
  if (state.kind === "verified") return state.viewer;
  if (state.kind === "pending") throw redirect("/two-factor");
  const url = new URL(request.url);
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
}

/** The viewer, if they may enter the area; 404 for a signed-in account of another role. */
export async function requireArea(request: Request, area: Area): Promise<Viewer> {
  const viewer = await requireViewer(request);
  if (!mayEnter(viewer.role, area)) throw new Response("Not Found", { status: 404 });
  return viewer;
}

/** A new session with a new id, and the cookie that carries it. */
export async function startSession(
  accountId: string,
  role: Role,
  { twoFactorVerified, deviceLabel = "", now = Date.now() }: { twoFactorVerified: boolean; deviceLabel?: string; now?: number },
): Promise<{ sessionId: string; cookie: string }> {
  const sessionId = generateIdFromEntropySize(25);
  const lifetime = twoFactorVerified ? absoluteLifetime(role) : PENDING_LIFETIME;
  await db().session.create({
    data: {
      id: storedSessionId(sessionId),
      userId: accountId,
      twoFactorVerified,
      deviceLabel,
      expiresAt: new Date(now + (twoFactorVerified ? idleTimeout(role) : PENDING_LIFETIME)),
      absoluteExpiresAt: new Date(now + lifetime),
    },
  });
  return { sessionId, cookie: sessionCookie(sessionId, lifetime) };
}

/** Ends the request's session on the server and returns the cookie that clears it. */
export async function endSession(request: Request): Promise<string> {
  const sessionId = sessionIdFrom(request);
  if (sessionId) await deleteSession(sessionId);
  return blankSessionCookie();
}

export async function deleteSession(sessionId: string): Promise<void> {
  await db().session.deleteMany({ where: { id: storedSessionId(sessionId) } });
}

export function blankSessionCookie(): string {
  return lucia().createBlankSessionCookie().serialize();
}

/** Ends every session of an account ("sign out everywhere", or an admin's revocation). */
export async function endAllSessions(accountId: string): Promise<number> {
  const { count } = await db().session.deleteMany({ where: { userId: accountId } });
  return count;
}

/** A coarse label of the browser, for the list of sessions: never the full user agent. */
export function deviceLabelOf(userAgent: string | null): string {
  const ua = userAgent ?? "";
  const browser = /Firefox\//.test(ua) ? "Firefox" : /Edg\//.test(ua) ? "Edge" : /Chrome\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : "Browser";
  const system = /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Windows/.test(ua) ? "Windows" : /Mac OS X/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : "";
  return system ? `${browser} · ${system}` : browser;
}
