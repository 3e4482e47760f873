// PostgreSQL, the second database (issue 20, docs/decisions/018): one pool of connections per
// process, shared by Prisma's pg adapter, the reads in SQL (read.server.ts) and the short writes
// (write.server.ts).
// - Hand-written SQL gets its rows in the embedded database's shapes: a date as the stored text
//   (stored-date.ts), a count or a sum as a number, a boolean as 1 or 0. The code that reads them
//   does not know which database answered.
// - The embedded file runs one write transaction at a time, and the code was written for that: a
//   check and the write that follows it (the audit chain's last hash, a throttle's count, a
//   lease) are never interleaved with another's. So here too: every transaction first takes one
//   advisory lock, across all processes, and reads at READ COMMITTED after it, so it sees all
//   that the one before committed. Single statements outside a transaction need no lock: each is
//   atomic by itself.
import pg from "pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPg } from "@prisma/adapter-pg";
import { storedDate } from "./stored-date";

/** A transaction's statements ($1, $2 … placeholders): rows by column name, or the rows changed. */
export type PostgresTx = {
  all(sql: string, args: unknown[]): Promise<Record<string, unknown>[]>;
  run(sql: string, args: unknown[]): Promise<number>;
};

export type PostgresOptions = { url: string; poolSize?: number; busyTimeoutMs?: number };

const OID = { bool: 16, int8: 20, timestamp: 1114, timestamptz: 1184, numeric: 1700 } as const;

/** "2026-12-03 17:00:00.12" (a timestamp(3) without zone, kept in UTC) as Prisma writes it on the embedded file. */
function asStoredDate(text: string): string {
  return storedDate(new Date(`${text.replace(" ", "T")}Z`));
}

const embeddedShapes: Partial<Record<number, (text: string) => unknown>> = {
  [OID.bool]: (text) => (text === "t" ? 1 : 0),
  [OID.int8]: Number,
  [OID.numeric]: Number,
  [OID.timestamp]: asStoredDate,
  [OID.timestamptz]: (text) => storedDate(new Date(text)),
};
const types = {
  getTypeParser: (oid: number, format?: string) => (format !== "binary" && embeddedShapes[oid]) || pg.types.getTypeParser(oid, format as "text"),
} as pg.CustomTypesConfig;

function toPgValue(value: unknown): unknown {
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  if (value instanceof Date) return storedDate(value);
  return value;
}

/** The one writer's turn, held until COMMIT or ROLLBACK: as BEGIN IMMEDIATE on the embedded file. */
export const WRITER_LOCK = "SELECT pg_advisory_xact_lock(20261203)";

function poolOf(options: PostgresOptions, settings: string): pg.Pool {
  const busyTimeoutMs = options.busyTimeoutMs ?? 15_000;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // Waiting for a free connection counts as waiting for a lock does on the embedded file.
    connectionTimeoutMillis: busyTimeoutMs,
    // A statement that waits on a row lock longer than that fails in words instead of hanging.
    options: `-c lock_timeout=${busyTimeoutMs} ${settings}`.trim(),
    // Idle connections do not keep a script's process alive.
    allowExitOnIdle: true,
  });
  // An idle connection the server closed (a restart, a failover) is dropped from the pool; the next query opens another.
  pool.on("error", () => undefined);
  return pool;
}

export class PostgresClient {
  /** Prisma's and the short writes'. */
  readonly pool: pg.Pool;
  /** The reads in SQL: connections that cannot write, as the embedded file's reader is query-only. */
  readonly #readers: pg.Pool;

  constructor(options: PostgresOptions) {
    this.pool = poolOf(options, "");
    this.#readers = poolOf(options, "-c default_transaction_read_only=on");
  }

  async read(sql: string, args: unknown[]): Promise<Record<string, unknown>[]> {
    const result = await this.#readers.query({ text: sql, values: args.map(toPgValue), types });
    return result.rows as Record<string, unknown>[];
  }

  /** A short write transaction of its own, in the one writer's turn as Prisma's (see above). */
  async writeAtOnce<T>(body: (tx: PostgresTx) => Promise<T>): Promise<T> {
    const connection = await this.pool.connect();
    try {
      await connection.query("BEGIN");
      await connection.query(WRITER_LOCK);
      // One statement at a time on the connection, as the embedded file's writer runs them, however the body awaits them.
      let turn: Promise<unknown> = Promise.resolve();
      const run = (sql: string, args: unknown[]) => {
        const result = turn.then(() => connection.query({ text: sql, values: args.map(toPgValue), types }));
        turn = result.catch(() => undefined);
        return result;
      };
      const result = await body({
        all: async (sql, args) => (await run(sql, args)).rows as Record<string, unknown>[],
        run: async (sql, args) => (await run(sql, args)).rowCount ?? 0,
      });
      await connection.query("COMMIT");
      connection.release();
      return result;
    } catch (error) {
      await connection.query("ROLLBACK").catch(() => undefined);
      connection.release();
      throw error;
    }
  }

  /** Ends the readers' pool; Prisma's disconnect ends the other (PrismaPostgres). */
  async closeReaders(): Promise<void> {
    if (!this.#readers.ended) await this.#readers.end();
  }
}

/** Prisma's pg adapter on our pool; Prisma's disconnect ends both pools. */
export class PrismaPostgres implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  readonly client: PostgresClient;
  readonly #adapter: PrismaPg;

  constructor(options: PostgresOptions) {
    this.client = new PostgresClient(options);
    this.#adapter = new PrismaPg(this.client.pool, { disposeExternalPool: true });
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#adapter.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await start(isolationLevel);
      try {
        await transaction.executeRaw({ sql: WRITER_LOCK, args: [], argTypes: [] });
      } catch (error) {
        await transaction.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => undefined);
        await transaction.rollback();
        throw error;
      }
      const executeRaw = transaction.executeRaw.bind(transaction);
      transaction.executeRaw = async (query) => {
        try {
          return await executeRaw(query);
        } catch (error) {
          // Prisma 6.19.3 gives the connection back only after a COMMIT or ROLLBACK that worked: one
          // that failed (a lost connection, a deferred constraint) kept it, and the pool ran dry.
          // The server has ended the transaction then, so the connection goes back as it is.
          if (query.sql === "COMMIT" || query.sql === "ROLLBACK") await transaction.rollback();
          throw error;
        }
      };
      return transaction;
    };
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await this.client.closeReaders();
    };
    return adapter;
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#adapter.connectToShadowDb();
  }
}
