// The demo data: 200 persons and everything around them, the same on every run of a day.
// Run by `prisma db seed` (prisma.config.ts) and by `npm run demo` on an empty database.
import { pathToFileURL } from "node:url";
import { hashPassword } from "../app/auth/password.server";
import { createDb, type Db } from "../app/db/client.server";
import { loadLocalEnv } from "../app/db/connection";
import { generateDemoData } from "./demo-data/generate";
import { writeDemoData } from "./demo-data/write";

/** The one password of every demo account. Demo only: README says so. */
export const DEMO_PASSWORD = "lilac-teapot-river-1450";
export const DEMO_SEED = 1450;
/** The one TOTP secret of every demo staff and partner account. Demo only: README says so. */
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPAFTERCAREDEMO234";

export async function seedDemo(db: Db, { persons = 200, log = console.log } = {}): Promise<void> {
  if ((await db.account.count()) > 0) {
    log("The database already has accounts: the demo data is not seeded again.");
    return;
  }
  const data = generateDemoData({ persons, seed: DEMO_SEED, passwordHash: await hashPassword(DEMO_PASSWORD), totpSecret: DEMO_TOTP_SECRET, today: new Date() });
  await writeDemoData(db, data);
  log(`Seeded the demo data: ${data.persons.length} persons, ${data.cases.length} cases, ${data.referrals.length} referrals.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  loadLocalEnv();
  const db = createDb();
  seedDemo(db)
    .finally(() => db.$disconnect())
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
