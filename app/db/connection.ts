// Where the database is and the key that opens it. Shared by the app, the Prisma CLI
// (prisma.config.ts), the seed and the tests, so that all of them open the file the same way.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { databaseConfig, type DatabaseProvider } from "../config/env.server";

/** Without a provider: the embedded file (the tests and scripts that name a file give only url and key). */
export type DatabaseConnection = { provider?: DatabaseProvider; url: string; encryptionKey: string; busyTimeoutMs?: number; cacheMiB?: number; poolSize?: number };

const LOCAL_ENV_FILE = ".env";

/** Loads the git-ignored `.env` beside package.json, if there is one. Variables already set win. */
export function loadLocalEnv(file = LOCAL_ENV_FILE): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** The database's variables, checked (config/env.server.ts), and its folder, which must exist. */
export function databaseConnection(env: Record<string, string | undefined> = process.env): DatabaseConnection {
  const config = databaseConfig(env);
  const path = databaseFilePath(config.url);
  if (path && !existsSync(dirname(path))) {
    throw new Error(`The folder of the database file does not exist: ${dirname(path)}. Create it or fix DATABASE_URL.`);
  }
  return config;
}

/** The file behind a `file:` URL (without its `?mode=ro`), or null for anything else. */
export function databaseFilePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  return resolve(url.slice("file:".length).replace(/\?.*$/, "").replace(/^\/\/(?=\/)/, ""));
}

/** `file:…?mode=ro` opens the file read-only (a reporting copy, or a check). */
export function isReadOnlyUrl(url: string): boolean {
  return /[?&]mode=ro(&|$)/.test(url);
}

/** libSQL's errors are terse; say what they mean. */
export function explainDatabaseError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes("SQLITE_NOTADB") || message.includes("file is not a database")) {
    return new Error(
      "The database file could not be opened: the encryption key is wrong or missing (SQLITE_NOTADB). " +
        "Check DATABASE_ENCRYPTION_KEY; a backup opens only with the key it was made with.",
      { cause: error },
    );
  }
  if (message.includes("External error id#0")) {
    return new Error("The database file could not be created or opened: check that its folder exists and is writable.", {
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(message);
}
