// Benchmark (not a test): server time of the caseload page and of a name search on the
// 20,000-person data set, through Remix's request handler and the production build (data,
// access checks, audit and HTML rendering; not the network). Prints median and 95th percentile.
//   npm run build && npm run bench:workspace          (makes data/benchmark-20000.db when missing)
//   npm run bench:workspace -- 5000                   (another size)
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadLocalEnv } from "../../app/db/connection";
import { writeLargeDataSet } from "../../prisma/generate-large";
import { migrateDatabase } from "../../prisma/migrate";

const size = Number(process.argv[2] ?? 20000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);

loadLocalEnv();
// The production build names the session cookie as production does.
Object.assign(process.env, { NODE_ENV: "production" });
process.env.DATABASE_ENCRYPTION_KEY ??= "benchmark-only-key-0123456789abcdef0123456789";
const file = resolve(`data/benchmark-${size}.db`);
if (!existsSync(file)) await writeLargeDataSet(size, file);
process.env.DATABASE_URL = `file:${file}`;
// A file made by an older version gets the newer migrations (indexes among them).
migrateDatabase();

// Imported after the environment points at the benchmark database.
const { db } = await import("../../app/db/client.server");
const { startSession } = await import("../../app/auth/session.server");
const { createRequestHandler } = await import("@remix-run/node");
const build = await import(pathToFileURL(resolve("build/index.js")).href);
const handle = createRequestHandler(build, "production");
const { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES } = await import("../../prisma/demo-data/names");

// The views are real and audited; the bulk-read limit does not apply to a list or a search.
async function cookieOf(email: string) {
  const account = await db().account.findUniqueOrThrow({ where: { email } });
  return (await startSession(account.id, account.role, { twoFactorVerified: true })).cookie.split(";")[0]!;
}
const caseworker = await cookieOf("caseworker@demo.local");
const coordinator = await cookieOf("coordinator@demo.local");
const page = (url: string, cookie: string) =>
  handle(new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }), { cspNonce: "bench", clientAddress: "127.0.0.1" });

async function measure(label: string, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const response = (await run(i)) as Response;
    if (response.status !== 200) throw new Error(`${label}: status ${response.status}`);
    await response.text();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  console.log(`${label.padEnd(44)} median ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms   (${RUNS} runs)`);
}

const names = [...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES].flatMap((first, i) => {
  const last = SURNAMES[i % SURNAMES.length]!;
  return [`${first.be} ${last.be}`, `${first.lat} ${last.lat}`, `${last.ru}`];
});

const persons = await db().person.count();
const cases = await db().case.count({ where: { assignments: { some: { account: { email: "caseworker@demo.local" } } } } });
console.log(`Data set: ${persons} persons; caseworker@demo.local holds ${cases} cases. Node ${process.version}.`);
await measure("caseload page, caseworker (/staff)", () => page("/staff", caseworker));
await measure("overview and board, coordinator (/staff)", () => page("/staff", coordinator));
await measure("name search, coordinator (/staff/search)", (i) => page(`/staff/search?q=${encodeURIComponent(names[i % names.length]!)}`, coordinator));
await measure("case code search, coordinator", () => page("/staff/search?q=AC-2", coordinator));
await db().$disconnect();
