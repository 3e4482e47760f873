// Starts the production build for the end-to-end tests on a new demo database of its own.
import { mkdirSync, rmSync } from "node:fs";
import { createDb } from "../../app/db/client.server";
import { migrateDatabase } from "../../prisma/migrate";
import { seedDemo } from "../../prisma/seed";
import { TEST_ENCRYPTION_KEY } from "../setup/test-database";

const file = "tests/.tmp/e2e.db";
mkdirSync("tests/.tmp", { recursive: true });
rmSync(file, { force: true });
Object.assign(process.env, { NODE_ENV: "production", DATABASE_URL: `file:./${file}`, DATABASE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY });

migrateDatabase();
const db = createDb();
await seedDemo(db, { log: () => {} });
await db.$disconnect();
await import("../../app/http/server");
