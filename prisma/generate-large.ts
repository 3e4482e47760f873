// Makes a large data set for benchmarks in a new database file of its own:
//   npm run db:generate-large -- 20000            -> data/benchmark-20000.db
//   npm run db:generate-large -- 20000 path/to.db
// It uses the same generator and key as the demo (DATABASE_ENCRYPTION_KEY).
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { hashPassword } from "../app/auth/password.server";
import { createDb } from "../app/db/client.server";
import { databaseConnection, loadLocalEnv } from "../app/db/connection";
import { generateDemoData } from "./demo-data/generate";
import { writeDemoData } from "./demo-data/write";
import { migrateDatabase } from "./migrate";
import { DEMO_PASSWORD, DEMO_SEED, DEMO_TOTP_SECRET } from "./seed";

const size = Number(process.argv[2]);
if (!Number.isInteger(size) || size < 1) {
  console.error("Usage: npm run db:generate-large -- <number of persons> [database file]");
  process.exit(2);
}
loadLocalEnv();
const file = resolve(process.argv[3] ?? `data/benchmark-${size}.db`);
mkdirSync(dirname(file), { recursive: true });
if (existsSync(file)) rmSync(file);
const env = { ...process.env, DATABASE_URL: `file:${file}` };

const started = performance.now();
migrateDatabase(env);
const db = createDb(databaseConnection(env));
const data = generateDemoData({ persons: size, seed: DEMO_SEED, passwordHash: await hashPassword(DEMO_PASSWORD), totpSecret: DEMO_TOTP_SECRET, today: new Date() });
const generated = performance.now();
await writeDemoData(db, data, (line) => console.log(`  ${line}`));
await db.$disconnect();
const seconds = (ms: number) => (ms / 1000).toFixed(1);
console.log(`Wrote ${size} persons to ${file}: generated in ${seconds(generated - started)} s, written in ${seconds(performance.now() - generated)} s.`);
