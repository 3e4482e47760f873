/// <reference types="vite/client" />
// Every route × every actor has an expected answer, for reading (loader) and for writing
// (action). The routes come from the route files themselves: a new route without a row here
// fails this test. A record out of scope answers exactly like one that does not exist (404).
import { beforeEach, describe, expect, it } from "vitest";
import * as root from "~/root";
import { FIXTURE_TOTP_SECRET, passwordStep, signedIn } from "../fixtures/accounts";
import { cookieOf, formPost, get, routeArgs, settle } from "../fixtures/requests";
import { sharedDocument } from "../fixtures/documents";
import { makeWorld, type World } from "../fixtures/world";

type RouteModule = { loader?: (args: never) => Promise<unknown> | unknown; action?: (args: never) => Promise<unknown> | unknown };
const routeFiles = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const routes: Record<string, RouteModule> = { root: root as unknown as RouteModule };
for (const [file, module] of Object.entries(routeFiles)) routes[file.replace(/^.*\/routes\//, "").replace(/\.tsx$/, "")] = module;

const ACTORS = ["anonymous", "pending", "client", "partner", "caseworker", "coordinator", "admin"] as const;
type Actor = (typeof ACTORS)[number];
/** ok: 2xx · invalid: 400/409, the action ran and refused the input · login / second-factor / redirect: 302 · not-found: 404 */
type Answer = "ok" | "invalid" | "login" | "second-factor" | "redirect" | "not-found";
type Row = { path: (w: World) => string; params?: (w: World) => Record<string, string>; get: Answer | Record<Actor, Answer>; post?: Answer | Record<Actor, Answer> };

const only = (allowed: Actor[], yes: Answer, no: Answer = "not-found"): Record<Actor, Answer> =>
  Object.fromEntries(ACTORS.map((a) => [a, a === "anonymous" ? "login" : a === "pending" ? "second-factor" : allowed.includes(a) ? yes : no])) as Record<Actor, Answer>;
const signedInOnly = (yes: Answer) => only(["client", "partner", "caseworker", "coordinator", "admin"], yes);
const STAFF: Actor[] = ["caseworker", "coordinator", "admin"];
const verifiedGoHome = (forAnonymous: Answer, forPending: Answer): Record<Actor, Answer> =>
  Object.fromEntries(ACTORS.map((a) => [a, a === "anonymous" ? forAnonymous : a === "pending" ? forPending : "redirect"])) as Record<Actor, Answer>;

/** The world's document (tests/fixtures/documents.ts), made before each test. */
let documentId = "";

const MATRIX: Record<string, Row> = {
  root: { path: () => "/", get: "ok" },
  _index: { path: () => "/", get: "ok" },
  healthz: { path: () => "/healthz", get: "ok" },
  // Any address no route answers: 404 for everyone.
  $: { path: () => "/no-such-page", params: () => ({ "*": "no-such-page" }), get: "not-found" },
  // An email's neutral link: strangers sign in first; an unknown or someone else's token is 404.
  "n.$token": { path: () => "/n/not-a-token", params: () => ({ token: "not-a-token" }), get: only([], "ok") },
  login: { path: () => "/login", get: verifiedGoHome("ok", "ok"), post: "invalid" },
  logout: { path: () => "/logout", get: "redirect", post: "redirect" },
  language: { path: () => "/language", get: "redirect", post: "redirect" },
  // "Leave now" and what it does: for everyone, since it only ends the sender's own session.
  leave: { path: () => "/leave", get: "ok", post: "ok" },
  safety: { path: () => "/safety", get: "ok" },
  "lost-device": { path: () => "/lost-device", get: "ok", post: "invalid" },
  "two-factor": { path: () => "/two-factor", get: verifiedGoHome("login", "ok"), post: verifiedGoHome("login", "invalid") },
  account: { path: () => "/account", get: signedInOnly("ok"), post: signedInOnly("invalid") },
  "help._index": { path: () => "/help", get: "ok", post: "invalid" },
  "help.status": { path: () => "/help/status", get: "ok", post: "invalid" },
  "welcome.$token": { path: () => "/welcome/not-a-token", params: () => ({ token: "not-a-token" }), get: "ok", post: "invalid" },
  "reset-password._index": { path: () => "/reset-password", get: "ok", post: "invalid" },
  "reset-password.$token": { path: () => "/reset-password/not-a-token", params: () => ({ token: "not-a-token" }), get: "ok", post: "invalid" },
  staff: { path: () => "/staff", get: only(STAFF, "ok") },
  "staff._index": { path: () => "/staff", get: only(STAFF, "ok"), post: only(["coordinator", "admin"], "invalid") },
  "staff.requests._index": { path: () => "/staff/requests", get: only(STAFF, "ok") },
  "staff.requests.new": { path: () => "/staff/requests/new", get: only(STAFF, "ok"), post: only(STAFF, "invalid") },
  "staff.requests.$requestId": {
    path: (w) => `/staff/requests/${w.requestOne.id}`,
    params: (w) => ({ requestId: w.requestOne.id }),
    get: only(STAFF, "ok"),
    post: only(STAFF, "invalid"),
  },
  // The words go by POST and come back as a saved search's opaque id; another's id finds nothing.
  "staff.search": { path: () => "/staff/search?s=not-a-search", get: only(STAFF, "ok"), post: only(STAFF, "redirect") },
  "staff.tasks": { path: () => "/staff/tasks?assignee=anyone&when=open", get: only(STAFF, "ok") },
  // What waits to be decided or paid: a caseworker's own cases', a coordinator's all (tests/integration/assistance.test.ts).
  "staff.support": { path: () => "/staff/support", get: only(STAFF, "ok") },
  "staff.referrals": { path: () => "/staff/referrals", get: only(STAFF, "ok") },
  "staff.persons.$personId": {
    path: (w) => `/staff/persons/${w.personOne.id}`,
    params: (w) => ({ personId: w.personOne.id }),
    get: only(STAFF, "ok"),
    post: only(STAFF, "invalid"),
  },
  "staff.cases.$caseId": {
    path: (w) => `/staff/cases/${w.caseOne.id}`,
    params: (w) => ({ caseId: w.caseOne.id }),
    get: only(STAFF, "ok"),
    post: only(STAFF, "invalid"),
  },
  "partner._index": { path: () => "/partner", get: only(["partner"], "ok") },
  "partner.referrals.$referralId": {
    path: (w) => `/partner/referrals/${w.referral.id}`,
    params: (w) => ({ referralId: w.referral.id }),
    get: only(["partner"], "ok"),
    post: only(["partner"], "invalid"),
  },
  "me._index": { path: () => "/me", get: only(["client"], "ok"), post: only(["client"], "invalid") },
  "me.messages": { path: () => "/me/messages", get: only(["client"], "ok"), post: only(["client"], "invalid") },
  "me.data": { path: () => "/me/data", get: only(["client"], "ok"), post: only(["client"], "invalid") },
  // A resource route with only an action: the download. Refused input goes back to /me/data.
  "me.data.download": { path: () => "/me/data/download", get: "ok", post: only(["client"], "redirect") },
  "me.erasure": { path: () => "/me/erasure", get: only(["client"], "ok"), post: only(["client"], "invalid") },
  // Coordinators and admins read the organisation's figures, a caseworker their own caseload's.
  "staff.reports": { path: () => "/staff/reports", get: only(STAFF, "ok") },
  // The CSV, a resource route: the form's POST gets the file (an empty body: the default period).
  "staff.reports.csv": { path: () => "/staff/reports/csv", get: only(STAFF, "redirect"), post: only(STAFF, "ok") },
  // The accountant's ledger: the organisation's, so coordinators and admins only.
  "staff.reports.ledger": { path: () => "/staff/reports/ledger", get: only(STAFF, "redirect"), post: only(["coordinator", "admin"], "ok") },
  "staff.erasures": { path: () => "/staff/erasures", get: only(["coordinator", "admin"], "ok"), post: only(["coordinator", "admin"], "invalid") },
  "me.requests.$requestId": { path: (w) => `/me/requests/${w.requestOne.id}`, params: (w) => ({ requestId: w.requestOne.id }), get: only(["client"], "ok") },
  "admin._index": { path: () => "/admin", get: only(["admin"], "ok"), post: only(["admin"], "invalid") },
  "admin.accounts": { path: () => "/admin/accounts", get: only(["admin"], "ok"), post: only(["admin"], "invalid") },
  "admin.funding": { path: () => "/admin/funding", get: only(["admin"], "ok"), post: only(["admin"], "invalid") },
  "admin.tracks": { path: () => "/admin/tracks", get: only(["admin"], "ok"), post: only(["admin"], "invalid") },
  "admin.partners": { path: () => "/admin/partners", get: only(["admin"], "ok"), post: only(["admin"], "invalid") },
  "staff.directory": { path: () => "/staff/directory?country=LT", get: only(STAFF, "ok") },
  // The directory as HSDS: the exchange page, its download (a refused code goes back to the page),
  // and the feed, which is off in this world: there is no such address for anyone, signed in or not.
  "admin.partners_.hsds": { path: () => "/admin/partners/hsds", get: only(["admin"], "ok"), post: only(["admin"], "invalid") },
  "admin.partners_.hsds_.download": { path: () => "/admin/partners/hsds/download", get: only(["admin"], "redirect"), post: only(["admin"], "redirect") },
  "hsds.organizations": { path: () => "/hsds/organizations", get: "not-found" },
  // A referral as FHIR: the sending staff through the case, the receiving partner (tests/integration/fhir.test.ts).
  "staff.referrals_.$referralId.fhir": { path: (w) => `/staff/referrals/${w.referral.id}/fhir`, params: (w) => ({ referralId: w.referral.id }), get: only(STAFF, "ok") },
  "partner.referrals.$referralId_.fhir": { path: (w) => `/partner/referrals/${w.referral.id}/fhir`, params: (w) => ({ referralId: w.referral.id }), get: only(["partner"], "ok") },
  "admin.emails": { path: () => "/admin/emails", get: only(["admin"], "ok"), post: only(["admin"], "invalid") },
  "admin.audit": { path: () => "/admin/audit", get: only(["admin"], "ok") },
  // A refused export (an empty body has no code) goes back to the log; a reload of its address too.
  "admin.audit.export": { path: () => "/admin/audit/export", get: only(["admin"], "redirect"), post: only(["admin"], "redirect") },
  // The world's document is the first person's, shown to them, on the caseworker's case, shared
  // with partner A's referral: each of them reads it (others get 404: tests/integration/documents.test.ts).
  "documents.$documentId": { path: () => `/documents/${documentId}`, params: () => ({ documentId }), get: signedInOnly("ok") },
  // The uploads take a multipart form: the empty urlencoded body of this matrix is refused by the form.
  "me.documents": { path: () => "/me/documents", get: only(["client"], "ok"), post: only(["client"], "invalid") },
  "staff.cases.$caseId_.documents": {
    path: (w) => `/staff/cases/${w.caseOne.id}/documents`,
    params: (w) => ({ caseId: w.caseOne.id }),
    get: only(STAFF, "ok"),
    post: only(STAFF, "invalid"),
  },
};

function answerOf(response: Response): Answer | `unexpected ${number}` {
  const location = response.headers.get("Location") ?? "";
  if (response.status >= 200 && response.status < 300) return "ok";
  if (response.status === 400 || response.status === 409) return "invalid";
  if (response.status === 404) return "not-found";
  if (response.status === 302) return location.startsWith("/login") ? "login" : location.startsWith("/two-factor") ? "second-factor" : "redirect";
  return `unexpected ${response.status}`;
}

const expected = (answer: Answer | Record<Actor, Answer>, actor: Actor) => (typeof answer === "string" ? answer : answer[actor]);

// What no loader may ever send, and what partners and clients may not see of other people.
const NEVER = ["$argon2", FIXTURE_TOTP_SECRET, "passwordHash", "totpSecret", "tokenHash", "codeHash"];
const NOT_FOR_OUTSIDERS = ["Сарока", "Мядзведзеў", "AC-TWO2-TWO2"];

describe("the authorisation matrix", () => {
  it("has a row for every route file, with an action row exactly where a route has an action", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(routes).sort());
    for (const [id, module] of Object.entries(routes)) {
      expect(MATRIX[id]?.post !== undefined, `${id}: post row <=> action`).toBe(module.action !== undefined);
    }
  });

  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
    documentId = await sharedDocument(world);
  });

  async function cookieFor(actor: Actor): Promise<string | undefined> {
    if (actor === "anonymous") return undefined;
    if (actor === "pending") return cookieOf(await passwordStep(world.accounts.caseworker.email));
    return signedIn(world.accounts[actor]);
  }

  for (const actor of ACTORS) {
    it(`answers ${actor} as the matrix says`, async () => {
      const cookie = await cookieFor(actor);
      const mismatches: string[] = [];
      // Sign-out and leave-now last: they end the session the other rows use.
      const last = (id: string) => Number(id === "logout" || id === "leave");
      const ids = Object.keys(MATRIX).sort((a, b) => last(a) - last(b));
      for (const id of ids) {
        const row = MATRIX[id]!;
        const module = routes[id]!;
        const path = row.path(world);
        const params = row.params?.(world) ?? {};
        const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
        const request = (method: "GET" | "POST") => (method === "GET" ? get(path, cookie) : formPost(path, {}, headers));

        const getAnswer = module.loader ? answerOf(await settle(async () => module.loader!(routeArgs(request("GET"), params) as never))) : "ok";
        if (getAnswer !== expected(row.get, actor)) mismatches.push(`GET ${id}: ${getAnswer}, expected ${expected(row.get, actor)}`);
        if (module.loader && getAnswer === "ok") {
          const body = await (await settle(async () => module.loader!(routeArgs(request("GET"), params) as never))).text();
          for (const secret of NEVER) if (body.includes(secret)) mismatches.push(`GET ${id}: data holds ${secret}`);
          if (actor === "partner" || actor === "client" || actor === "anonymous" || actor === "pending") {
            for (const text of NOT_FOR_OUTSIDERS) if (body.includes(text)) mismatches.push(`GET ${id}: ${actor} sees ${text}`);
          }
        }
        if (row.post && module.action) {
          const postAnswer = answerOf(await settle(async () => module.action!(routeArgs(request("POST"), params) as never)));
          if (postAnswer !== expected(row.post, actor)) mismatches.push(`POST ${id}: ${postAnswer}, expected ${expected(row.post, actor)}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
