// Writes generated batches straight into the database (the encrypted file, or PostgreSQL) with
// prepared multi-row INSERTs, for the large benchmark sets: Prisma's createMany spends most of
// its time building queries in JavaScript (a profile of 4,000 persons: the query compiler and its
// garbage well ahead of SQLite), which made 200,000 persons take hours. Values are written as
// Prisma writes them (dates as ISO text, booleans as 0/1 on the file); a column the generator
// leaves out gets the table's default, except the times Prisma fills itself (createdAt,
// updatedAt), which get now.
import Database from "libsql";
import pg from "pg";
import type { DemoDataSet } from "./generate";
import { storedDate } from "../../app/db/stored-date";

/** The tables in the order parents come before children (the generator's keys and the tables' names). */
export const TABLES: [keyof DemoDataSet, string][] = [
  ["tracks", "SupportTrack"],
  ["organizations", "Organization"],
  ["locations", "Location"],
  ["services", "Service"],
  ["serviceAreas", "ServiceArea"],
  ["serviceCapacities", "ServiceCapacity"],
  ["persons", "Person"],
  ["nameTokens", "NameToken"],
  ["accounts", "Account"],
  ["contacts", "ContactChannel"],
  ["restrictions", "Restriction"],
  ["consents", "Consent"],
  ["cases", "Case"],
  ["requests", "HelpRequest"],
  ["requestTracks", "HelpRequestTrack"],
  ["assignments", "CaseAssignment"],
  ["assessments", "NeedsAssessment"],
  ["goals", "Goal"],
  ["activities", "Activity"],
  ["fundingSources", "FundingSource"],
  ["assistance", "Assistance"],
  ["assistanceEvents", "AssistanceEvent"],
  ["notes", "Note"],
  ["tasks", "Task"],
  ["taskEvents", "TaskEvent"],
  ["caseMessages", "CaseMessage"],
  ["caseHistory", "CaseStatusChange"],
  ["referrals", "Referral"],
  ["referralHistory", "ReferralStatusChange"],
  ["referralMessages", "ReferralMessage"],
  ["auditEvents", "AuditEvent"],
];

const MAX_VARIABLES = 30_000;
const CHUNK_ROWS = 200;

type Value = string | number | bigint | boolean | null;

function sqlValue(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return storedDate(value);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "string" || typeof value === "boolean") return value;
  throw new Error(`cannot write ${typeof value}`);
}

/** One multi-row INSERT: `rowCount` rows of `columns`, their values in a row. */
type Insert = { table: string; columns: string[]; rowCount: number; values: Value[] };

/**
 * A batch's rows as INSERTs, parents first. Rows that name the same columns go together (a
 * left-out column takes its SQL default); full chunks through one statement, the rest a row at a
 * time through another: two statements per shape, however the batches fall.
 */
function* insertsOf(set: DemoDataSet, prismaFilled: Map<string, string[]>): Generator<Insert> {
  const now = storedDate(new Date());
  for (const [key, table] of TABLES) {
    const filled = prismaFilled.get(table) ?? [];
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const row of set[key] as Record<string, unknown>[]) {
      const signature = Object.keys(row).filter((column) => row[column] !== undefined).join(",");
      const group = groups.get(signature);
      if (group) group.push(row);
      else groups.set(signature, [row]);
    }
    for (const [signature, rows] of groups) {
      const given = signature ? signature.split(",") : [];
      const columns = [...given, ...filled.filter((column) => !given.includes(column))];
      const perStatement = Math.max(1, Math.min(CHUNK_ROWS, Math.floor(MAX_VARIABLES / columns.length)));
      const valuesOf = (chunk: Record<string, unknown>[]) => chunk.flatMap((row) => columns.map((column) => (column in row ? sqlValue(row[column]) : now)));
      let start = 0;
      for (; start + perStatement <= rows.length; start += perStatement) yield { table, columns, rowCount: perStatement, values: valuesOf(rows.slice(start, start + perStatement)) };
      for (; start < rows.length; start++) yield { table, columns, rowCount: 1, values: valuesOf([rows[start]!]) };
    }
  }
}

function insertText(insert: Insert, placeholder: (index: number) => string): string {
  const width = insert.columns.length;
  const rows = Array.from({ length: insert.rowCount }, (_, row) => `(${insert.columns.map((_, column) => placeholder(row * width + column + 1)).join(",")})`);
  return `INSERT INTO "${insert.table}" (${insert.columns.map((c) => `"${c}"`).join(",")}) VALUES ${rows.join(",")}`;
}
const shapeOf = (insert: Insert) => `${insert.table}|${insert.columns.join(",")}|${insert.rowCount}`;

export type RawWriter = {
  /** Writes one batch in one transaction. */
  write(set: DemoDataSet): Promise<void>;
  close(): Promise<void>;
};

/** Columns Prisma fills on its own: @updatedAt (no SQL default) and now() (the file's SQL default would be written "YYYY-MM-DD HH:MM:SS", not ISO). */
const isPrismaFilled = (name: string, defaultValue: unknown) => name === "updatedAt" || defaultValue === "CURRENT_TIMESTAMP";

export class SqliteRawWriter implements RawWriter {
  #connection: Database.Database;
  #statements = new Map<string, Database.Statement>();
  #filledByPrisma = new Map<string, string[]>();

  constructor(path: string, encryptionKey: string) {
    this.#connection = new Database(path, { encryptionKey } as Database.Options);
    for (const pragma of ["journal_mode = WAL", "foreign_keys = ON", "cache_size = -262144", "temp_store = MEMORY"]) {
      const statement = this.#connection.prepare(`PRAGMA ${pragma}`);
      if (statement.reader) statement.all();
      else statement.run();
    }
    for (const [, table] of TABLES) {
      const info = this.#connection.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; dflt_value: unknown }[];
      this.#filledByPrisma.set(table, info.filter((column) => isPrismaFilled(column.name, column.dflt_value)).map((column) => column.name));
    }
  }

  async write(set: DemoDataSet): Promise<void> {
    this.#connection.exec("BEGIN IMMEDIATE");
    try {
      for (const insert of insertsOf(set, this.#filledByPrisma)) {
        const shape = shapeOf(insert);
        let statement = this.#statements.get(shape);
        if (!statement) this.#statements.set(shape, (statement = this.#connection.prepare(insertText(insert, () => "?"))));
        statement.run(...insert.values.map((value) => (typeof value === "boolean" ? Number(value) : value)));
      }
      this.#connection.exec("COMMIT");
    } catch (error) {
      this.#connection.exec("ROLLBACK");
      throw error;
    }
  }

  /** Folds the write-ahead log into the file and closes it. */
  async close(): Promise<void> {
    this.#connection.prepare("PRAGMA wal_checkpoint(TRUNCATE)").all();
    this.#connection.close();
  }
}

/** The same rows on PostgreSQL, over one connection; each INSERT shape is prepared once by name. */
export class PostgresRawWriter implements RawWriter {
  #client: pg.Client;
  #names = new Map<string, string>();
  #filledByPrisma = new Map<string, string[]>();

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  static async open(url: string): Promise<PostgresRawWriter> {
    const writer = new PostgresRawWriter(new pg.Client({ connectionString: url }));
    await writer.#client.connect();
    const { rows } = await writer.#client.query<{ table_name: string; column_name: string; column_default: string | null }>(
      "SELECT table_name, column_name, column_default FROM information_schema.columns WHERE table_schema = current_schema()",
    );
    for (const row of rows) {
      if (!isPrismaFilled(row.column_name, row.column_default)) continue;
      writer.#filledByPrisma.set(row.table_name, [...(writer.#filledByPrisma.get(row.table_name) ?? []), row.column_name]);
    }
    return writer;
  }

  async write(set: DemoDataSet): Promise<void> {
    await this.#client.query("BEGIN");
    try {
      for (const insert of insertsOf(set, this.#filledByPrisma)) {
        const shape = shapeOf(insert);
        let name = this.#names.get(shape);
        if (!name) this.#names.set(shape, (name = `insert_${this.#names.size}`));
        await this.#client.query({ name, text: insertText(insert, (index) => `$${index}`), values: insert.values.map((value) => (typeof value === "bigint" ? String(value) : value)) });
      }
      await this.#client.query("COMMIT");
    } catch (error) {
      await this.#client.query("ROLLBACK");
      throw error;
    }
  }

  /** Gives the planner the tables' statistics, as a server that had run a while would have, and closes. */
  async close(): Promise<void> {
    await this.#client.query("ANALYZE");
    await this.#client.end();
  }
}
