// The one Prisma client of the app process: on the encrypted libSQL file, or on PostgreSQL when
// DATABASE_PROVIDER says so (docs/decisions/018). The only module that knows which one runs,
// beside the SQL that differs between them (dialect.ts).
import type { DatabaseProvider } from "../config/env.server";
import { PrismaClient, type Prisma } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-postgresql/client";
import { databaseConnection, databaseFilePath, explainDatabaseError, isReadOnlyUrl, type DatabaseConnection } from "./connection";
import { PrismaPostgres } from "./postgres-driver";
import { DEFAULT_BUSY_TIMEOUT_MS, PrismaSqlite, type SqliteOptions } from "./sqlite-driver";

export type Db = PrismaClient;
/** The client inside `db().$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type DbOptions = Pick<SqliteOptions, "busyTimeoutMs" | "onStuck" | "mustExist" | "cacheMiB"> & {
  /** Told every statement Prisma sends (the query-plan test reads them). */
  onQuery?: (query: { sql: string; params: unknown[]; durationMs: number }) => void;
};

export function createDb(connection: DatabaseConnection = databaseConnection(), options: DbOptions = {}): Db {
  return connection.provider === "postgresql" ? createPostgresDb(connection, options) : createSqliteDb(connection, options);
}

function createSqliteDb(connection: DatabaseConnection, options: DbOptions): Db {
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
  const client = new PrismaClient({
    adapter,
    // Waiting for another process's write lock counts towards starting a transaction.
    transactionOptions: { maxWait: busyTimeoutMs, timeout: busyTimeoutMs },
    ...(onQuery ? { log: [{ emit: "event" as const, level: "query" as const }] } : {}),
  });
  const connected = async () => {
    if (!adapter.client) await client.$connect();
    return adapter.client!;
  };
  return withReader(listened(client, onQuery), {
    provider: "sqlite",
    read: async (text, params) => (await connected()).read(text, params as never),
    writeAtOnce: async (body) =>
      (await connected()).writeAtOnce((direct) =>
        body({
          all: async (statement) => direct.all(statement.sql, statement.values as never),
          run: async (statement) => direct.run(statement.sql, statement.values as never),
        }),
      ),
    onQuery,
  });
}

function createPostgresDb(connection: DatabaseConnection, options: DbOptions): Db {
  const busyTimeoutMs = options.busyTimeoutMs ?? connection.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const adapter = new PrismaPostgres({ url: connection.url, poolSize: connection.poolSize, busyTimeoutMs });
  // The same models as the embedded file's client (tests/unit/schema-providers.test.ts), so the same type.
  const client = new PostgresPrismaClient({
    adapter,
    // Waiting for the one writer's turn (postgres-driver.ts) counts towards starting a transaction.
    transactionOptions: { maxWait: busyTimeoutMs, timeout: busyTimeoutMs },
    ...(options.onQuery ? { log: [{ emit: "event" as const, level: "query" as const }] } : {}),
  }) as unknown as Db;
  return withReader(listened(client, options.onQuery), {
    provider: "postgresql",
    read: (text, params) => adapter.client.read(text, params),
    writeAtOnce: (body) =>
      adapter.client.writeAtOnce((direct) =>
        body({
          all: (statement) => direct.all(statement.text, statement.values),
          run: (statement) => direct.run(statement.text, statement.values),
        }),
      ),
    onQuery: options.onQuery,
  });
}

/** Tells `onQuery` every statement Prisma sends (the query-plan test reads them). */
function listened(client: Db, onQuery: DbOptions["onQuery"]): Db {
  if (!onQuery) return client;
  (client as unknown as { $on(event: "query", listener: (event: Prisma.QueryEvent) => void): void }).$on("query", (event) =>
    onQuery({ sql: event.query, params: JSON.parse(event.params) as unknown[], durationMs: event.duration }),
  );
  return client;
}

/** The statements of a short write of its own (write.server.ts). */
export type DirectStatements = {
  all(statement: Prisma.Sql): Promise<Record<string, unknown>[]>;
  run(statement: Prisma.Sql): Promise<number>;
};

/** What the hand-written SQL runs on, beside Prisma, and who is told of it. */
export type Reader = {
  provider: DatabaseProvider;
  /** Rows of one statement whose placeholders are the provider's ("?" or "$1"). */
  read(text: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  writeAtOnce<T>(body: (direct: DirectStatements) => Promise<T>): Promise<T>;
  onQuery?: DbOptions["onQuery"];
};
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

/** Which database the app's client is on. */
export function databaseProvider(client: Db = db()): DatabaseProvider {
  return readerOf(client)?.provider ?? "sqlite";
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
    if (databaseProvider(client) === "sqlite") await client.$queryRaw`SELECT count(*) FROM sqlite_master`;
    else await client.$queryRaw`SELECT count(*) FROM "_prisma_migrations"`;
  } catch (error) {
    throw explainDatabaseError(error);
  }
}
