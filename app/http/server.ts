// The Node server: compression, security headers, the Origin check, static files, and Remix.
// Run with: npm start (after npm run build), or npm run dev.
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { checkDatabase } from "~/db/client.server";
import { startOutboxWorker } from "~/email/outbox.server";
import { startReminderWorker } from "~/referrals/reminders.server";
import { startRetentionWorker } from "~/requests/retention.server";
import { loadLocalEnv } from "~/db/connection";
import { appConfig } from "./config";
import { isAllowedOrigin, newNonce, securityHeaders } from "./security";

loadLocalEnv();
const config = appConfig();
const BUILD_PATH = pathToFileURL(`${process.cwd()}/build/index.js`).href;

async function main() {
  await checkDatabase();
  const build = (await import(BUILD_PATH)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(compression());

  app.use((req, res, next) => {
    const nonce = newNonce();
    res.locals.cspNonce = nonce;
    res.set(securityHeaders(nonce, { development: !config.production, https: config.appOrigin.startsWith("https:") }));
    next();
  });

  app.use((req, res, next) => {
    const allowed = isAllowedOrigin(
      req.method,
      { origin: req.get("Origin"), secFetchSite: req.get("Sec-Fetch-Site") },
      config.appOrigin,
    );
    if (allowed) return next();
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

  startOutboxWorker(config.outboxIntervalMs);
  startReminderWorker();
  startRetentionWorker();
  app.listen(config.port, () => {
    console.log(`Aftercare is listening on ${config.appOrigin} (port ${config.port})`);
    if (build.mode === "development") void broadcastDevReady(build);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
