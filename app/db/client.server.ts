// The one Prisma client of the app process, on the encrypted libSQL file.
import { PrismaClient } from "./generated/client";
import { databaseConnection, databaseFilePath, explainDatabaseError, isReadOnlyUrl, type DatabaseConnection } from "./connection";
import { DEFAULT_BUSY_TIMEOUT_MS, PrismaSqlite, type SqliteOptions } from "./sqlite-driver";

export type Db = PrismaClient;
/** The client inside `db().$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type DbOptions = Pick<SqliteOptions, "busyTimeoutMs" | "onStuck" | "mustExist" | "cacheMiB"> & {
  /** Told every statement Prisma sends (the query-plan test reads them). */
  onQuery?: (query: { sql: string; params: unknown[]; durationMs: number }) => void;
};

export function createDb(connection: DatabaseConnection = databaseConnection(), options: DbOptions = {}): Db {
  const path = databaseFilePath(connection.url);
  if (!path) throw new Error(`DATABASE_URL must be a file: URL (the embedded libSQL database), not ${connection.url.split(":")[0]}:`);
  const { onQuery, ...driverOptions } = options;
  const busyTimeoutMs = driverOptions.busyTimeoutMs ?? connection.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const adapter = new PrismaSqlite({
    path,
    encryptionKey: connection.encryptionKey,
    readOnly: isReadOnlyUrl(connection.url),
    ...(connection.cacheMiB ? { cacheMiB: connection.cacheMiB } : {}),
    ...driverOptions,
    busyTimeoutMs,
  });
  const settings = {
    adapter,
    // Waiting for another process's write lock counts towards starting a transaction.
    transactionOptions: { maxWait: busyTimeoutMs, timeout: busyTimeoutMs },
  };
  if (!onQuery) {
    const client = new PrismaClient(settings);
    return withReader(client, { adapter });
  }
  const client = new PrismaClient({ ...settings, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => onQuery({ sql: event.query, params: JSON.parse(event.params) as unknown[], durationMs: event.duration }));
  return withReader(client as unknown as Db, { adapter, onQuery });
}

export type Reader = { adapter: PrismaSqlite; onQuery?: DbOptions["onQuery"] };
// On the client itself under a global symbol: the server's build and a script that loads the
// build both see it, though each has its own copy of this module.
const READER = Symbol.for("aftercare.reader");

function withReader(client: Db, reader: Reader): Db {
  return Object.assign(client, { [READER]: reader });
}

/** The client's driver, for the reads in SQL of read.server.ts, and who is told of them. */
export function readerOf(client: Db): Reader | undefined {
  return (client as Db & { [READER]?: Reader })[READER];
}

// One client per process; kept on globalThis so that development rebuilds reuse it.
const globalForDb = globalThis as unknown as { aftercareDb?: Db; aftercareDbOptions?: DbOptions };

/** How the app's own client behaves (the server sets this at start: exit when stuck). */
export function configureDb(options: DbOptions): void {
  globalForDb.aftercareDbOptions = options;
}

export function db(): Db {
  globalForDb.aftercareDb ??= createDb(databaseConnection(), { mustExist: true, ...globalForDb.aftercareDbOptions });
  return globalForDb.aftercareDb;
}

/** Runs a first query so that a wrong key or a missing file fails at start, in words. */
export async function checkDatabase(client: Db = db()): Promise<void> {
  try {
    // Reads a page of the file: "SELECT 1" would succeed even with a wrong key.
    await client.$queryRaw`SELECT count(*) FROM sqlite_master`;
  } catch (error) {
    throw explainDatabaseError(error);
  }
}
