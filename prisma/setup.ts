// npm run setup   Prepares a real installation in this folder: no demo data.
// Asks in a terminal, or reads from the environment (for scripts and the tests):
//   APP_ORIGIN               the public origin, such as https://help.example.org
//   SETUP_ADMIN_EMAIL        the first administrator, who gets a one-time link
//   SETUP_ORGANIZATION_NAME  the organisation's name (passwords may not contain it)
//   SETUP_SECRETS_DIR        where the generated key and secret go (default ./secrets)
//   DATABASE_URL, DATABASE_ENCRYPTION_KEY(_FILE), APP_SECRET(_FILE), DOCUMENT_MASTER_KEY(_FILE): used when given
// It writes .env (mode 600) with the settings and the paths of the secret files (mode 600,
// never printed), builds, creates and migrates the database, and invites the administrator.
// Run again, it changes nothing and says so.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { ConfigError, serverConfig } from "../app/config/env.server";
import { createDb } from "../app/db/client.server";
import { databaseFilePath, loadLocalEnv } from "../app/db/connection";
import { committedMigrations, inspectDatabase } from "../app/db/health.server";
import { prepareInstallation, SetupRefused } from "../app/install/setup.server";
import { migrateDatabase } from "./migrate";

const ENV_FILE = ".env";
const say = (line: string) => console.log(line);
const changes: string[] = [];

function fail(message: string): never {
  console.error(`Setup stopped: ${message}`);
  process.exit(1);
}

const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (!((major === 20 && minor >= 18) || major >= 22)) fail(`Node ${process.versions.node} is too old: Aftercare needs Node 20.18 or later.`);

const hadEnvFile = existsSync(ENV_FILE);
loadLocalEnv(ENV_FILE);
const terminal = process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : null;

async function ask(variable: string, question: string, fallback?: string): Promise<string> {
  const given = process.env[variable];
  if (given) return given;
  if (!terminal) {
    if (fallback !== undefined) return fallback;
    fail(`${variable} is not set, and there is no terminal to ask in.`);
  }
  const answer = (await terminal.question(`${question}${fallback ? ` [${fallback}]` : ""}: `)).trim();
  return answer || fallback || fail(`${variable} is needed.`);
}

/** A new random secret in a file only its owner can read; returns the file's path. */
function secretFile(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = resolve(dir, name);
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString("hex") + "\n", { mode: 0o600 });
    changes.push(`generated ${file} (readable by this user only)`);
  }
  return file;
}

// --- The configuration: .env and the secret files --------------------------------------------
if (!hadEnvFile) {
  const appOrigin = await ask("APP_ORIGIN", "The public address people will use (https://…)");
  const secretsDir = resolve(process.env.SETUP_SECRETS_DIR || "secrets");
  const lines = ["# Written by npm run setup. Settings: README's configuration table.", "NODE_ENV=production", `APP_ORIGIN=${appOrigin}`];
  if (process.env.DATABASE_URL) lines.push(`DATABASE_URL=${process.env.DATABASE_URL}`);
  for (const [name, file] of [["DATABASE_ENCRYPTION_KEY", "database.key"], ["APP_SECRET", "app.secret"], ["DOCUMENT_MASTER_KEY", "document-master.key"]] as const) {
    if (process.env[name] || process.env[`${name}_FILE`]) continue; // given by the environment: kept there
    const path = secretFile(secretsDir, file);
    lines.push(`${name}_FILE=${path}`);
    process.env[`${name}_FILE`] = path;
  }
  Object.assign(process.env, { NODE_ENV: "production", APP_ORIGIN: appOrigin });
  checkedConfig(); // before anything is written that a second run would trust
  writeFileSync(ENV_FILE, lines.join("\n") + "\n", { mode: 0o600 });
  changes.push(`wrote ${resolve(ENV_FILE)} (mode 600)`);
}
// An installation made before the documents (issue 18) gets their master key the same way, once.
if (hadEnvFile && !process.env.DOCUMENT_MASTER_KEY && !process.env.DOCUMENT_MASTER_KEY_FILE) {
  const path = secretFile(resolve(process.env.SETUP_SECRETS_DIR || "secrets"), "document-master.key");
  appendFileSync(ENV_FILE, `DOCUMENT_MASTER_KEY_FILE=${path}\n`);
  process.env.DOCUMENT_MASTER_KEY_FILE = path;
  changes.push(`added DOCUMENT_MASTER_KEY_FILE to ${resolve(ENV_FILE)}`);
}
const config = checkedConfig();

function checkedConfig() {
  try {
    return serverConfig({ ...process.env, NODE_ENV: "production" });
  } catch (error) {
    if (error instanceof ConfigError) fail(`the configuration is not usable:\n- ${error.problems.join("\n- ")}`);
    throw error;
  }
}

// --- The build ---------------------------------------------------------------------------------
const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"] });
if (!existsSync("build/server.js")) {
  say("Building…");
  run("npm", ["run", "--silent", "build"]);
  changes.push("built the app into build/");
}

// --- The database ----------------------------------------------------------------------------
// The embedded file is made here; a PostgreSQL database is made by its server's administrator (docs/operations.md).
const file = databaseFilePath(config.database.url);
if (file && !existsSync(file)) {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  changes.push(`created the database ${file}`);
}
const pending = !file || existsSync(file) ? (await inspectDatabase(config.database)).pending : committedMigrations();
if (pending.length > 0) {
  migrateDatabase({ ...process.env, DATABASE_URL: config.database.url });
  changes.push(`applied ${pending.length} migration(s)`);
}

const db = createDb(config.database);
try {
  const adminEmail = await ask("SETUP_ADMIN_EMAIL", "The first administrator's email address");
  const organizationName = await ask("SETUP_ORGANIZATION_NAME", "The organisation's name", "Aftercare");
  const result = await prepareInstallation(db, { appOrigin: config.appOrigin, adminEmail, organizationName, locale: "en" });
  changes.push(...result.done);
  if (changes.length === 0) {
    say("Nothing changed: this installation is set up already (configuration, build, database, administrator).");
  } else {
    say(`Set up:\n- ${changes.join("\n- ")}`);
  }
  if (result.adminLink) {
    say(`\nThe first administrator sets a password and a second factor at this link, once, within 48 hours:\n${result.adminLink}\n`);
    say("Start the app with `npm start` (or the systemd unit in docs/operations/), then open the link.");
  }
} catch (error) {
  if (error instanceof SetupRefused) fail(error.message);
  throw error;
} finally {
  await db.$disconnect();
  terminal?.close();
}
