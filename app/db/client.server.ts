// The one Prisma client of the app process, on the encrypted libSQL file.
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "./generated/client";
import { databaseConnection, explainDatabaseError, type DatabaseConnection } from "./connection";

export type Db = PrismaClient;
/** The client inside `db().$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createDb(connection: DatabaseConnection = databaseConnection()): Db {
  return new PrismaClient({ adapter: new PrismaLibSQL(connection) });
}

// One client per process; kept on globalThis so that development rebuilds reuse it.
const globalForDb = globalThis as unknown as { aftercareDb?: Db };

export function db(): Db {
  globalForDb.aftercareDb ??= createDb();
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
