// Documents (issue 18): uploaded through the routes as a browser sends them (multipart), kept
// encrypted file by file, read back verified, refused with a message by the field when they are
// not what they say, cleaned of their metadata, shared with a partner by consent only, and gone
// with the person's erasure. Real files on disk, a real database, the real image and PDF code.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { masterKeyOf, readFile as readDocument } from "~/documents/document-vault.server";
import { documentVault, rewrapDocumentKeys } from "~/documents/documents.server";
import { cleanDocument } from "~/documents/upload.server";
import { loader as downloadLoader } from "~/routes/documents.$documentId";
import { action as myDocumentsAction } from "~/routes/me.documents";
import { action as caseDocumentsAction } from "~/routes/staff.cases.$caseId_.documents";
import { confirmErasure } from "~/persons/erasure.server";
import { signedIn, viewerOf } from "../fixtures/accounts";
import { get, routeArgs, settle, TEST_ORIGIN } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
// One sign-in per account and test: a TOTP code is accepted once.
let cookies: Map<string, Promise<string>>;
beforeEach(async () => {
  world = await makeWorld();
  cookies = new Map();
});
const cookieOf = (account: World["accounts"]["caseworker"]) => cookies.get(account.id) ?? cookies.set(account.id, signedIn(account)).get(account.id)!;

const png = () => sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 90 } } }).png().toBuffer();
/** A photo as a phone makes it: with the place it was taken and the camera in its EXIF. */
const jpegWithGps = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Make: "PhoneMaker", Model: "Phone 12" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "53/1 54/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "27/1 33/1 0/1" } })
    .toBuffer();
async function pdfByAuthor() {
  const pdf = await PDFDocument.create();
  pdf.setAuthor("Ales Secret-Author");
  pdf.setProducer("Scanner Suite 9");
  pdf.addPage([200, 200]).drawText("Release certificate", { x: 20, y: 100, size: 12 });
  return Buffer.from(await pdf.save());
}

/** A multipart POST as a browser sends the upload form. */
function upload(path: string, cookie: string, file: { bytes: Buffer; name: string; type?: string } | null, fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set("file", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
  return new Request(TEST_ORIGIN + path, { method: "POST", headers: { Cookie: cookie, Origin: TEST_ORIGIN }, body: form });
}
const staffFields = { kind: "identity", title: "Passport, pages 2–3", access: "team", visibleToPerson: "on" };

async function staffUpload(file: { bytes: Buffer; name: string }, fields: Record<string, string> = staffFields, account = world.accounts.caseworker, caseId = world.caseOne.id) {
  const cookie = await cookieOf(account);
  return settle(() => caseDocumentsAction(routeArgs(upload(`/staff/cases/${caseId}/documents`, cookie, file, fields), { caseId })));
}
async function download(account: World["accounts"]["caseworker"], id: string) {
  const cookie = await cookieOf(account);
  return settle(() => downloadLoader(routeArgs(get(`/documents/${id}`, cookie), { documentId: id })));
}
const storedFiles = () => (existsSync(documentVault().directory) ? readdirSync(documentVault().directory).filter((name) => !name.startsWith(".")) : []);
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("documents", () => {
  it("keep a file encrypted: downloaded it is the kept file, stored it holds none of it, and the same file twice is stored twice differently", async () => {
    const original = await png();
    expect((await staffUpload({ bytes: original, name: "scan.png" })).status).toBe(302);
    expect((await staffUpload({ bytes: original, name: "scan.png" }, { ...staffFields, title: "The same scan" })).status).toBe(302);
    const [first, second] = await db().document.findMany({ orderBy: { title: "asc" } });
    const kept = await cleanDocument({ bytes: original, name: "scan.png" });
    if (!kept.ok) throw new Error("the PNG is kept");

    const answer = await download(world.accounts.caseworker, first!.id);
    expect(answer.status).toBe(200);
    const downloaded = Buffer.from(await answer.arrayBuffer());
    expect(downloaded.equals(kept.bytes)).toBe(true);
    // The same picture, pixel for pixel.
    expect((await sharp(downloaded).raw().toBuffer()).equals(await sharp(original).raw().toBuffer())).toBe(true);
    expect(answer.headers.get("Content-Type")).toBe("image/png");
    expect(answer.headers.get("Content-Disposition")).toMatch(/^attachment; filename="document-identity-\d{4}-\d{2}-\d{2}\.png"$/);
    expect(answer.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(answer.headers.get("Cache-Control")).toBe("no-store");
    expect(answer.headers.get("Content-Security-Policy")).toMatch(/^sandbox/);

    const files = [first!, second!].map((document) => readFileSync(join(documentVault().directory, document.storageName)));
    for (const file of files) {
      expect(file.includes(kept.bytes.subarray(0, 64))).toBe(false);
      expect(file.includes(Buffer.from("IHDR"))).toBe(false);
    }
    // Same plaintext, new key and nonce: the two files agree at about 1 byte in 256, as chance would.
    const same = files[0]!.subarray(6).reduce((count, byte, index) => count + (byte === files[1]![6 + index] ? 1 : 0), 0);
    expect(same / (files[0]!.length - 6)).toBeLessThan(0.03);
    expect(first!.wrappedKey).not.toBe(second!.wrappedKey);
    // Readable by its owner only, under a name that says nothing.
    expect(storedFiles()).toHaveLength(2);
    for (const name of storedFiles()) expect(readdirSync(documentVault().directory, { withFileTypes: true }).find((entry) => entry.name === name)?.isFile()).toBe(true);
    expect(first!.storageName).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await db().auditEvent.count({ where: { action: "document.upload" } })).toBe(2);
    expect(await db().auditEvent.count({ where: { action: "document.view", entityId: first!.id } })).toBe(1);
  });

  it("refuses a file with a flipped byte, or one moved to another document, and sends nothing", async () => {
    await staffUpload({ bytes: await png(), name: "a.png" }, { ...staffFields, title: "A" });
    await staffUpload({ bytes: await jpegWithGps(), name: "b.jpg" }, { ...staffFields, title: "B" });
    const [a, b] = await db().document.findMany({ orderBy: { title: "asc" } });
    const fileOf = (document: { storageName: string }) => join(documentVault().directory, document.storageName);

    const bytes = readFileSync(fileOf(b!));
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0x01;
    writeFileSync(fileOf(b!), bytes);
    const flipped = await download(world.accounts.caseworker, b!.id);
    expect(flipped.status).toBe(409);
    expect(await flipped.text()).toMatch(/could not be verified/);

    // A's file under B's name: its key and its id are A's, and B's row refuses it.
    writeFileSync(fileOf(b!), readFileSync(fileOf(a!)));
    expect((await download(world.accounts.caseworker, b!.id)).status).toBe(409);
    // A's file and key given to B's row: the key is bound to A's id.
    await db().document.update({ where: { id: b!.id }, data: { wrappedKey: a!.wrappedKey } });
    expect((await download(world.accounts.caseworker, b!.id)).status).toBe(409);
    expect((await download(world.accounts.caseworker, a!.id)).status).toBe(200);
  });

  it("refuses what is not a PDF, JPEG or PNG, or says it is another, or is too large: by the field, storing nothing", async () => {
    const refused = async (file: { bytes: Buffer; name: string }) => {
      const answer = await staffUpload(file);
      expect(answer.status).toBe(400);
      return ((await answer.json()) as { errors: Record<string, string> }).errors;
    };
    expect(await refused({ bytes: await png(), name: "passport.pdf" })).toEqual({ file: "document.nameMismatch" });
    expect(await refused({ bytes: Buffer.from("<!doctype html><html><script>alert(1)</script></html>"), name: "passport.html" })).toEqual({ file: "document.typeRefused" });
    expect(await refused({ bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), name: "passport.svg" })).toEqual({ file: "document.typeRefused" });
    // 25 MiB and one byte, that begins as a PDF does.
    const large = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
    Buffer.from("%PDF-1.7\n").copy(large);
    expect(await refused({ bytes: large, name: "big.pdf" })).toEqual({ file: "document.tooLarge" });
    // No file, no title: each said by its field.
    const cookie = await cookieOf(world.accounts.caseworker);
    const empty = await settle(() => caseDocumentsAction(routeArgs(upload(`/staff/cases/${world.caseOne.id}/documents`, cookie, null, { kind: "", title: "", access: "team" }), { caseId: world.caseOne.id })));
    expect(((await empty.json()) as { errors: object }).errors).toEqual({ file: "document.fileRequired", kind: "document.kindRequired", title: "document.titleRequired" });
    expect(await db().document.count()).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it("strips a photo's location and camera, and a PDF's author and software, before keeping them", async () => {
    const photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif?.includes(Buffer.from("PhoneMaker"))).toBe(true);
    await staffUpload({ bytes: photo, name: "photo.jpeg" }, { ...staffFields, title: "Photo" });
    await staffUpload({ bytes: await pdfByAuthor(), name: "release.pdf" }, { ...staffFields, kind: "release", title: "Release" });
    const documents = await db().document.findMany({ orderBy: { title: "asc" } });
    const [keptPhoto, keptPdf] = [documents.find((d) => d.title === "Photo")!, documents.find((d) => d.title === "Release")!];
    const photoBytes = readDocument(documentVault(), keptPhoto);
    const metadata = await sharp(photoBytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.format).toBe("jpeg");
    expect(photoBytes.includes(Buffer.from("PhoneMaker"))).toBe(false);
    const pdfBytes = readDocument(documentVault(), keptPdf);
    expect(keptPdf.mediaType).toBe("application/pdf");
    expect(pdfBytes.includes(Buffer.from("Secret-Author"))).toBe(false);
    expect(pdfBytes.includes(Buffer.from("Scanner Suite"))).toBe(false);
    const reopened = await PDFDocument.load(pdfBytes, { updateMetadata: false });
    expect([reopened.getAuthor(), reopened.getProducer(), reopened.getPageCount()]).toEqual([undefined, undefined, 1]);
  });

  it("rotates the master key: every file stays readable, and no file changes", async () => {
    await staffUpload({ bytes: await png(), name: "a.png" }, { ...staffFields, title: "A" });
    await staffUpload({ bytes: await pdfByAuthor(), name: "b.pdf" }, { ...staffFields, title: "B" });
    const before = await db().document.findMany({ orderBy: { title: "asc" } });
    const contents = before.map((document) => readDocument(documentVault(), document));
    const files = before.map((document) => sha(readFileSync(join(documentVault().directory, document.storageName))));
    const next = "the-next-document-master-key-0123456789abcdef";
    expect(await rewrapDocumentKeys(process.env.DOCUMENT_MASTER_KEY!, next)).toEqual({ rewrapped: 2, already: 0 });
    // Run again (as after a rotation cut short): nothing more to do.
    expect(await rewrapDocumentKeys(process.env.DOCUMENT_MASTER_KEY!, next)).toEqual({ rewrapped: 0, already: 2 });
    const after = await db().document.findMany({ orderBy: { title: "asc" } });
    const rotated = { directory: documentVault().directory, masterKey: masterKeyOf(next) };
    after.forEach((document, index) => {
      expect(document.wrappedKey).not.toBe(before[index]!.wrappedKey);
      expect(readDocument(rotated, document).equals(contents[index]!)).toBe(true);
      expect(sha(readFileSync(join(rotated.directory, document.storageName)))).toBe(files[index]);
      expect(() => readDocument(documentVault(), document)).toThrow(/could not be verified/);
    });
  });

  it("lets a partner read only what the person agreed to share with their referral, and not after the consent is withdrawn", async () => {
    await staffUpload({ bytes: await png(), name: "shared.png" }, { ...staffFields, title: "Shared" });
    await staffUpload({ bytes: await png(), name: "kept.png" }, { ...staffFields, title: "Kept" });
    const [kept, shared] = await db().document.findMany({ orderBy: { title: "asc" } });
    await db().referralDocument.create({ data: { referralId: world.referral.id, documentId: shared!.id } });
    expect((await download(world.accounts.partner, shared!.id)).status).toBe(200);
    expect((await download(world.accounts.partner, kept!.id)).status).toBe(404);
    // Another partner, another caseworker: as if there were no such document.
    expect((await download(world.accounts.otherPartner, shared!.id)).status).toBe(404);
    expect((await download(world.accounts.otherCaseworker, shared!.id)).status).toBe(404);
    await db().consent.update({ where: { id: world.consent.id }, data: { withdrawnAt: new Date() } });
    expect((await download(world.accounts.partner, shared!.id)).status).toBe(404);
    expect((await download(world.accounts.coordinator, shared!.id)).status).toBe(200);
  });

  it("shows the person their own and those staff show them; a restricted one only to the lead and coordinators", async () => {
    await staffUpload({ bytes: await png(), name: "a.png" }, { ...staffFields, title: "Shown" });
    await staffUpload({ bytes: await png(), name: "b.png" }, { kind: "medical", title: "Hidden", access: "restricted" });
    const cookie = await cookieOf(world.accounts.client);
    const picture = await png();
    const mine = await settle(() => myDocumentsAction(routeArgs(upload("/me/documents", cookie, { bytes: picture, name: "mine.png" }, { kind: "release", title: "Mine" }))));
    expect(mine.status).toBe(302);
    const byTitle = Object.fromEntries((await db().document.findMany()).map((document) => [document.title, document]));
    expect(byTitle.Mine).toMatchObject({ caseId: world.caseOne.id, personId: world.personOne.id, visibleToPerson: true, restricted: false });
    expect((await download(world.accounts.client, byTitle.Mine!.id)).status).toBe(200);
    expect((await download(world.accounts.client, byTitle.Shown!.id)).status).toBe(200);
    expect((await download(world.accounts.client, byTitle.Hidden!.id)).status).toBe(404);
    expect((await download(world.accounts.otherClient, byTitle.Mine!.id)).status).toBe(404);
    expect((await download(world.accounts.caseworker, byTitle.Hidden!.id)).status).toBe(200);
    // A caseworker who shares the case but does not lead it does not see the restricted one.
    await db().caseAssignment.create({ data: { caseId: world.caseOne.id, accountId: world.accounts.otherCaseworker.id, kind: "shared" } });
    expect((await download(world.accounts.otherCaseworker, byTitle.Shown!.id)).status).toBe(200);
    expect((await download(world.accounts.otherCaseworker, byTitle.Hidden!.id)).status).toBe(404);
  });

  it("with a virus scanner set, keeps a clean file, refuses one it finds something in, and refuses all while it does not answer", async () => {
    // A ClamAV daemon as far as its INSTREAM protocol goes: length-prefixed chunks, then a 0.
    const seen: Buffer[] = [];
    const clamd = createServer((socket) => {
      let buffered = Buffer.alloc(0);
      socket.on("data", (data) => {
        buffered = Buffer.concat([buffered, data]);
        let at = "zINSTREAM\0".length;
        const parts: Buffer[] = [];
        while (buffered.length >= at + 4) {
          const length = buffered.readUInt32BE(at);
          if (length === 0) {
            const file = Buffer.concat(parts);
            seen.push(file);
            socket.end(file.includes("EICAR-STANDARD-ANTIVIRUS-TEST-FILE") ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0");
            return;
          }
          if (buffered.length < at + 4 + length) return;
          parts.push(buffered.subarray(at + 4, at + 4 + length));
          at += 4 + length;
        }
      });
    });
    await new Promise<void>((resolve) => clamd.listen(0, "127.0.0.1", resolve));
    process.env.CLAMD_SOCKET = `127.0.0.1:${(clamd.address() as AddressInfo).port}`;
    try {
      const picture = await png();
      expect((await staffUpload({ bytes: picture, name: "clean.png" }, { ...staffFields, title: "Clean" })).status).toBe(302);
      expect(seen[0]!.equals(picture)).toBe(true);
      const infected = await staffUpload({ bytes: Buffer.concat([picture, Buffer.from("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")]), name: "infected.png" });
      expect(((await infected.json()) as { errors: object }).errors).toEqual({ file: "document.infected" });
      await new Promise((resolve) => clamd.close(resolve));
      const unanswered = await staffUpload({ bytes: picture, name: "later.png" });
      expect(((await unanswered.json()) as { errors: object }).errors).toEqual({ file: "document.scanUnavailable" });
      expect((await db().document.findMany()).map((document) => document.title)).toEqual(["Clean"]);
    } finally {
      delete process.env.CLAMD_SOCKET;
      clamd.close();
    }
  });

  it("goes with the person's erasure: the rows, their keys and the files", async () => {
    await staffUpload({ bytes: await png(), name: "a.png" });
    expect(storedFiles()).toHaveLength(1);
    const request = await db().erasureRequest.create({ data: { personId: world.personOne.id } });
    expect(await confirmErasure(viewerOf(world.accounts.coordinator), request.id, "AC-ONE1-ONE1")).toEqual({ ok: true });
    expect(await db().document.count()).toBe(0);
    expect(storedFiles()).toEqual([]);
  });
});
