// npm run upgrade   After pulling a new version (and `npm ci`), with the app stopped: backs the
// database up, applies the new migrations, builds, and says what changed. Then start the app.
//   UPGRADE_BACKUP_DIR   where the backup goes (default data/backups; the newest 5 are kept)
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, serverConfig } from "../app/config/env.server";
import { createDb } from "../app/db/client.server";
import { loadLocalEnv } from "../app/db/connection";
import { inspectDatabase } from "../app/db/health.server";
import { backupIntoFolder } from "../app/db/maintenance";
import { refreshSearchKeys } from "../app/persons/name-tokens.server";
import { migrateDatabase } from "./migrate";

loadLocalEnv();
try {
  const config = serverConfig();
  const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
  const folder = resolve(process.env.UPGRADE_BACKUP_DIR || "data/backups");
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const { written } = await backupIntoFolder(config.database, folder, 5);
  console.log(`Backed up to ${written}.`);

  const { pending } = await inspectDatabase(config.database);
  if (pending.length > 0) migrateDatabase({ ...process.env, DATABASE_URL: config.database.url });
  // Names are folded by the app's rules; when the rules changed, every stored key is folded again.
  const client = createDb(config.database);
  const refolded = await refreshSearchKeys(client);
  await client.$disconnect();
  if (refolded !== null) console.log(`Folded the names again for search: ${refolded} key(s) changed.`);
  execFileSync("npm", ["run", "--silent", "build"], { stdio: ["ignore", "inherit", "inherit"] });

  console.log(`Aftercare ${version} is built.`);
  console.log(pending.length ? `Applied ${pending.length} migration(s):\n- ${pending.join("\n- ")}` : "The database needed no migration.");
  console.log("Start the app again (systemctl start aftercare). If anything is wrong, restore the backup above: docs/operations.md.");
} catch (error) {
  if (error instanceof ConfigError) console.error(`Upgrade stopped: the configuration is not usable:\n- ${error.problems.join("\n- ")}`);
  else console.error(`Upgrade stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
