// Starts the production build for the end-to-end tests on a new demo database of its own,
// sending email through the real Resend SDK to a local fake that the tests can read.
import { mkdirSync, rmSync } from "node:fs";
import { createDb } from "../../app/db/client.server";
import { migrateDatabase } from "../../prisma/migrate";
import { seedDemo } from "../../prisma/seed";
import { startFakeResend } from "../fixtures/fake-resend";
import { TEST_APP_SECRET, TEST_DOCUMENT_KEY, TEST_ENCRYPTION_KEY } from "../setup/test-database";
import { FAKE_RESEND_PORT } from "./mailbox";
import { NEUTRAL_SITE } from "./neutral-site";

const file = "tests/.tmp/e2e.db";
mkdirSync("tests/.tmp", { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
const documents = "tests/.tmp/e2e-documents";
rmSync(documents, { recursive: true, force: true });
const resend = await startFakeResend(FAKE_RESEND_PORT);
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: `file:./${file}`,
  DATABASE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
  APP_SECRET: TEST_APP_SECRET,
  DOCUMENT_MASTER_KEY: TEST_DOCUMENT_KEY,
  DOCUMENTS_DIR: documents,
  ALLOW_DEMO_DATA: "1",
  RESEND_API_KEY: "re_e2e_fake",
  RESEND_BASE_URL: resend.baseUrl,
  OUTBOX_INTERVAL_MS: "1000",
  LEAVE_NOW_URL: NEUTRAL_SITE,
});

migrateDatabase();
const db = createDb();
await seedDemo(db, { log: () => {} });
await db.$disconnect();
// The production build, as `npm start` runs it. The path is a variable so that the type check,
// which runs before the build exists, does not look for it.
const productionServer = "../../build/server.js";
await import(productionServer);
