// Reads in SQL, for the lists that every visit of a busy page makes (the caseload, the
// session). Through Prisma each statement costs about a millisecond of its own; here it costs
// what SQLite takes (npm run bench, docs/decisions/011-reads-in-sql.md). Written as a tagged
// template, so every value is a bound parameter:
//   const rows = await read<{ id: string }>`SELECT "id" FROM "Case" WHERE "personId" = ${personId}`;
// A part that is there or not is a fragment: ${after ? sql`AND "at" < ${after}` : sql``}.
// Plain SQL with quoted names, which PostgreSQL reads too. Dates go in as text in the form
// Prisma stores them (stored-date.ts), and come back as that text: the caller makes them Dates.
import { db, readerOf } from "./client.server";
import { compose, numbered, questionMark, sql, type Part } from "./sql";

export { sql };

export async function read<Row>(parts: TemplateStringsArray, ...values: Part[]): Promise<Row[]> {
  const client = db();
  const reader = readerOf(client);
  if (!reader) throw new Error("read() needs the app's database client (createDb)");
  const params: (string | number | null)[] = [];
  const text = compose(sql(parts, ...values), params, reader.provider === "postgresql" ? numbered : questionMark);
  const started = performance.now();
  const rows = await reader.read(text, params);
  reader.onQuery?.({ sql: text, params, durationMs: performance.now() - started });
  return rows as Row[];
}

/** The number a `SELECT count(*) AS "n" …` read gives. */
export async function readCount(parts: TemplateStringsArray, ...values: Part[]): Promise<number> {
  const [row] = await read<{ n: number }>(parts, ...values);
  return Number(row?.n ?? 0);
}
