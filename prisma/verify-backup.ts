// npm run db:verify-backup -- <backup file>   A restore drill without restoring: the backup opens
// with DATABASE_ENCRYPTION_KEY, passes SQLite's integrity check, and has this version's migrations.
import { committedMigrations } from "../app/db/health.server";
import { databaseConfig } from "../app/config/env.server";
import { loadLocalEnv } from "../app/db/connection";
import { verifyBackup } from "../app/db/maintenance";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:verify-backup -- <backup file>");
  process.exit(2);
}
loadLocalEnv();
try {
  const { migrations } = await verifyBackup(file, databaseConfig().encryptionKey, committedMigrations());
  const level =
    migrations.applied === migrations.ofThisVersion
      ? `all ${migrations.applied} migrations of this version`
      : `${migrations.applied} of this version's ${migrations.ofThisVersion} migrations: after restoring it, run npm run db:migrate`;
  console.log(`The backup ${file} is good: it opens with the key, its integrity check passes, and it has ${level}.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
