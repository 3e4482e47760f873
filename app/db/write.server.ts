// A short write outside Prisma, for what every view of a record writes: the hourly limit's check
// and the audit row. Through Prisma's interactive transaction those cost about 2 ms more than
// SQLite takes (npm run bench: the case, person and partner pages); here they run on a connection
// of their own (sqlite-driver.ts, writeAtOnce), in one transaction, with the tagged $queryRaw and
// $executeRaw of a Prisma transaction, so the audit's functions take either.
// Never inside a Prisma transaction: this one would wait for that one's lock, which waits for it.
import { db, readerOf } from "./client.server";
import { Prisma } from "./generated/client";

type Query = [TemplateStringsArray | Prisma.Sql, ...unknown[]];

/** What the audit's functions need of a transaction: Prisma's `tx` has it, and so has this one. */
export type RawTx = {
  $queryRaw<T = unknown>(...query: Query): PromiseLike<T>;
  $executeRaw(...query: Query): PromiseLike<number>;
};

const asSql = ([query, ...values]: Query): Prisma.Sql => (Array.isArray(query) ? Prisma.sql(query as TemplateStringsArray, ...values) : (query as Prisma.Sql));

export async function writeAtOnce<T>(body: (tx: RawTx) => Promise<T>): Promise<T> {
  const client = db();
  const reader = readerOf(client);
  if (!reader) throw new Error("writeAtOnce() needs the app's database client (createDb)");
  return reader.writeAtOnce((direct) => {
    const told = (statement: Prisma.Sql) => reader.onQuery?.({ sql: statement.sql, params: statement.values, durationMs: 0 });
    return body({
      $queryRaw: async <Row>(...query: Query) => {
        const statement = asSql(query);
        told(statement);
        return (await direct.all(statement)) as Row;
      },
      $executeRaw: (...query: Query) => {
        const statement = asSql(query);
        told(statement);
        return direct.run(statement);
      },
    });
  });
}
