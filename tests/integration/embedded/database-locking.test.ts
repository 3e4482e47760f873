// The database under concurrency: another connection (a second app process, an operator's tool,
// a backup) holding the write lock or reading makes our writes wait, never fail or wedge.
import { setTimeout as sleep } from "node:timers/promises";
import Database from "libsql";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, db } from "~/db/client.server";
import { databaseConnection, databaseFilePath } from "~/db/connection";
import { writeAtOnce } from "~/db/write.server";
import { recordAudit } from "~/audit/audit.server";
import { verifyAuditChain } from "~/audit-log/audit-log.server";

let others: Database.Database[] = [];

/** A second connection to the test's file, as another process or a monitoring script would open it. */
function otherConnection(): Database.Database {
  const { url, encryptionKey } = databaseConnection();
  const connection = new Database(databaseFilePath(url)!, { encryptionKey } as Database.Options);
  others.push(connection);
  return connection;
}

afterEach(() => {
  for (const connection of others) if (connection.inTransaction) connection.exec("ROLLBACK");
  others = [];
});

const organizations = async () => (await db().organization.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((o) => o.name);

describe("the database under concurrency", () => {
  it("makes a transaction wait while another connection holds the write lock, then commits both", async () => {
    await db().organization.count(); // opens the file in WAL mode
    const other = otherConnection();
    other.exec("BEGIN IMMEDIATE");
    other.prepare("INSERT INTO Organization (id, kind, name, updatedAt) VALUES ('other', 'partner', 'Other process', 0)").run();

    let settled = false;
    const ours = db()
      .$transaction(async (tx) => {
        const count = await tx.organization.count();
        await tx.organization.create({ data: { kind: "partner", name: `Ours after ${count}` } });
      })
      .finally(() => (settled = true));
    await sleep(300);
    expect(settled).toBe(false); // waiting for the lock, not failed
    other.exec("COMMIT");
    await ours;

    // Ours began after the other committed, so it saw that row: nothing was lost or overwritten.
    expect(await organizations()).toEqual(["Other process", "Ours after 1"]);
  });

  it("makes a single write outside a transaction wait for the lock as well", async () => {
    const organization = await db().organization.create({ data: { kind: "partner", name: "Before" } });
    const other = otherConnection();
    other.exec("BEGIN IMMEDIATE");
    let settled = false;
    const write = db()
      .$executeRaw`UPDATE Organization SET name = 'After' WHERE id = ${organization.id}`
      .finally(() => (settled = true));
    await sleep(200);
    expect(settled).toBe(false);
    other.exec("COMMIT");
    await expect(write).resolves.toBe(1);
    expect(await organizations()).toEqual(["After"]);
  });

  it("lets a reader that holds its snapshot open not block a writer (WAL)", async () => {
    await db().organization.create({ data: { kind: "partner", name: "Before" } });
    const reader = otherConnection();
    reader.exec("BEGIN");
    expect(reader.prepare("SELECT count(*) AS n FROM Organization").all()).toEqual([{ n: 1 }]);

    const quick = createDb(databaseConnection(), { busyTimeoutMs: 50 });
    await quick.organization.create({ data: { kind: "partner", name: "While reading" } });
    await quick.$disconnect();

    expect(reader.prepare("SELECT count(*) AS n FROM Organization").all()).toEqual([{ n: 1 }]); // its snapshot
    reader.exec("COMMIT");
    expect(await organizations()).toEqual(["Before", "While reading"]);
  });

  it("gives up after the busy timeout with an error, and the connection works again once the lock is free", async () => {
    const quick = createDb(databaseConnection(), { busyTimeoutMs: 200 });
    await quick.organization.count();
    const other = otherConnection();
    other.exec("BEGIN IMMEDIATE");
    await expect(quick.$transaction((tx) => tx.organization.create({ data: { kind: "partner", name: "Refused" } }))).rejects.toThrow();
    other.exec("ROLLBACK");

    await quick.$transaction((tx) => tx.organization.create({ data: { kind: "partner", name: "Accepted" } }));
    await quick.organization.create({ data: { kind: "partner", name: "And again" } });
    expect(await quick.organization.findMany({ select: { name: true }, orderBy: { name: "asc" } })).toEqual([{ name: "Accepted" }, { name: "And again" }]);
    await quick.$disconnect();
  });

  it("commits nothing of a transaction cut by a disconnect, and the process goes on", async () => {
    const client = createDb(databaseConnection());
    let release!: () => void;
    const waiting = new Promise<void>((resolve) => (release = resolve));
    const transaction = client.$transaction(async (tx) => {
      await tx.organization.create({ data: { kind: "partner", name: "Never committed" } });
      await waiting;
      await tx.organization.create({ data: { kind: "partner", name: "After the disconnect" } });
    });
    await sleep(100);
    const disconnected = client.$disconnect();
    release();
    await Promise.allSettled([transaction, disconnected]);
    expect(await organizations()).not.toContain("After the disconnect");
    expect(await organizations()).not.toContain("Never committed");
  });

  it("rolls back a COMMIT that failed, and the connection is usable again", async () => {
    // A deferred foreign key makes COMMIT itself fail; SQLite then keeps the transaction open.
    const failed = db().$transaction(async (tx) => {
      await tx.$executeRaw`PRAGMA defer_foreign_keys = ON`;
      await tx.$executeRaw`INSERT INTO Location (id, organizationId, name, country, updatedAt) VALUES ('orphan', 'no-such-organization', 'x', 'LT', 0)`;
      await tx.organization.create({ data: { kind: "partner", name: "In the failed transaction" } });
    });
    await expect(failed).rejects.toThrow(/foreign key/i);

    // Nothing of it was kept, and the same connection reads and writes; another one can take the lock.
    expect(await db().location.count()).toBe(0);
    await db().$transaction((tx) => tx.organization.create({ data: { kind: "partner", name: "After" } }));
    expect(await organizations()).toEqual(["After"]);
    const other = otherConnection();
    other.exec("BEGIN IMMEDIATE");
    other.exec("ROLLBACK");
  });

  it("runs the short writes beside Prisma's (writeAtOnce) one after another, waiting for Prisma's lock and Prisma for theirs", async () => {
    await writeAtOnce((tx) => recordAudit(tx, { action: "referral.view", entityType: "referral", entityId: "first" })); // the writer connection is open
    const held = otherConnection();
    held.exec("BEGIN IMMEDIATE");
    let settled = false;
    const views = Array.from({ length: 5 }, (_, i) =>
      writeAtOnce(async (tx) => {
        await sleep(5); // a body that awaits: the next write must still wait for this one's COMMIT
        await recordAudit(tx, { action: "referral.view", entityType: "referral", entityId: `view-${i}` });
      }),
    );
    const waiting = Promise.all(views).finally(() => (settled = true));
    await sleep(200);
    expect(settled).toBe(false); // waiting for the other connection's lock
    held.exec("COMMIT");
    // And a Prisma transaction that audits at the same time: every row lands, in one chain.
    await Promise.all([waiting, db().$transaction((tx) => recordAudit(tx, { action: "case.assign", entityType: "case", entityId: "through-prisma" }))]);
    expect(await db().auditEvent.count()).toBe(7);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, rows: 7 });
  });

  it("keeps nothing of a short write whose body failed, and the next one commits", async () => {
    const failed = writeAtOnce(async (tx) => {
      await recordAudit(tx, { action: "referral.view", entityType: "referral", entityId: "rolled-back" });
      throw new Error("the body failed");
    });
    await expect(failed).rejects.toThrow("the body failed");
    await writeAtOnce((tx) => recordAudit(tx, { action: "referral.view", entityType: "referral", entityId: "kept" }));
    expect((await db().auditEvent.findMany()).map((event) => event.entityId)).toEqual(["kept"]);
  });
});
