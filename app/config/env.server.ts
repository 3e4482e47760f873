// Every environment variable the app reads, in one zod schema, checked when the server starts:
// each problem is one sentence that names its variable (and never shows a secret's value).
// Secrets can come from a file instead (`DATABASE_ENCRYPTION_KEY_FILE`, …), as systemd's
// credentials and container secrets give them. README's configuration table is tested against
// VARIABLES (tests/unit/config.test.ts).
import { readFileSync } from "node:fs";
import { z } from "zod";

type Env = Record<string, string | undefined>;

/** Secrets: each may be given as NAME or as NAME_FILE (a file holding it), not both. */
// DATABASE_URL among them: a PostgreSQL URL may hold a password.
export const SECRETS = ["DATABASE_ENCRYPTION_KEY", "APP_SECRET", "RESEND_API_KEY", "DOCUMENT_MASTER_KEY", "DATABASE_URL"] as const;

const ONION_HOST = /^[a-z2-7]{56}\.onion$/;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const whole = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return fallback;
      const number = Number(value);
      if (!Number.isInteger(number) || number < min || number > max) {
        ctx.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max} (it is "${value}").` });
        return z.NEVER;
      }
      return number;
    });

const flag = (name: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "" || value === "0" || value === "false") return false;
      if (value === "1" || value === "true") return true;
      ctx.addIssue({ code: "custom", message: `${name} must be 1 or 0 (it is "${value}").` });
      return z.NEVER;
    });

const secret = (name: string, minLength: number) =>
  z
    .string()
    .optional()
    .refine((value) => value === undefined || value.length >= minLength, `${name} must be at least ${minLength} characters long.`);

/** An origin (scheme, host, port) given as a URL without a path. */
const origin = (name: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return undefined;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: "custom", message: `${name} must be an origin such as https://help.example.org (it is "${value}").` });
        return z.NEVER;
      }
      if (!["http:", "https:"].includes(url.protocol) || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
        ctx.addIssue({ code: "custom", message: `${name} must be an http(s) origin without a path, such as https://help.example.org (it is "${value}").` });
        return z.NEVER;
      }
      return url.origin;
    });

/** What the database needs: also read by the Prisma CLI, the backup and the other scripts. */
const databaseSchema = z.object({
  // The embedded libSQL file (the default), or a PostgreSQL server (docs/decisions/018).
  DATABASE_PROVIDER: z.enum(["sqlite", "postgresql"], { message: "DATABASE_PROVIDER must be sqlite or postgresql." }).default("sqlite"),
  DATABASE_URL: z.string().optional(),
  DATABASE_ENCRYPTION_KEY: secret("DATABASE_ENCRYPTION_KEY", 32),
  DATABASE_BUSY_TIMEOUT_MS: whole("DATABASE_BUSY_TIMEOUT_MS", 100, 600_000, 15_000),
  DATABASE_CACHE_MIB: whole("DATABASE_CACHE_MIB", 2, 65_536, 256),
  // PostgreSQL only: connections each app process keeps to the server.
  DATABASE_POOL_SIZE: whole("DATABASE_POOL_SIZE", 1, 500, 10),
  // PostgreSQL only: what the operator states about the disk under the server (it has no encryption of its own).
  DATABASE_AT_REST: z.enum(["encrypted-volume"], { message: "DATABASE_AT_REST must be encrypted-volume (say so only when the PostgreSQL data volume is encrypted: docs/operations.md)." }).optional(),
});
type DatabaseEnv = z.output<typeof databaseSchema>;

const DEFAULT_DATABASE_URL = "file:./data/aftercare.db";

/** The checks that depend on the provider: its kind of URL, and the key the embedded file needs. */
function checkDatabaseEnv(env: Partial<DatabaseEnv>, ctx: z.RefinementCtx): void {
  if (env.DATABASE_PROVIDER === "postgresql") {
    if (!env.DATABASE_URL?.match(/^postgres(ql)?:\/\//)) {
      ctx.addIssue({ code: "custom", message: "DATABASE_URL must be a postgresql:// URL when DATABASE_PROVIDER is postgresql, such as postgresql://aftercare@127.0.0.1:5432/aftercare." });
    }
    return;
  }
  if (!(env.DATABASE_URL ?? DEFAULT_DATABASE_URL).startsWith("file:")) ctx.addIssue({ code: "custom", message: "DATABASE_URL must be a file: URL, such as file:./data/aftercare.db." });
  if (env.DATABASE_ENCRYPTION_KEY === undefined) {
    ctx.addIssue({ code: "custom", message: "DATABASE_ENCRYPTION_KEY (or DATABASE_ENCRYPTION_KEY_FILE) is missing: the database is encrypted at rest and needs its key." });
  }
}

function databaseOf(env: DatabaseEnv): DatabaseConfig {
  return {
    provider: env.DATABASE_PROVIDER,
    url: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    encryptionKey: env.DATABASE_ENCRYPTION_KEY ?? "",
    busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS,
    cacheMiB: env.DATABASE_CACHE_MIB,
    poolSize: env.DATABASE_POOL_SIZE,
  };
}

/** Where the documents are and the key that wraps each file's own key: also read by the backup and the key rotation. */
const documentsSchema = z.object({
  DOCUMENTS_DIR: z
    .string()
    .optional()
    .transform((value) => value || "data/documents"),
  DOCUMENT_MASTER_KEY: secret("DOCUMENT_MASTER_KEY", 32).refine(
    (value) => value !== undefined,
    "DOCUMENT_MASTER_KEY (or DOCUMENT_MASTER_KEY_FILE) is missing: it wraps the keys of the encrypted documents; make one with `openssl rand -hex 32` and keep it apart from the database key.",
  ),
});

const serverSchema = databaseSchema
  .merge(documentsSchema)
  .extend({
    NODE_ENV: z.enum(["development", "production", "test"], { message: "NODE_ENV must be production, development or test." }).default("development"),
    PORT: whole("PORT", 0, 65_535, 3000), // 0: any free port
    APP_ORIGIN: origin("APP_ORIGIN"),
    ONION_ORIGIN: origin("ONION_ORIGIN"),
    SEND_ONION_LOCATION: flag("SEND_ONION_LOCATION"),
    TRUST_PROXY: whole("TRUST_PROXY", 0, 10, 0),
    PUBLIC_PAGE_CACHE_SECONDS: whole("PUBLIC_PAGE_CACHE_SECONDS", 0, 86_400, 60), // 0: render every time
    APP_SECRET: secret("APP_SECRET", 32).refine((value) => value !== undefined, "APP_SECRET (or APP_SECRET_FILE) is missing: it keys the rate limits; make one with `openssl rand -hex 32`."),
    RESEND_API_KEY: z.string().optional(),
    RESEND_BASE_URL: z.string().url("RESEND_BASE_URL must be a URL.").optional(),
    EMAIL_FROM: z.string().regex(/^[^@\s]+@[^@\s]+$/, "EMAIL_FROM must be an email address.").default("no-reply@localhost"),
    OUTBOX_INTERVAL_MS: whole("OUTBOX_INTERVAL_MS", 100, 3_600_000, 10_000),
    REMINDER_INTERVAL_MS: whole("REMINDER_INTERVAL_MS", 1000, 86_400_000, 15 * 60_000),
    EMAIL_SEND_TIMEOUT_MS: whole("EMAIL_SEND_TIMEOUT_MS", 100, 59_000, 10_000),
    REQUEST_RETENTION_DAYS: whole("REQUEST_RETENTION_DAYS", 1, 3650, 90),
    PERSON_VIEWS_PER_HOUR: whole("PERSON_VIEWS_PER_HOUR", 1, 10_000_000, 60),
    MESSAGE_RETENTION_DAYS: whole("MESSAGE_RETENTION_DAYS", 0, 3650, 0), // 0: kept
    CLOSED_CASE_RETENTION_MONTHS: whole("CLOSED_CASE_RETENTION_MONTHS", 0, 600, 0), // 0: kept
    REPORT_MIN_CELL: whole("REPORT_MIN_CELL", 2, 100, 5), // reports withhold counts under it
    DOCUMENTS_PER_CASE: whole("DOCUMENTS_PER_CASE", 1, 1000, 50),
    CLAMD_SOCKET: z.string().optional(), // a ClamAV daemon: a socket path or host:port; none: no scanning
    ALLOW_DEMO_DATA: flag("ALLOW_DEMO_DATA"),
    // Where "leave now" sends a person: a site that says nothing about why they were here.
    LEAVE_NOW_URL: z
      .string()
      .default("https://www.wikipedia.org/")
      .refine((value) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol), "LEAVE_NOW_URL must be an http(s) address, such as https://www.wikipedia.org/."),
    TIME_ZONE: z
      .string()
      .default("UTC")
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, "TIME_ZONE must be a time zone name, e.g. Europe/Vilnius."),
  })
  .superRefine((env, ctx) => {
    // Runs after the fields' own checks; a field that failed them holds no usable value here.
    const text = (value: unknown) => (typeof value === "string" ? value : undefined);
    if (env.NODE_ENV === "production" && env.APP_ORIGIN === undefined) ctx.addIssue({ code: "custom", message: "APP_ORIGIN is missing: in production the app needs its public origin, such as https://help.example.org." });
    // Plain http only where the network itself protects it: this machine, or an onion service.
    for (const [name, value] of [["APP_ORIGIN", text(env.APP_ORIGIN)], ["ONION_ORIGIN", text(env.ONION_ORIGIN)]] as const) {
      if (!value || env.NODE_ENV !== "production") continue;
      const { protocol, hostname } = new URL(value);
      if (protocol === "http:" && !LOCAL_HOSTS.has(hostname) && !hostname.endsWith(".onion")) {
        ctx.addIssue({ code: "custom", message: `${name} must use https in production (plain http only for localhost or an .onion address).` });
      }
    }
    const onion = text(env.ONION_ORIGIN);
    if (onion && !ONION_HOST.test(new URL(onion).hostname)) {
      ctx.addIssue({ code: "custom", message: "ONION_ORIGIN must be a v3 onion address: 56 letters and digits, then .onion." });
    }
    if (env.SEND_ONION_LOCATION === true && env.ONION_ORIGIN === undefined) ctx.addIssue({ code: "custom", message: "SEND_ONION_LOCATION needs ONION_ORIGIN." });
    checkDatabaseEnv(env, ctx);
    // PostgreSQL keeps its files in plain form: nobody gets that by accident (docs/decisions/018).
    if (env.NODE_ENV === "production" && env.DATABASE_PROVIDER === "postgresql" && env.DATABASE_AT_REST !== "encrypted-volume") {
      ctx.addIssue({
        code: "custom",
        message: "DATABASE_AT_REST=encrypted-volume is missing: PostgreSQL does not encrypt its files, so in production the app runs on it only when its data volume is encrypted (LUKS, docs/operations.md) and you say so.",
      });
    }
  });

/** Every variable, for README's table (tested) and for `npm run setup`. */
export const VARIABLES = [...Object.keys(serverSchema.innerType().shape), ...SECRETS.map((name) => `${name}_FILE`)].sort();

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

const fileCache = new Map<string, string>();

/** NAME from NAME or from the file NAME_FILE names (its content, without the final newline). */
function withSecretsFromFiles(env: Env, problems: string[]): Env {
  const resolved = { ...env };
  for (const name of SECRETS) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) {
      problems.push(`${name} and ${name}_FILE are both set: set one of them.`);
      continue;
    }
    try {
      if (!fileCache.has(file)) fileCache.set(file, readFileSync(file, "utf8").replace(/\r?\n$/, ""));
      resolved[name] = fileCache.get(file);
    } catch (error) {
      problems.push(`${name}_FILE names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}): ${file}.`);
    }
  }
  return resolved;
}

function parse<S extends z.ZodTypeAny>(schema: S, env: Env): z.output<S> {
  const problems: string[] = [];
  // A variable set to nothing counts as not set.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const resolved = withSecretsFromFiles(given, problems);
  const parsed = schema.safeParse(resolved);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => issue.message));
  if (problems.length > 0 || !parsed.success) throw new ConfigError([...new Set(problems)]);
  return parsed.data;
}

export type DatabaseProvider = "sqlite" | "postgresql";
export type DatabaseConfig = { provider: DatabaseProvider; url: string; encryptionKey: string; busyTimeoutMs: number; cacheMiB: number; poolSize: number };

/** The database's part alone: what the CLI and the scripts need. */
export function databaseConfig(env: Env = process.env): DatabaseConfig {
  return databaseOf(parse(databaseSchema.superRefine(checkDatabaseEnv), env));
}

export type DocumentsConfig = { directory: string; masterKey: string };

/** The documents' part alone: for the backup and the key rotation. */
export function documentsConfig(env: Env = process.env): DocumentsConfig {
  const parsed = parse(documentsSchema, env);
  return { directory: parsed.DOCUMENTS_DIR, masterKey: parsed.DOCUMENT_MASTER_KEY! };
}

export type ServerConfig = ReturnType<typeof serverConfig>;

/** The whole configuration; throws a ConfigError listing every problem. */
export function serverConfig(env: Env = process.env) {
  const parsed = parse(serverSchema, env);
  return {
    production: parsed.NODE_ENV === "production",
    port: parsed.PORT,
    appOrigin: parsed.APP_ORIGIN ?? `http://localhost:${parsed.PORT}`,
    onionOrigin: parsed.ONION_ORIGIN ?? null,
    sendOnionLocation: parsed.SEND_ONION_LOCATION,
    trustProxy: parsed.TRUST_PROXY,
    publicPageCacheMs: parsed.PUBLIC_PAGE_CACHE_SECONDS * 1000,
    database: databaseOf(parsed),
    appSecret: parsed.APP_SECRET!,
    email: {
      resendApiKey: parsed.RESEND_API_KEY || null,
      resendBaseUrl: parsed.RESEND_BASE_URL ?? null,
      from: parsed.EMAIL_FROM,
      outboxIntervalMs: parsed.OUTBOX_INTERVAL_MS,
      sendTimeoutMs: parsed.EMAIL_SEND_TIMEOUT_MS,
    },
    reminderIntervalMs: parsed.REMINDER_INTERVAL_MS,
    requestRetentionDays: parsed.REQUEST_RETENTION_DAYS,
    personViewsPerHour: parsed.PERSON_VIEWS_PER_HOUR,
    messageRetentionDays: parsed.MESSAGE_RETENTION_DAYS,
    closedCaseRetentionMonths: parsed.CLOSED_CASE_RETENTION_MONTHS,
    reportMinCell: parsed.REPORT_MIN_CELL,
    documents: { directory: parsed.DOCUMENTS_DIR, masterKey: parsed.DOCUMENT_MASTER_KEY!, perCase: parsed.DOCUMENTS_PER_CASE, clamd: parsed.CLAMD_SOCKET ?? null },
    allowDemoData: parsed.ALLOW_DEMO_DATA,
    leaveNowUrl: new URL(parsed.LEAVE_NOW_URL).href,
    timeZone: parsed.TIME_ZONE,
  };
}
