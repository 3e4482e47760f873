// The shipped operations files, checked by the programs that will read them (Debian's nginx, tor
// and systemd), and the production server behind them: through nginx with TLS (a self-signed
// certificate made here), and as an onion service (tor hands requests to the app with the onion
// address as Host).
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { TEST_APP_SECRET, TEST_DOCUMENT_KEY, TEST_ENCRYPTION_KEY } from "../setup/test-database";

const run = promisify(execFile);
const OPS = resolve("docs/operations");
const APP_PORT = 3220;
const TLS_PORT = 18443;
const PLAIN_PORT = 18080;
const APP_ORIGIN = `https://localhost:${TLS_PORT}`;
const ONION = `${"a".repeat(52)}bcde.onion`;
const ONION_ORIGIN = `http://${ONION}`;

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One request, with full control of Host and Origin, and any certificate accepted (self-signed here). */
function send(url: string, { method = "GET", headers = {}, form }: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {}): Promise<Answer> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const target = new URL(url);
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((done, fail) => {
    const req = request(
      target,
      { method, rejectUnauthorized: false, headers: { ...headers, ...(body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)) } : {}) } },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", fail);
    req.end(body);
  });
}

let dir = "";
const children: ChildProcess[] = [];
test.afterAll(() => {
  for (const child of children) child.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test.describe.configure({ mode: "serial" });

test("the shipped nginx site passes nginx -t, and through it the app answers with its headers and signs in", async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), "aftercare-deploy-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });

  // The shipped site, with this test's certificate, ports and folders in place of the server's.
  const site = readFileSync(join(OPS, "nginx-aftercare.conf"), "utf8")
    .replaceAll("/etc/letsencrypt/live/help.example.org/fullchain.pem", join(dir, "cert.pem"))
    .replaceAll("/etc/letsencrypt/live/help.example.org/privkey.pem", join(dir, "key.pem"))
    .replaceAll("/var/log/nginx/", `${dir}/`)
    .replaceAll("help.example.org", "localhost")
    .replace(/listen (\[::\]:)?80;/g, `listen $1${PLAIN_PORT};`)
    .replace(/listen (\[::\]:)?443 ssl/g, `listen $1${TLS_PORT} ssl`)
    .replaceAll("127.0.0.1:3000", `127.0.0.1:${APP_PORT}`);
  writeFileSync(join(dir, "site.conf"), site);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((name) => `${name}_temp_path ${dir}/${name};`).join("\n  ");
  writeFileSync(join(dir, "nginx.conf"), `daemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/nginx-error.log;\nevents {}\nhttp {\n  ${temp}\n  include ${dir}/site.conf;\n}\n`);
  const checked = await run("nginx", ["-t", "-c", join(dir, "nginx.conf"), "-p", dir]);
  expect(checked.stderr).toContain("test is successful");

  // The app on loopback, on a demo database of its own, as the proxy's upstream.
  const database = join(dir, "aftercare.db");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(APP_PORT),
    APP_ORIGIN,
    ONION_ORIGIN,
    SEND_ONION_LOCATION: "1",
    TRUST_PROXY: "1",
    ALLOW_DEMO_DATA: "1",
    DATABASE_URL: `file:${database}`,
    DATABASE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    APP_SECRET: TEST_APP_SECRET,
    DOCUMENT_MASTER_KEY: TEST_DOCUMENT_KEY,
    DOCUMENTS_DIR: join(dir, "documents"),
  };
  await run("node_modules/.bin/prisma", ["migrate", "deploy"], { env });
  await run("node_modules/.bin/tsx", ["prisma/seed.ts"], { env });
  const app = spawn("node", ["build/server.js"], { env, stdio: "ignore" });
  const nginx = spawn("nginx", ["-c", join(dir, "nginx.conf"), "-p", dir], { stdio: "ignore" });
  children.push(app, nginx);
  await expect.poll(() => send(`${APP_ORIGIN}/healthz`).then((a) => a.status, () => 0), { timeout: 60_000 }).toBe(200);

  const page = await send(`${APP_ORIGIN}/help?track=medical`);
  expect(page.status).toBe(200);
  expect(page.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(page.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
  expect(page.headers["onion-location"]).toBe(`${ONION_ORIGIN}/help?track=medical`);
  expect(page.headers["server"]).toBe("nginx"); // no version

  // A sign-in through the proxy: the Origin check and Remix's Host check both pass.
  const signIn = await send(`${APP_ORIGIN}/login`, { method: "POST", headers: { Origin: APP_ORIGIN }, form: { email: "admin@demo.local", password: DEMO_PASSWORD, redirectTo: "" } });
  expect(signIn.status).toBe(302);
  expect(signIn.headers.location).toBe("/two-factor");
  expect(String(signIn.headers["set-cookie"])).toMatch(/^__Host-aftercare-session=.*; Secure/);
  const foreign = await send(`${APP_ORIGIN}/login`, { method: "POST", headers: { Origin: "https://evil.example" }, form: { email: "admin@demo.local", password: DEMO_PASSWORD } });
  expect(foreign.status).toBe(403);

  // Plain http is sent to https; the access log has no query string and no address.
  expect((await send(`http://localhost:${PLAIN_PORT}/help`)).status).toBe(301);
  const log = readFileSync(join(dir, "aftercare.access.log"), "utf8");
  expect(log).toContain('"GET /help"');
  expect(log).not.toContain("track=medical");
  expect(log).not.toMatch(/127\.0\.0\.1|::1/);
});

test("as an onion service: its own origin passes the Origin check, any other is refused, and nothing insists on https", async () => {
  // What tor sends to the app: the onion address as Host, straight to loopback.
  const viaTor = (path: string, options: Parameters<typeof send>[1] = {}) => send(`http://127.0.0.1:${APP_PORT}${path}`, { ...options, headers: { Host: ONION, ...options.headers } });
  const page = await viaTor("/help");
  expect(page.status).toBe(200);
  expect(page.headers["strict-transport-security"]).toBeUndefined();
  expect(page.headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
  expect(page.headers["onion-location"]).toBeUndefined();

  const form = { email: "admin@demo.local", password: DEMO_PASSWORD, redirectTo: "" };
  const accepted = await viaTor("/login", { method: "POST", headers: { Origin: ONION_ORIGIN }, form });
  expect(accepted.status).toBe(302);
  expect(accepted.headers.location).toBe("/two-factor");
  for (const origin of [`http://${"b".repeat(52)}bcde.onion`, APP_ORIGIN.replace("https", "http"), "null"]) {
    expect((await viaTor("/login", { method: "POST", headers: { Origin: origin }, form })).status).toBe(403);
  }
});

test("the shipped torrc passes tor --verify-config", async () => {
  const torDir = join(dir, "tor");
  mkdirSync(torDir, { mode: 0o700 });
  const torrc = readFileSync(join(OPS, "torrc-aftercare"), "utf8").replace("/var/lib/tor/aftercare/", `${torDir}/hidden-service/`);
  writeFileSync(join(torDir, "torrc"), `DataDirectory ${torDir}/data\n${torrc}`);
  const { stdout } = await run("tor", ["--verify-config", "-f", join(torDir, "torrc")]);
  expect(stdout).toContain("Configuration was valid");
});

test("the shipped systemd units pass systemd-analyze verify", async () => {
  // systemd-analyze checks that the programs exist: the units' /opt/aftercare becomes a copy here.
  const unitDir = join(dir, "units");
  const root = join(dir, "opt-aftercare");
  for (const folder of ["build", "node_modules/.bin", "prisma", "data"]) mkdirSync(join(root, folder), { recursive: true });
  for (const file of ["build/server.js", "node_modules/.bin/tsx", "prisma/backup.ts"]) writeFileSync(join(root, file), "", { mode: 0o755 });
  mkdirSync(unitDir);
  for (const unit of ["aftercare.service", "aftercare-backup.service", "aftercare-backup.timer"]) {
    writeFileSync(join(unitDir, unit), readFileSync(join(OPS, unit), "utf8").replaceAll("/opt/aftercare", root));
  }
  const { stderr } = await run("systemd-analyze", ["verify", ...["aftercare.service", "aftercare-backup.service", "aftercare-backup.timer"].map((unit) => join(unitDir, unit))]);
  expect(stderr).toBe("");
});
