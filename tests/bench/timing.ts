// Timing script (not a test): can anyone tell a known email address from an unknown one by how
// long the answer takes? For a password reset, an invitation and a failed sign-in, TIMING_ROUNDS
// (default 80) rounds, each in a random order: a known address, an unknown one, and a second
// unknown one (the null control). Prints medians and the Mann-Whitney z of known against unknown
// and of unknown against unknown; |z| < 2 means no difference this run can see.
//   npm run bench:timing
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

process.env.TEST_DB_DIR ??= mkdtempSync(join(tmpdir(), "aftercare-timing-"));
const { TEST_APP_SECRET, TEST_DOCUMENT_KEY, TEST_ENCRYPTION_KEY, BASE_DB, migrateTestDatabase } = await import("../setup/test-database");
Object.assign(process.env, { DATABASE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, APP_SECRET: TEST_APP_SECRET, DOCUMENT_MASTER_KEY: TEST_DOCUMENT_KEY, NODE_ENV: "test" });
const ROUNDS = Number(process.env.TIMING_ROUNDS ?? 80);

migrateTestDatabase(BASE_DB);
const { freshDatabase, closeDatabase } = await import("../setup/fresh-database");
const { makeAccount } = await import("../fixtures/accounts");
const { formPost } = await import("../fixtures/requests");
const { startSession } = await import("../../app/auth/session.server");
const { workAfterResponses } = await import("../../app/jobs/after-response.server");
const { db } = await import("../../app/db/client.server");
const { action: resetAction } = await import("../../app/routes/reset-password._index");
const { action: inviteAction } = await import("../../app/routes/admin.accounts");
const { action: loginAction } = await import("../../app/routes/login");

type Post = (email: string, address: string) => Promise<unknown>;
let address = 0;
const nextAddress = () => `198.51.${Math.floor(++address / 250)}.${address % 250}`;
const args = (request: Request, clientAddress: string) => ({ request, params: {}, context: { cspNonce: "t", clientAddress } }) as never;

/** Mann-Whitney U as a z score (normal approximation, ties averaged). */
function mannWhitneyZ(a: number[], b: number[]): number {
  const all = [...a.map((value) => ({ value, group: 0 })), ...b.map((value) => ({ value, group: 1 }))].sort((x, y) => x.value - y.value);
  const ranks = new Array<number>(all.length);
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.value === all[i]!.value) j++;
    for (let k = i; k <= j; k++) ranks[k] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const rankSumA = all.reduce((sum, item, i) => (item.group === 0 ? sum + ranks[i]! : sum), 0);
  const u = rankSumA - (a.length * (a.length + 1)) / 2;
  const mean = (a.length * b.length) / 2;
  const sd = Math.sqrt((a.length * b.length * (a.length + b.length + 1)) / 12);
  return (u - mean) / sd;
}
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

async function measure(name: string, post: Post, known: string[]) {
  const times = { known: [] as number[], unknownA: [] as number[], unknownB: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const kinds = (["known", "unknownA", "unknownB"] as const).slice().sort(() => Math.random() - 0.5);
    for (const kind of kinds) {
      const email = kind === "known" ? known[round % known.length]! : `nobody-${kind}-${round}-${Math.random().toString(36).slice(2)}@example.org`;
      const began = performance.now();
      await post(email, nextAddress());
      times[kind].push(performance.now() - began);
      await workAfterResponses(); // outside the measured time: the answer has gone out by then
    }
  }
  const zKnown = mannWhitneyZ(times.known, [...times.unknownA, ...times.unknownB]);
  const zNull = mannWhitneyZ(times.unknownA, times.unknownB);
  console.log(
    `${name.padEnd(16)} median known ${median(times.known).toFixed(2)} ms, unknown ${median(times.unknownA).toFixed(2)} / ${median(times.unknownB).toFixed(2)} ms; ` +
      `z known vs unknown ${zKnown.toFixed(2)}, z unknown vs unknown (null control) ${zNull.toFixed(2)}  ${Math.abs(zKnown) < 2 ? "no difference seen" : "DIFFERENT"}`,
  );
  return Math.abs(zKnown) < 2;
}

await freshDatabase();
console.log(`Known and unknown email addresses, ${ROUNDS} interleaved rounds each, Node ${process.version}, ${new Date().toISOString()}`);
const accounts = [];
for (let i = 0; i < ROUNDS; i++) accounts.push(await makeAccount("caseworker", { email: `known-${i}@example.org` }));
const admin = await makeAccount("admin");
const adminCookie = (await startSession(admin.id, admin.role, { twoFactorVerified: true })).cookie.split(";")[0]!;
const known = accounts.map((a) => a.email);

const results = [
  await measure("password reset", (email, from) => resetAction(args(formPost("/reset-password", { email }), from)), known),
  await measure("invitation", (email, from) => inviteAction(args(formPost("/admin/accounts", { intent: "invite", email, displayName: "X", role: "caseworker", locale: "en" }, { Cookie: adminCookie }), from)), known),
  await measure("sign-in", (email, from) => loginAction(args(formPost("/login", { email, password: "not the password at all" }), from)), known),
];
await db().$disconnect();
await closeDatabase();
process.exit(results.every(Boolean) ? 0 : 1);
