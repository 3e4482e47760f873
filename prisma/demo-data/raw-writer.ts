// Writes generated batches straight into the encrypted file with prepared multi-row INSERTs,
// for the large benchmark sets: Prisma's createMany spends most of its time building queries
// in JavaScript (a profile of 4,000 persons: the query compiler and its garbage well ahead of
// SQLite), which made 200,000 persons take hours. Values are written as Prisma writes them
// (dates as ISO text, booleans as 0/1); a column the generator leaves out gets the table's
// default, except the times Prisma fills itself (createdAt, updatedAt), which get now.
import Database from "libsql";
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

type Value = string | number | bigint | null;

function sqlValue(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return storedDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "string") return value;
  throw new Error(`cannot write ${typeof value}`);
}

export class RawWriter {
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
  }

  /** Columns Prisma fills on its own: @updatedAt (no SQL default) and now() (SQL's default would be written "YYYY-MM-DD HH:MM:SS", not ISO). */
  #prismaFilled(table: string): string[] {
    let columns = this.#filledByPrisma.get(table);
    if (!columns) {
      const info = this.#connection.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; notnull: number; dflt_value: unknown; pk: number }[];
      columns = info.filter((column) => column.name === "updatedAt" || column.dflt_value === "CURRENT_TIMESTAMP").map((column) => column.name);
      this.#filledByPrisma.set(table, columns);
    }
    return columns;
  }

  #insert(table: string, columns: string[], rowCount: number): Database.Statement {
    const key = `${table}|${columns.join(",")}|${rowCount}`;
    let statement = this.#statements.get(key);
    if (!statement) {
      const row = `(${columns.map(() => "?").join(",")})`;
      statement = this.#connection.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${Array(rowCount).fill(row).join(",")}`);
      this.#statements.set(key, statement);
    }
    return statement;
  }

  /** Writes one batch in one transaction. */
  write(set: DemoDataSet): void {
    const now = storedDate(new Date());
    this.#connection.exec("BEGIN IMMEDIATE");
    try {
      for (const [key, table] of TABLES) {
        const filled = this.#prismaFilled(table);
        // Rows that name the same columns go together: a left-out column takes its SQL default.
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
          // Full chunks through one prepared statement, the rest a row at a time through another:
          // two statements per shape, however the batches fall.
          const perStatement = Math.max(1, Math.min(CHUNK_ROWS, Math.floor(MAX_VARIABLES / columns.length)));
          const valuesOf = (chunk: Record<string, unknown>[]) => chunk.flatMap((row) => columns.map((column) => (column in row ? sqlValue(row[column]) : now)));
          let start = 0;
          for (; start + perStatement <= rows.length; start += perStatement) this.#insert(table, columns, perStatement).run(...valuesOf(rows.slice(start, start + perStatement)));
          for (; start < rows.length; start++) this.#insert(table, columns, 1).run(...valuesOf([rows[start]!]));
        }
      }
      this.#connection.exec("COMMIT");
    } catch (error) {
      this.#connection.exec("ROLLBACK");
      throw error;
    }
  }

  /** Folds the write-ahead log into the file and closes it. */
  close(): void {
    this.#connection.prepare("PRAGMA wal_checkpoint(TRUNCATE)").all();
    this.#connection.close();
  }
}
