// The documents' files, encrypted one by one (issue 18, docs/decisions/016). Each file has its
// own random key; the file is sealed with AES-256-GCM bound to its document's id, so a file moved
// to another document does not open; the file's key is sealed with the master key
// (DOCUMENT_MASTER_KEY, not the database's key) and kept in the document's row. Files lie under
// DOCUMENTS_DIR with random names, readable by this user only. Plaintext is never written: it is
// sealed in memory and the sealed bytes go to a temporary file that is renamed into place.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const MAGIC = Buffer.from("ACDOC1");
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A file that does not open: altered, cut short, or another document's. */
export class DocumentUnreadable extends Error {
  constructor() {
    super("The document's file could not be verified");
  }
}

/** The 32-byte key that seals each file's key, from the configured secret. */
export function masterKeyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "aftercare documents", "document master key v1", 32));
}

function seal(key: Buffer, plaintext: Uint8Array, bound: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(bound));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

function open(key: Buffer, sealed: Buffer, bound: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new DocumentUnreadable();
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(bound));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DocumentUnreadable();
  }
}

/** The file's key sealed with the master key, bound to the document (base64, for its row). */
export function wrapKey(masterKey: Buffer, fileKey: Buffer, documentId: string): string {
  return seal(masterKey, fileKey, `key:${documentId}`).toString("base64");
}

export function unwrapKey(masterKey: Buffer, wrapped: string, documentId: string): Buffer {
  return open(masterKey, Buffer.from(wrapped, "base64"), `key:${documentId}`);
}

export type Vault = { directory: string; masterKey: Buffer };

export function vaultOf(config: { directory: string; masterKey: string }): Vault {
  return { directory: resolve(config.directory), masterKey: masterKeyOf(config.masterKey) };
}

/** Seals `plaintext` for document `documentId` into a new file: its name and its wrapped key. */
export function storeFile(vault: Vault, documentId: string, plaintext: Uint8Array): { storageName: string; wrappedKey: string } {
  const fileKey = randomBytes(32);
  const storageName = randomBytes(24).toString("base64url");
  const sealed = Buffer.concat([MAGIC, seal(fileKey, plaintext, `file:${documentId}`)]);
  mkdirSync(vault.directory, { recursive: true, mode: 0o700 });
  const temporary = join(vault.directory, `.${storageName}.part`);
  writeFileSync(temporary, sealed, { mode: 0o600 });
  renameSync(temporary, pathOf(vault, storageName));
  return { storageName, wrappedKey: wrapKey(vault.masterKey, fileKey, documentId) };
}

/** The document's bytes, verified; DocumentUnreadable when the file is not this document's as it was stored. */
export function readFile(vault: Vault, document: { id: string; storageName: string; wrappedKey: string }): Buffer {
  let sealed: Buffer;
  try {
    sealed = readFileSync(pathOf(vault, document.storageName));
  } catch {
    throw new DocumentUnreadable();
  }
  if (!sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new DocumentUnreadable();
  const fileKey = unwrapKey(vault.masterKey, document.wrappedKey, document.id);
  return open(fileKey, sealed.subarray(MAGIC.length), `file:${document.id}`);
}

export function deleteFile(vault: Vault, storageName: string): void {
  rmSync(pathOf(vault, storageName), { force: true });
}

export function pathOf(vault: Vault, storageName: string): string {
  // Names are ours (base64url); anything else never reaches the file system.
  if (!/^[A-Za-z0-9_-]{32}$/.test(storageName)) throw new DocumentUnreadable();
  return join(vault.directory, storageName);
}
