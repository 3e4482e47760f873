// The configuration: one schema for every variable, one sentence per problem that names the
// variable and never shows a secret; secrets from files; README's table and the schema alike.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, databaseConfig, serverConfig, VARIABLES } from "~/config/env.server";

const KEY = "k".repeat(40);
const SECRET = "s".repeat(40);
const DOCUMENT_KEY = "d".repeat(40);
const valid = { DATABASE_ENCRYPTION_KEY: KEY, APP_SECRET: SECRET, DOCUMENT_MASTER_KEY: DOCUMENT_KEY };

function problems(env: Record<string, string>): string[] {
  try {
    serverConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("the configuration", () => {
  it("is valid with the three secrets and gives the defaults", () => {
    const config = serverConfig(valid);
    expect(config).toMatchObject({ production: false, port: 3000, appOrigin: "http://localhost:3000", trustProxy: 0, onionOrigin: null, allowDemoData: false });
    expect(config.email).toMatchObject({ from: "no-reply@localhost", outboxIntervalMs: 10_000, sendTimeoutMs: 10_000, resendApiKey: null });
  });

  it("names every missing or malformed variable in a sentence of its own, and never a secret's value", () => {
    const found = problems({ DATABASE_ENCRYPTION_KEY: "short-secret-value", PORT: "eighty", TRUST_PROXY: "-1", NODE_ENV: "production", OUTBOX_INTERVAL_MS: "1.5" });
    expect(found).toEqual(
      expect.arrayContaining([
        "DATABASE_ENCRYPTION_KEY must be at least 32 characters long.",
        'PORT must be a whole number from 0 to 65535 (it is "eighty").',
        'TRUST_PROXY must be a whole number from 0 to 10 (it is "-1").',
        'OUTBOX_INTERVAL_MS must be a whole number from 100 to 3600000 (it is "1.5").',
        expect.stringMatching(/^APP_SECRET \(or APP_SECRET_FILE\) is missing/),
      ]),
    );
    for (const problem of found) expect(problem).toMatch(/^[A-Z_]+ /);
    expect(found.join("\n")).not.toContain("short-secret-value");
  });

  it("wants an https APP_ORIGIN in production, except on this machine or an onion address", () => {
    expect(problems({ ...valid, NODE_ENV: "production" })).toEqual([expect.stringMatching(/^APP_ORIGIN is missing/)]);
    expect(problems({ ...valid, NODE_ENV: "production", APP_ORIGIN: "http://help.example.org" })).toEqual(["APP_ORIGIN must use https in production (plain http only for localhost or an .onion address)."]);
    expect(problems({ ...valid, NODE_ENV: "production", APP_ORIGIN: "https://help.example.org/path" })).toEqual([expect.stringMatching(/^APP_ORIGIN must be an http\(s\) origin without a path/)]);
    expect(problems({ ...valid, NODE_ENV: "production", APP_ORIGIN: "http://localhost:3000" })).toEqual([]);
    expect(serverConfig({ ...valid, NODE_ENV: "production", APP_ORIGIN: "https://help.example.org/" }).appOrigin).toBe("https://help.example.org");
  });

  it("takes PostgreSQL with its own URL, without the file's key, and in production only on a volume said to be encrypted", () => {
    const postgres = { APP_SECRET: SECRET, DOCUMENT_MASTER_KEY: DOCUMENT_KEY, DATABASE_PROVIDER: "postgresql", DATABASE_URL: "postgresql://aftercare@127.0.0.1:5432/aftercare" };
    expect(serverConfig(postgres).database).toMatchObject({ provider: "postgresql", url: postgres.DATABASE_URL, poolSize: 10 });
    expect(problems({ ...postgres, DATABASE_URL: "file:./data/aftercare.db" })).toEqual([expect.stringMatching(/^DATABASE_URL must be a postgresql:\/\/ URL when DATABASE_PROVIDER is postgresql/)]);
    const production = { ...postgres, NODE_ENV: "production", APP_ORIGIN: "https://help.example.org" };
    expect(problems(production)).toEqual([expect.stringMatching(/^DATABASE_AT_REST=encrypted-volume is missing: PostgreSQL does not encrypt its files/)]);
    expect(problems({ ...production, DATABASE_AT_REST: "encrypted-volume" })).toEqual([]);
    expect(problems({ ...production, DATABASE_AT_REST: "yes" })).toEqual(expect.arrayContaining([expect.stringMatching(/^DATABASE_AT_REST must be encrypted-volume/)]));
    // The embedded file needs its key, and a file: URL.
    expect(problems({ APP_SECRET: SECRET, DOCUMENT_MASTER_KEY: DOCUMENT_KEY })).toEqual([expect.stringMatching(/^DATABASE_ENCRYPTION_KEY \(or DATABASE_ENCRYPTION_KEY_FILE\) is missing/)]);
    expect(problems({ ...valid, DATABASE_URL: "postgresql://x@y/z" })).toEqual(["DATABASE_URL must be a file: URL, such as file:./data/aftercare.db."]);
    expect(problems({ ...valid, DATABASE_PROVIDER: "mysql" })).toEqual(["DATABASE_PROVIDER must be sqlite or postgresql."]);
  });

  it("takes a v3 onion origin only, and Onion-Location only with one", () => {
    const onion = `http://${"a".repeat(56)}.onion`;
    expect(serverConfig({ ...valid, ONION_ORIGIN: onion, SEND_ONION_LOCATION: "1" })).toMatchObject({ onionOrigin: onion, sendOnionLocation: true });
    expect(problems({ ...valid, ONION_ORIGIN: "http://short.onion" })).toEqual(["ONION_ORIGIN must be a v3 onion address: 56 letters and digits, then .onion."]);
    expect(problems({ ...valid, SEND_ONION_LOCATION: "1" })).toEqual(["SEND_ONION_LOCATION needs ONION_ORIGIN."]);
    expect(problems({ ...valid, SEND_ONION_LOCATION: "yes" })).toEqual(['SEND_ONION_LOCATION must be 1 or 0 (it is "yes").']);
  });

  it("reads secrets from files, and refuses both a value and a file, or a file it cannot read", () => {
    const dir = mkdtempSync(join(tmpdir(), "aftercare-config-"));
    writeFileSync(join(dir, "database.key"), `${KEY}\n`, { mode: 0o600 });
    expect(databaseConfig({ DATABASE_ENCRYPTION_KEY_FILE: join(dir, "database.key") }).encryptionKey).toBe(KEY);
    expect(problems({ ...valid, APP_SECRET_FILE: join(dir, "database.key") })).toEqual(["APP_SECRET and APP_SECRET_FILE are both set: set one of them."]);
    expect(problems({ APP_SECRET: SECRET, DOCUMENT_MASTER_KEY: DOCUMENT_KEY, DATABASE_ENCRYPTION_KEY_FILE: join(dir, "missing.key") })).toEqual([
      `DATABASE_ENCRYPTION_KEY_FILE names a file that cannot be read (ENOENT): ${join(dir, "missing.key")}.`,
      expect.stringMatching(/^DATABASE_ENCRYPTION_KEY \(or DATABASE_ENCRYPTION_KEY_FILE\) is missing/),
    ]);
  });

  it("is what README's configuration table lists, no more and no less", () => {
    const readme = readFileSync("README.md", "utf8");
    const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("## Measured"));
    const listed = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]).sort();
    expect(listed).toEqual(VARIABLES);
  });
});
