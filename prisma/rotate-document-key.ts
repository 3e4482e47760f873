// npm run documents:rotate-key   Wraps every document's key with a new master key.
// Set DOCUMENT_MASTER_KEY (or _FILE) to the key in use and DOCUMENT_MASTER_KEY_NEW to the new one
// (`openssl rand -hex 32`); then put the new key in place of the old and restart. The files are
// not touched, only their keys' wrapping in the database. Run again, it finishes a rotation
// that was cut short and changes nothing else. Back up the database before (npm run db:backup).
import { documentsConfig } from "../app/config/env.server";
import { loadLocalEnv } from "../app/db/connection";
import { rewrapDocumentKeys } from "../app/documents/documents.server";

loadLocalEnv();
const next = process.env.DOCUMENT_MASTER_KEY_NEW ?? "";
if (next.length < 32) {
  console.error("Set DOCUMENT_MASTER_KEY_NEW to the new master key (32 characters or more; `openssl rand -hex 32`).");
  process.exit(1);
}
const { masterKey } = documentsConfig();
if (next === masterKey) {
  console.error("DOCUMENT_MASTER_KEY_NEW is the key in use already.");
  process.exit(1);
}
const { rewrapped, already } = await rewrapDocumentKeys(masterKey, next);
console.log(`Wrapped ${rewrapped} document key(s) with the new master key${already ? ` (${already} already were)` : ""}. Now set DOCUMENT_MASTER_KEY to the new key and restart the app.`);
