// Sessions with lucia v3 on our Session table. The cookie is a browser-session cookie; the
// server decides when a session ends: after 30 minutes idle (lucia's sliding expiry) and
// 12 hours after sign-in whatever the activity (absoluteExpiresAt).
import { createHash } from "node:crypto";
import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { redirect } from "@remix-run/node";
import { Lucia, TimeSpan, type Session as LuciaSession } from "lucia";
import { db, type Db } from "~/db/client.server";
import type { Role } from "~/db/generated/enums";
import { mayEnter, type Area } from "./policy";

const IDLE = new TimeSpan(30, "m");
const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
const production = process.env.NODE_ENV === "production";

function createLucia(client: Db) {
  return new Lucia(new PrismaAdapter(client.session, client.account), {
  sessionExpiresIn: IDLE,
  sessionCookie: {
    // __Host- needs Secure, which a plain-http development server cannot set.
    name: production ? "__Host-aftercare-session" : "aftercare-session",
    expires: false,
    attributes: { secure: production, sameSite: "lax" },
  },
  getSessionAttributes: (attributes) => ({ absoluteExpiresAt: attributes.absoluteExpiresAt }),
  getUserAttributes: (attributes) => ({
    role: attributes.role,
    status: attributes.status,
    displayName: attributes.displayName,
    organizationId: attributes.organizationId,
    personId: attributes.personId,
  }),
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
    DatabaseSessionAttributes: { absoluteExpiresAt: Date };
    DatabaseUserAttributes: {
      role: Role;
      status: "invited" | "active" | "disabled";
      displayName: string;
      organizationId: string | null;
      personId: string | null;
    };
  }
}

/** Who is making a request: what the policy and the server modules need, nothing more. */
export type Viewer = {
  accountId: string;
  role: Role;
  displayName: string;
  organizationId: string | null;
  personId: string | null;
  /** A hash of the session id, for the audit log; the id itself is a secret. */
  sessionRef: string;
};

export function sessionRef(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex").slice(0, 32);
}

function sessionIdFrom(request: Request): string | null {
  return lucia().readSessionCookie(request.headers.get("Cookie") ?? "");
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  const sessionId = sessionIdFrom(request);
  if (!sessionId) return null;
  const { session, user } = await lucia().validateSession(sessionId);
  if (!session || !user) return null;
  if (session.absoluteExpiresAt.getTime() <= Date.now() || user.status !== "active") {
    await lucia().invalidateSession(session.id);
    return null;
  }
  return {
    accountId: user.id,
    role: user.role,
    displayName: user.displayName,
    organizationId: user.organizationId,
    personId: user.personId,
    sessionRef: sessionRef(session.id),
  };
}

/** The viewer, if they may enter the area; otherwise sign-in for strangers and 404 for the rest. */
export async function requireArea(request: Request, area: Area): Promise<Viewer> {
  const viewer = await getViewer(request);
  if (!viewer) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  if (!mayEnter(viewer.role, area)) throw new Response("Not Found", { status: 404 });
  return viewer;
}

/** A new session, with a new id, and the cookie that carries it. */
export async function startSession(accountId: string): Promise<{ session: LuciaSession; cookie: string }> {
  const session = await lucia().createSession(accountId, { absoluteExpiresAt: new Date(Date.now() + ABSOLUTE_MS) });
  return { session, cookie: lucia().createSessionCookie(session.id).serialize() };
}

/** Ends the request's session on the server and returns the cookie that clears it. */
export async function endSession(request: Request): Promise<string> {
  const sessionId = sessionIdFrom(request);
  if (sessionId) await lucia().invalidateSession(sessionId);
  return lucia().createBlankSessionCookie().serialize();
}
