// The documents in backups: beside each database backup, a folder "<backup>.documents" with the
// files as they are (already encrypted; the database copy holds their wrapped keys). The restore
// drill opens a sample of them with the master key, from the backup's own rows.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "libsql";
import { DocumentUnreadable, masterKeyOf, readFile } from "./document-vault.server";

export function documentsBeside(backupFile: string): string {
  return `${backupFile}.documents`;
}

/** Copies every document file into `to` (made, owner-only); answers how many. */
export function copyDocuments(from: string, to: string): number {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  if (!existsSync(from)) return 0;
  const names = readdirSync(from).filter((name) => !name.startsWith("."));
  for (const name of names) {
    copyFileSync(join(from, name), join(to, name));
    chmodSync(join(to, name), 0o600);
  }
  return names.length;
}

export function deleteDocumentsBeside(backupFile: string): void {
  rmSync(documentsBeside(backupFile), { recursive: true, force: true });
}

/**
 * Opens up to `sample` documents of the backup, chosen at random, from the folder beside it:
 * each must be there and verify. Throws one sentence that says which failed.
 */
export function checkDocumentSample(backupFile: string, encryptionKey: string, masterSecret: string, sample = 20): { checked: number; total: number } {
  const connection = new Database(`file:${backupFile}?mode=ro`, { encryptionKey } as Database.Options);
  try {
    const total = Number((connection.prepare(`SELECT count(*) AS "n" FROM "Document"`).get() as { n: number }).n);
    const rows = connection.prepare(`SELECT "id", "storageName", "wrappedKey" FROM "Document" ORDER BY random() LIMIT ?`).all(sample) as { id: string; storageName: string; wrappedKey: string }[];
    const vault = { directory: documentsBeside(backupFile), masterKey: masterKeyOf(masterSecret) };
    for (const row of rows) {
      try {
        readFile(vault, row);
      } catch (error) {
        if (error instanceof DocumentUnreadable) throw new Error(`The backup's document ${row.id} is missing from ${vault.directory} or does not open with DOCUMENT_MASTER_KEY.`);
        throw error;
      }
    }
    return { checked: rows.length, total };
  } finally {
    connection.close();
  }
}
