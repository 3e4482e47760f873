// npm run db:rotate-key   With the app stopped: re-encrypts the database from
// DATABASE_ENCRYPTION_KEY to NEW_DATABASE_ENCRYPTION_KEY. Afterwards, put the new key where
// the app reads DATABASE_ENCRYPTION_KEY. Backups made before keep needing the old key.
import { rotateDatabaseKey } from "../app/db/maintenance";
import { databaseConnection, loadLocalEnv } from "../app/db/connection";

loadLocalEnv();
const newKey = process.env.NEW_DATABASE_ENCRYPTION_KEY;
if (!newKey) {
  console.error("Set NEW_DATABASE_ENCRYPTION_KEY (for example: openssl rand -hex 32) and stop the app first.");
  process.exit(2);
}
await rotateDatabaseKey(databaseConnection(), newKey).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
console.log("The database is now encrypted with NEW_DATABASE_ENCRYPTION_KEY. Make it the DATABASE_ENCRYPTION_KEY before starting the app.");
