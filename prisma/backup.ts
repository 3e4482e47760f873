// npm run db:backup -- <target file>   Copies the encrypted database; the copy opens only with
// the same DATABASE_ENCRYPTION_KEY, so keep the key (not beside the backup) as long as the backup.
import { backupDatabase } from "../app/db/maintenance";
import { databaseConnection, loadLocalEnv } from "../app/db/connection";

const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run db:backup -- <target file>");
  process.exit(2);
}
loadLocalEnv();
await backupDatabase(databaseConnection(), target).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
console.log(`Backup written to ${target} and checked: it is encrypted and opens with the current key.`);
