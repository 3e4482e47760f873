// The connection Prisma's libSQL adapter talks to, in place of @libsql/client's. Why it exists,
// and what the shipped driver and adapter do instead, is in docs/decisions/007-sqlite-locking.md.
// In short:
// - one connection per process, set up once: WAL (readers never block the writer), a page
//   cache, temporary data kept in memory (never in unencrypted temp files);
// - every transaction begins IMMEDIATE, so it takes the write lock at its start and can wait
//   for it, instead of failing when a read upgrades to a write;
// - a statement that meets another process's lock (SQLITE_BUSY) waits and tries again, in
//   short sleeps that leave the event loop free, until `busyTimeoutMs` has passed;
// - a COMMIT that fails is rolled back; a connection that cannot leave its transaction even
//   so refuses all further work and `onStuck` is told (the server exits then, so that its
//   supervisor starts it again).
// Prisma's adapter holds one mutex per connection for every query and for a transaction's
// whole life, so a single connection is never used by two things at once.
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { Client, InStatement, InValue, ResultSet } from "@libsql/client";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import Database from "libsql";

export type SqliteOptions = {
  /** A file path, or ":memory:" (the CLI's shadow database). */
  path: string;
  encryptionKey: string;
  /** How long a statement waits for another connection's lock before it fails. */
  busyTimeoutMs?: number;
  /** SQLite's page cache per connection; on an encrypted file each page read from disk is decrypted again. */
  cacheMiB?: number;
  /** Open the file read-only: every write fails. */
  readOnly?: boolean;
  /** Refuse to create a new, empty file (the app); the CLI's migrate creates it. */
  mustExist?: boolean;
  /** Called when the connection is inside a transaction it cannot leave. */
  onStuck?: (error: Error) => void;
};

const SQLITE_BUSY = 5;
/** The writer's own cache: it reads only the audit log's newest rows and one account's hour of views. */
const WRITER_CACHE_MIB = 16;
export const DEFAULT_BUSY_TIMEOUT_MS = 15_000;

/** An error in the shape Prisma's adapter recognises (code, rawCode, message). */
export class SqliteError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly rawCode: number | undefined,
  ) {
    super(message);
    this.name = "SqliteError";
  }
}

function asSqliteError(error: unknown): unknown {
  if (error instanceof SqliteError) return error;
  const e = error as { message?: unknown; code?: unknown; rawCode?: unknown };
  if (error instanceof Error && (typeof e.rawCode === "number" || typeof e.code === "string")) {
    return new SqliteError(error.message, typeof e.code === "string" ? e.code : "SQLITE_ERROR", typeof e.rawCode === "number" ? e.rawCode : undefined);
  }
  return error;
}

export function isBusy(error: unknown): boolean {
  const rawCode = (error as { rawCode?: unknown })?.rawCode;
  if (typeof rawCode === "number") return (rawCode & 0xff) === SQLITE_BUSY;
  return error instanceof Error && /SQLITE_BUSY|database is locked/i.test(error.message);
}

/**
 * Runs `attempt` again while it fails with SQLITE_BUSY, sleeping a little longer each time
 * (1 ms up to 50 ms, with jitter), until `timeoutMs` has passed. Only for work that had no
 * effect when it failed: a BEGIN, a statement outside a transaction, a COMMIT.
 */
export async function retryWhileBusy<T>(attempt: () => T | Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    await sleep(wait / 2 + Math.random() * wait);
  }
}

type Row = unknown[];

/** A transaction's statements on the writer connection: rows by column name, or the rows changed. */
export type DirectTx = {
  all(sql: string, args: InValue[]): Record<string, unknown>[];
  run(sql: string, args: InValue[]): number;
};

function rowsOf(result: ResultSet): Record<string, unknown>[] {
  return (result.rows as unknown as Row[]).map((row) => Object.fromEntries(result.columns.map((column, index) => [column, row[index]])));
}

// libSQL aborts the whole process (a Rust panic) when a closed connection is asked anything,
// so every close goes through here and nothing touches such a connection again.
const closedConnections = new WeakSet<Database.Database>();
function closeConnection(connection: Database.Database): void {
  if (closedConnections.has(connection)) return;
  closedConnections.add(connection);
  connection.close();
}
function assertOpen(connection: Database.Database): void {
  if (closedConnections.has(connection)) throw new SqliteError("The database connection is closed", "CLIENT_CLOSED", undefined);
}

function toSqlValue(value: InValue | undefined): unknown {
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError("Only finite numbers can be passed to the database");
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  return value;
}

function fromSqlValue(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    }
    return Number(value);
  }
  if (Buffer.isBuffer(value)) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

/**
 * A statement prepared once, so that after SQLITE_BUSY the same statement is stepped again:
 * libSQL cannot reset or finalize a statement, and one left failed with SQLITE_BUSY counts as
 * "in progress" until it is garbage-collected, which makes every later COMMIT on the connection
 * fail. Running it again to success ends that.
 */
function prepare(connection: Database.Database, statement: InStatement): () => ResultSet {
  const { sql, args = [] } = typeof statement === "string" ? { sql: statement, args: [] } : statement;
  if (!Array.isArray(args)) throw new TypeError("Named arguments are not supported");
  const values = args.map(toSqlValue);
  let prepared: Database.Statement;
  try {
    prepared = connection.prepare(sql);
    prepared.safeIntegers(true);
  } catch (error) {
    throw asSqliteError(error);
  }
  const reader = prepared.reader;
  if (reader) prepared.raw(true);
  return () => {
    try {
      if (reader) {
        const columns = prepared.columns();
        const rows = (prepared.all(values) as Row[]).map((row) => row.map(fromSqlValue));
        return resultSet(
          columns.map((column) => column.name),
          columns.map((column) => column.type ?? ""),
          rows,
          0,
        );
      }
      // The values as one array, never spread: libSQL takes a lone first argument for the whole
      // set of parameters, and a lone null then fails ("failed to downcast any to object").
      const info = prepared.run(values);
      return resultSet([], [], [], Number(info.changes), BigInt(info.lastInsertRowid));
    } catch (error) {
      throw asSqliteError(error);
    }
  };
}

/** Runs one statement on a connection and answers in @libsql/client's ResultSet shape. */
export function run(connection: Database.Database, statement: InStatement): ResultSet {
  return prepare(connection, statement)();
}

/** BEGIN, COMMIT and ROLLBACK go through exec, which leaves no statement behind when it fails. */
export function exec(connection: Database.Database, sql: string): void {
  try {
    connection.exec(sql);
  } catch (error) {
    throw asSqliteError(error);
  }
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid?: bigint): ResultSet {
  return {
    columns,
    columnTypes,
    rows: rows as unknown as ResultSet["rows"],
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() }),
  };
}

export function pragma(connection: Database.Database, statement: string): unknown {
  const prepared = connection.prepare(`PRAGMA ${statement}`);
  // all(), never get(): a statement left half-read keeps its read snapshot open.
  return prepared.reader ? prepared.raw(true).all() : prepared.run();
}

/** The one connection of a Prisma client; implements the part of @libsql/client's Client that the adapter uses. */
export class SqliteClient {
  #options: Required<Omit<SqliteOptions, "onStuck" | "mustExist" | "readOnly">> & Pick<SqliteOptions, "onStuck" | "mustExist" | "readOnly">;
  #connection: Database.Database | null = null;
  #reader: Database.Database | null = null;
  #writer: Database.Database | null = null;
  /** The writer's transactions one after another: a connection has one transaction at a time. */
  #writerTurn: Promise<unknown> = Promise.resolve();
  /** The reader's statements, prepared once: a busy page asks the same few again and again. */
  #readStatements = new Map<string, Database.Statement>();
  #ready: Promise<Database.Database> | null = null;
  #stuck: Error | null = null;
  closed = false;
  readonly protocol = "file";

  constructor(options: SqliteOptions) {
    this.#options = { busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS, cacheMiB: 256, ...options };
  }

  /** Opens and sets up the connection once; setting WAL may itself meet a lock, so it waits too. */
  async connection(): Promise<Database.Database> {
    if (this.#stuck) throw this.#stuck;
    if (this.closed) throw new SqliteError("The database connection is closed", "CLIENT_CLOSED", undefined);
    if (this.#connection) return this.#connection;
    this.#ready ??= retryWhileBusy(() => this.#open(), this.#options.busyTimeoutMs).finally(() => {
      this.#ready = null;
    });
    return this.#ready;
  }

  /**
   * A read on a second connection that only reads (app/db/read.server.ts): in WAL mode it sees
   * what was committed, and it never waits for the mutex that Prisma's adapter holds on the
   * first connection for a whole transaction.
   */
  async read(sql: string, args: InValue[]): Promise<Record<string, unknown>[]> {
    if (this.closed) throw new SqliteError("The database connection is closed", "CLIENT_CLOSED", undefined);
    const values = args.map(toSqlValue);
    return retryWhileBusy(() => {
      this.#reader ??= this.#open({ queryOnly: true });
      try {
        let statement = this.#readStatements.get(sql);
        if (!statement) {
          if (this.#readStatements.size >= 500) this.#readStatements.clear();
          statement = this.#reader.prepare(sql);
          this.#readStatements.set(sql, statement);
        }
        return statement.all(values) as Record<string, unknown>[];
      } catch (error) {
        throw asSqliteError(error);
      }
    }, this.#options.busyTimeoutMs);
  }

  /**
   * A short write transaction on a third connection, beside Prisma's (app/db/write.server.ts):
   * it waits for Prisma's lock as another process's, and Prisma's transactions wait for it.
   */
  async writeAtOnce<T>(body: (tx: DirectTx) => Promise<T>): Promise<T> {
    const turn = this.#writerTurn.then(() => this.#write(body));
    this.#writerTurn = turn.catch(() => undefined);
    return turn;
  }

  async #write<T>(body: (tx: DirectTx) => Promise<T>): Promise<T> {
    if (this.#stuck) throw this.#stuck;
    if (this.closed) throw new SqliteError("The database connection is closed", "CLIENT_CLOSED", undefined);
    const writer = (this.#writer ??= await retryWhileBusy(() => this.#open({ separate: true, cacheMiB: WRITER_CACHE_MIB }), this.#options.busyTimeoutMs));
    await retryWhileBusy(() => exec(writer, "BEGIN IMMEDIATE"), this.#options.busyTimeoutMs);
    try {
      // Inside BEGIN IMMEDIATE the lock is held: no statement meets SQLITE_BUSY.
      const result = await body({ all: (sql, args) => rowsOf(run(writer, { sql, args })), run: (sql, args) => run(writer, { sql, args }).rowsAffected });
      await retryWhileBusy(() => exec(writer, "COMMIT"), this.#options.busyTimeoutMs);
      return result;
    } catch (error) {
      await this.leaveTransaction(writer);
      throw error;
    }
  }

  #open({ queryOnly = false, separate = false, cacheMiB = this.#options.cacheMiB } = {}): Database.Database {
    const { path, mustExist, readOnly } = this.#options;
    if (mustExist && path !== ":memory:" && !existsSync(path)) {
      throw new SqliteError(`There is no database file at ${path}. Create it with \`npm run db:migrate\`, or fix DATABASE_URL.`, "NO_DATABASE_FILE", undefined);
    }
    let connection: Database.Database;
    try {
      connection = new Database(readOnly ? `file:${path}?mode=ro` : path, { encryptionKey: this.#options.encryptionKey } as Database.Options);
    } catch (error) {
      throw asSqliteError(error);
    }
    try {
      // Reads the first page, so that a wrong key fails here and not in the middle of a request.
      run(connection, "SELECT count(*) FROM sqlite_master");
      if (path !== ":memory:" && !readOnly) pragma(connection, "journal_mode = WAL");
      pragma(connection, "busy_timeout = 0"); // waiting is ours, in retryWhileBusy, so that the event loop stays free
      pragma(connection, `cache_size = -${cacheMiB * 1024}`);
      pragma(connection, "temp_store = MEMORY");
      pragma(connection, "journal_size_limit = 67108864");
      pragma(connection, "foreign_keys = ON");
      if (queryOnly) pragma(connection, "query_only = ON");
    } catch (error) {
      closeConnection(connection);
      throw asSqliteError(error);
    }
    if (!queryOnly && !separate) this.#connection = connection;
    return connection;
  }

  async execute(statement: InStatement): Promise<ResultSet> {
    const connection = await this.connection();
    const step = await retryWhileBusy(() => prepare(connection, statement), this.#options.busyTimeoutMs);
    try {
      return await retryWhileBusy(step, this.#options.busyTimeoutMs);
    } catch (error) {
      // Given up while busy: the statement stays "in progress" on this connection. Leave the
      // connection to the garbage collector and open a new one for what comes next.
      if (isBusy(error) && this.#connection === connection) {
        this.#connection = null;
        closeConnection(connection);
      }
      throw error;
    }
  }

  async batch(statements: InStatement[]): Promise<ResultSet[]> {
    const transaction = await this.transaction();
    try {
      const results = [];
      for (const statement of statements) results.push(await transaction.execute(statement));
      await transaction.commit();
      return results;
    } finally {
      await transaction.rollback();
    }
  }

  /**
   * Runs a script (the CLI's migrations). A script that met a lock halfway cannot be run again
   * from the start, so here SQLite itself waits for locks, statement by statement.
   */
  async executeMultiple(sql: string): Promise<void> {
    const connection = await this.connection();
    pragma(connection, `busy_timeout = ${this.#options.busyTimeoutMs}`);
    try {
      connection.exec(sql);
    } catch (error) {
      throw asSqliteError(error);
    } finally {
      pragma(connection, "busy_timeout = 0");
      if (connection.inTransaction) await this.leaveTransaction(connection);
    }
  }

  /** Every transaction takes the write lock at BEGIN, whatever mode the caller asked for. */
  async transaction(): Promise<SqliteTransaction> {
    const connection = await this.connection();
    await retryWhileBusy(() => exec(connection, "BEGIN IMMEDIATE"), this.#options.busyTimeoutMs);
    return new SqliteTransaction(this, connection, this.#options.busyTimeoutMs);
  }

  /**
   * Rolls back whatever is open. A connection that stays inside its transaction even so would
   * hold its lock for good, and closing it does not help (libSQL keeps a closed connection, and
   * its locks, alive while any statement of it is; even asking whether a closed connection is in
   * a transaction aborts the process): the client refuses all further work and `onStuck` is told.
   */
  async leaveTransaction(connection: Database.Database): Promise<void> {
    if (closedConnections.has(connection)) return; // closing ended the transaction
    let failure: unknown;
    try {
      if (connection.inTransaction) exec(connection, "ROLLBACK");
    } catch (error) {
      failure = error;
    }
    if (!connection.inTransaction) return;
    this.#stuck = new Error("The database connection is stuck inside a transaction that it cannot roll back; restart the app.", { cause: failure });
    this.#options.onStuck?.(this.#stuck);
    throw this.#stuck;
  }

  sync(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  close(): void {
    this.closed = true;
    if (this.#connection) closeConnection(this.#connection);
    // Its statements go first: nothing may touch a closed connection's statement.
    this.#readStatements.clear();
    if (this.#reader) closeConnection(this.#reader);
    if (this.#writer) closeConnection(this.#writer);
    this.#connection = null;
    this.#reader = null;
    this.#writer = null;
  }
}

export class SqliteTransaction {
  #done = false;

  constructor(
    private client: SqliteClient,
    private connection: Database.Database,
    private busyTimeoutMs: number,
  ) {}

  get closed(): boolean {
    return this.#done;
  }

  async execute(statement: InStatement): Promise<ResultSet> {
    if (this.#done) throw new SqliteError("The transaction is closed", "TRANSACTION_CLOSED", undefined);
    assertOpen(this.connection);
    return run(this.connection, statement);
  }

  async batch(statements: InStatement[]): Promise<ResultSet[]> {
    const results = [];
    for (const statement of statements) results.push(await this.execute(statement));
    return results;
  }

  async executeMultiple(sql: string): Promise<void> {
    assertOpen(this.connection);
    exec(this.connection, sql);
  }

  /** A COMMIT that fails (a lock, a deferred constraint) is rolled back, never left open. */
  async commit(): Promise<void> {
    if (this.#done) throw new SqliteError("The transaction is closed", "TRANSACTION_CLOSED", undefined);
    this.#done = true;
    assertOpen(this.connection);
    try {
      await retryWhileBusy(() => exec(this.connection, "COMMIT"), this.busyTimeoutMs);
    } catch (error) {
      await this.client.leaveTransaction(this.connection);
      throw error;
    }
  }

  async rollback(): Promise<void> {
    this.#done = true;
    await this.client.leaveTransaction(this.connection);
  }

  close(): void {
    void this.rollback();
  }
}

/**
 * Prisma's libSQL adapter on our connection instead of @libsql/client's. The adapter is loaded
 * when Prisma first connects: it imports @libsql/client, which alone takes about 85 ms to load,
 * and the server's start should not wait for that.
 */
export class PrismaSqlite implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName = "@prisma/adapter-libsql";

  /** The client Prisma's adapter talks to, once Prisma has connected. */
  client: SqliteClient | null = null;

  constructor(private sqlite: SqliteOptions) {}

  async connect(): Promise<SqlDriverAdapter> {
    return (await this.#factory()).connect();
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return (await this.#factory()).connectToShadowDb();
  }

  async #factory() {
    const { PrismaLibSQL } = await import("@prisma/adapter-libsql");
    const sqlite = this.sqlite;
    const remember = (client: SqliteClient) => (this.client = client);
    const OnOurConnection = class extends PrismaLibSQL {
      override createClient(config: { url: string }): Client {
        const client = new SqliteClient({ ...sqlite, path: config.url === ":memory:" ? ":memory:" : sqlite.path });
        if (config.url !== ":memory:") remember(client);
        return client as unknown as Client;
      }
    };
    return new OnOurConnection({ url: sqlite.path === ":memory:" ? ":memory:" : `file:${sqlite.path}`, encryptionKey: sqlite.encryptionKey });
  }
}
