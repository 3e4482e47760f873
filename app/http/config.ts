// Settings of the running app, read once from the environment.
export type AppConfig = {
  production: boolean;
  port: number;
  /** The public origin, used for links in emails and for the Origin check; never taken from Host. */
  appOrigin: string;
  /** How many proxies in front of the app to trust for the client address (0 = none). */
  trustProxy: number;
  /** How often the outbox worker sends waiting email (the end-to-end tests make it quicker). */
  outboxIntervalMs: number;
};

export function appConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  const appOrigin = new URL(env.APP_ORIGIN ?? `http://localhost:${port}`).origin;
  const trustProxy = Number(env.TRUST_PROXY ?? 0);
  if (!Number.isInteger(trustProxy) || trustProxy < 0) throw new Error("TRUST_PROXY must be a whole number of proxies (0 or more).");
  const outboxIntervalMs = Number(env.OUTBOX_INTERVAL_MS ?? 10_000);
  if (!Number.isInteger(outboxIntervalMs) || outboxIntervalMs < 100) throw new Error("OUTBOX_INTERVAL_MS must be a whole number of milliseconds, 100 or more.");
  return { production: env.NODE_ENV === "production", port, appOrigin, trustProxy, outboxIntervalMs };
}
