// The Node server: compression, security headers, the Origin check, static files, and Remix.
// `npm run build` compiles this file to build/server.js; `npm start` runs that with plain node.
// It refuses to start on a missing database file, a wrong key or missing migrations; on
// SIGTERM or SIGINT it stops taking requests, finishes those in flight, stops the scheduled
// jobs and closes the database before it exits.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, createRequestHandler as createRemixHandler, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { configureDb, db } from "~/db/client.server";
import { loadLocalEnv } from "~/db/connection";
import { assertDatabaseReady } from "~/db/health.server";
import { startOutboxWorker } from "~/email/outbox.server";
import { workAfterResponses } from "~/jobs/after-response.server";
import type { ScheduledJob } from "~/jobs/scheduler.server";
import { startReminderWorker } from "~/referrals/reminders.server";
import { startRetentionWorker } from "~/requests/retention.server";
import { ConfigError, serverConfig } from "~/config/env.server";
import { isAllowedOrigin, newNonce, originOfRequest, securityHeaders } from "~/http/security";
import { SESSION_COOKIE_NAME } from "~/auth/session.server";
import { publicPageCache } from "./page-cache";

loadLocalEnv();
const BUILD_PATH = pathToFileURL(`${process.cwd()}/build/index.js`).href;
/** How long a shutdown waits for requests in flight and running jobs before it exits anyway. */
const SHUTDOWN_GRACE_MS = 20_000;
/** How long a shutdown still answers on open connections, asking clients to close them. */
const DRAIN_MS = 1_000;

// A connection that cannot leave its transaction would refuse every query from now on: better
// to exit and let the supervisor (systemd, the container runtime) start the app again.
configureDb({
  onStuck(error) {
    console.error(`${error.message} Exiting so that the supervisor restarts the app.`);
    process.exit(70);
  },
});

async function main() {
  const config = serverConfig();
  const origins = [config.appOrigin, ...(config.onionOrigin ? [config.onionOrigin] : [])];
  await assertDatabaseReady(config.database, { refuseDemoData: config.production && !config.allowDemoData });
  const build = (await import(BUILD_PATH)) as ServerBuild;
  let closing = false;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(compression());

  /** The headers every answer carries, with the nonce its scripts may run under. */
  const headersFor = (req: IncomingMessage, nonce: string): Record<string, string> => {
    // HSTS and upgrades follow the origin the request came through: the onion one is plain http.
    const origin = originOfRequest(req.headers.host, config);
    return {
      ...securityHeaders(nonce, { development: !config.production, https: origin.startsWith("https:") }),
      ...(config.sendOnionLocation && origin === config.appOrigin ? { "Onion-Location": config.onionOrigin + (req.url ?? "/") } : {}),
      // While shutting down, every answer closes its connection, so that none stays open idle.
      ...(closing ? { Connection: "close" } : {}),
    };
  };

  app.use((req, res, next) => {
    const nonce = newNonce();
    res.locals.cspNonce = nonce;
    res.set(headersFor(req, nonce));
    next();
  });

  // A NUL in an address is no page's (PostgreSQL's text cannot even hold one, and would fail as a 500).
  app.use((req, res, next) => {
    if (/%00/.test(req.originalUrl)) return void res.status(400).type("text/plain").send("Bad Request");
    next();
  });

  app.use((req, res, next) => {
    const allowed = isAllowedOrigin(
      req.method,
      { origin: req.get("Origin"), secFetchSite: req.get("Sec-Fetch-Site") },
      origins,
    );
    if (allowed) {
      // The Origin decision is ours, against the configured origins. Remix checks Origin against
      // Host once more and throws (a 500) when a proxy rewrote Host: give it the origin's host.
      const origin = req.get("Origin");
      if (origin && origins.includes(origin)) {
        req.headers.host = new URL(origin).host;
        delete req.headers["x-forwarded-host"];
      }
      return next();
    }
    res.status(403).type("text/plain").send("Refused: this request did not come from this site's own pages.");
  });

  // Fingerprinted build assets may be cached for good; other public files for an hour.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  app.all(
    "*",
    (_req, res, next) => {
      // Pages and data may hold personal information: never cached (SECURITY.md B).
      res.set("Cache-Control", "no-store");
      next();
    },
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: (req, res) => ({ cspNonce: String(res.locals.cspNonce), clientAddress: req.ip ?? "" }),
    }),
  );

  const jobs: ScheduledJob[] = [startOutboxWorker({ intervalMs: config.email.outboxIntervalMs }), startReminderWorker(config.reminderIntervalMs), startRetentionWorker()];
  // Pages without personal data or script, for visitors without a session: from memory, on
  // Node's request before Express (a GET of them changes nothing, so no Origin check is due).
  const publicPage =
    config.publicPageCacheMs > 0
      ? publicPageCache({
          render: createRemixHandler(build, build.mode),
          paths: ["/", "/help", "/help/status", "/login"],
          sessionCookies: [SESSION_COOKIE_NAME],
          ttlMs: config.publicPageCacheMs,
          origin: config.appOrigin,
        })
      : null;
  const server = createServer((req, res) => {
    if (!publicPage) return void app(req, res);
    publicPage(req, res, headersFor(req, newNonce())).then(
      (answered) => answered || app(req, res),
      (error: unknown) => {
        console.error("public page:", error instanceof Error ? error.message : error);
        app(req, res);
      },
    );
  });
  server.listen(config.port, () => {
    console.log(`Aftercare is listening on ${config.appOrigin} (port ${config.port})`);
    // Prisma loads its query compiler on the first query; do that now rather than in a request.
    db().$queryRaw`SELECT 1`.catch((error: unknown) => console.error("database:", error instanceof Error ? error.message : error));
    if (build.mode === "development") void broadcastDevReady(build);
  });

  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing the requests in flight, then stopping.`);
    setTimeout(() => {
      console.error(`Requests or jobs still running after ${SHUTDOWN_GRACE_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    void stop(server, jobs).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("Shutdown:", error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

/**
 * First a short drain: requests are still served, each answer saying `Connection: close`, so that
 * clients drop their kept-alive connections themselves (closing one from our side while a request
 * is on its way would lose that request). Then no new connections; the requests in flight finish,
 * the jobs stop, the database closes.
 */
async function stop(server: Server, jobs: ScheduledJob[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections that fall idle after close() would otherwise stay open until their timeout.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  await closed;
  clearInterval(idle);
  await workAfterResponses();
  await Promise.all(jobs.map((job) => job.stop()));
  await db().$disconnect();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`The configuration is not usable:\n${error.problems.map((problem) => `- ${problem}`).join("\n")}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
