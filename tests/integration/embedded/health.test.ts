// /healthz says ok only when the database opens with the key, has every migration and takes a
// write; the server refuses to start on a file that is missing or not migrated. (On either
// database, the ok case: tests/integration/health.test.ts.)
import { execFile } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "libsql";
import { afterEach, describe, expect, it, vi } from "vitest";
import { assertDatabaseReady } from "~/db/health.server";
import { loader as healthz } from "~/routes/healthz";
import { BASE_DB, TEST_DB_DIR, TEST_ENCRYPTION_KEY } from "../../setup/test-database";

const run = promisify(execFile);
const files: string[] = [];
const fileFor = (name: string) => {
  const file = join(TEST_DB_DIR, `health-${process.pid}-${name}-${files.length}.db`);
  files.push(file);
  return file;
};

type WithDb = { aftercareDb?: { $disconnect(): Promise<void> } };
/** Points the app's one client at another file, as a different DATABASE_URL would. */
async function useDatabase(file: string) {
  const global = globalThis as WithDb;
  await global.aftercareDb?.$disconnect();
  global.aftercareDb = undefined;
  process.env.DATABASE_URL = `file:${file}`;
}

afterEach(() => {
  for (const file of files.splice(0)) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});

async function health() {
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const response = await healthz();
  return { status: response.status, body: await response.text(), logged: errors.mock.calls.map((call) => call.join(" ")).join("\n") };
}

describe("the health check", () => {
  it("is 503 for a database without its migrations, with the reason in the log only", async () => {
    const file = fileFor("empty");
    const empty = new Database(file, { encryptionKey: TEST_ENCRYPTION_KEY } as Database.Options);
    empty.exec("CREATE TABLE Something (id INTEGER)");
    empty.close();
    await useDatabase(file);
    const answer = await health();
    expect(answer).toMatchObject({ status: 503, body: "database unavailable\n" });
    expect(answer.logged).toMatch(/migration\(s\) not applied/);
  });

  it("is 503 for a file that is gone, and for one that cannot be written", async () => {
    const missing = fileFor("missing");
    await useDatabase(missing);
    expect(await health()).toMatchObject({ status: 503 });

    const readOnly = fileFor("read-only");
    copyFileSync(BASE_DB, readOnly);
    await useDatabase(`${readOnly}?mode=ro`);
    const answer = await health();
    expect(answer.status).toBe(503);
    expect(answer.logged).toMatch(/readonly|read-only/i);
  });
});

describe("starting the server", () => {
  it("refuses a missing file and a file without migrations, saying what to run", async () => {
    const missing = fileFor("never-created");
    await expect(assertDatabaseReady({ url: `file:${missing}`, encryptionKey: TEST_ENCRYPTION_KEY })).rejects.toThrow(/no database file .*npm run db:migrate/i);
    const empty = fileFor("unmigrated");
    new Database(empty, { encryptionKey: TEST_ENCRYPTION_KEY } as Database.Options).close();
    await expect(assertDatabaseReady({ url: `file:${empty}`, encryptionKey: TEST_ENCRYPTION_KEY })).rejects.toThrow(/missing \d+ migration\(s\).*npm run db:migrate/);
    await expect(assertDatabaseReady({ url: `file:${BASE_DB}`, encryptionKey: TEST_ENCRYPTION_KEY })).resolves.toBeUndefined();
  });

  /** Starts the server as `npm start` would, with `env` on top of the tests' own; it is expected to refuse. */
  async function refusal(env: Record<string, string>) {
    const started = run("node_modules/.bin/tsx", ["app/server/server.ts"], { env: { ...process.env, PORT: "0", ...env } });
    return started.then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
  }

  it("exits with that sentence, and without creating the file", { timeout: 60_000 }, async () => {
    const missing = fileFor("server-start");
    const failure = await refusal({ DATABASE_URL: `file:${missing}` });
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/There is no database file at .*Create it with `npm run db:migrate`/);
    expect((await import("node:fs")).existsSync(missing)).toBe(false);
  });

  it("refuses a demo database in production unless ALLOW_DEMO_DATA=1, in one sentence that names it", { timeout: 60_000 }, async () => {
    const demo = fileFor("demo");
    copyFileSync(BASE_DB, demo);
    const connection = new Database(demo, { encryptionKey: TEST_ENCRYPTION_KEY } as Database.Options);
    connection.prepare("INSERT INTO Setting (key, value, updatedAt) VALUES ('demo_data', '1', 0)").run();
    connection.close();
    const production = { NODE_ENV: "production", APP_ORIGIN: "http://localhost:3999", DATABASE_URL: `file:${demo}` };
    const failure = await refusal(production);
    expect(failure.code).toBe(1);
    expect(failure.stderr.trim()).toBe("This database holds the demo data, whose accounts share a published password: set ALLOW_DEMO_DATA=1 to serve it anyway, never with real people's data.");
  });

  it("refuses a missing or malformed variable, one sentence each, naming it", { timeout: 60_000 }, async () => {
    // Empty, not absent: a developer's .env must not fill them in.
    const failure = await refusal({ NODE_ENV: "production", APP_ORIGIN: "", APP_SECRET: "", PORT: "eighty" });
    expect(failure.code).toBe(1);
    expect(failure.stderr.trim().split("\n")).toEqual([
      "The configuration is not usable:",
      '- PORT must be a whole number from 0 to 65535 (it is "eighty").',
      "- APP_SECRET (or APP_SECRET_FILE) is missing: it keys the rate limits; make one with `openssl rand -hex 32`.",
      "- APP_ORIGIN is missing: in production the app needs its public origin, such as https://help.example.org.",
    ]);
  });
});
