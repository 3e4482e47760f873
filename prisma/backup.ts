// npm run db:backup -- <target file>             one encrypted, checked copy of the database
// npm run db:backup -- --dir <folder> --keep N   a copy named by its time, keeping the newest N
// The copy opens only with the same DATABASE_ENCRYPTION_KEY: keep the key (not beside the
// backups) as long as the backups. Works while the app runs. The documents' files (encrypted)
// go into "<backup>.documents" beside it; they open with DOCUMENT_MASTER_KEY.
import { parseArgs } from "node:util";
import { backupDatabase, backupIntoFolder } from "../app/db/maintenance";
import { databaseConnection, loadLocalEnv } from "../app/db/connection";
import { documentsConfig } from "../app/config/env.server";
import { copyDocuments, deleteDocumentsBeside, documentsBeside } from "../app/documents/document-backup.server";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { dir: { type: "string" }, keep: { type: "string" } } });
const target = positionals[0];
if ((!target && !values.dir) || (target && values.dir)) {
  console.error("Usage: npm run db:backup -- <target file>   or   npm run db:backup -- --dir <folder> --keep <how many>");
  process.exit(2);
}
loadLocalEnv();
try {
  if (target) {
    await backupDatabase(databaseConnection(), target);
    // After the database: every document its copy names was written before it, so is there.
    const documents = copyDocuments(documentsConfig().directory, documentsBeside(target));
    console.log(`Backup written to ${target} and checked: it is encrypted and opens with the current key. ${documents} document file(s) copied to ${documentsBeside(target)}.`);
  } else {
    const { written, deleted } = await backupIntoFolder(databaseConnection(), values.dir!, Number(values.keep ?? 14));
    copyDocuments(documentsConfig().directory, documentsBeside(written));
    for (const file of deleted) deleteDocumentsBeside(file);
    console.log(`Backup written to ${written} and checked; ${deleted.length} older backup(s) deleted${deleted.length ? `: ${deleted.join(", ")}` : ""}.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
