// npm run db:verify-backup -- <backup file>   A restore drill without restoring: the backup opens
// with DATABASE_ENCRYPTION_KEY, passes SQLite's integrity check, and has this version's migrations;
// a sample of its documents, in "<backup>.documents", opens with DOCUMENT_MASTER_KEY.
import { committedMigrations } from "../app/db/health.server";
import { databaseConfig, documentsConfig } from "../app/config/env.server";
import { checkDocumentSample } from "../app/documents/document-backup.server";
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
  const documents = migrations.applied === migrations.ofThisVersion ? checkDocumentSample(file, databaseConfig().encryptionKey, documentsConfig().masterKey) : null;
  const sampled = documents ? ` ${documents.checked} of its ${documents.total} documents, chosen at random, open and verify.` : "";
  console.log(`The backup ${file} is good: it opens with the key, its integrity check passes, and it has ${level}.${sampled}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
