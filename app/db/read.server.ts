// Reads in SQL, for the lists that every visit of a busy page makes (the caseload, the
// session). Through Prisma each statement costs about a millisecond of its own; here it costs
// what SQLite takes (npm run bench, docs/decisions/011-reads-in-sql.md). Written as a tagged
// template, so every value is a bound parameter:
//   const rows = await read<{ id: string }>`SELECT "id" FROM "Case" WHERE "personId" = ${personId}`;
// Plain SQL with quoted names, which PostgreSQL reads too. Dates go in as text in the form
// Prisma stores them (stored-date.ts), and come back as that text: the caller makes them Dates.
import { db, readerOf } from "./client.server";
import { storedDate } from "./stored-date";

type Value = string | number | boolean | null | Date;

export async function read<Row>(parts: TemplateStringsArray, ...values: (Value | readonly Value[])[]): Promise<Row[]> {
  const client = db();
  const reader = readerOf(client);
  if (!reader) throw new Error("read() needs the app's database client (createDb)");
  const params: (string | number | null)[] = [];
  let sql = parts[0]!;
  values.forEach((value, index) => {
    // A list becomes "?, ?, ?" (an empty one "NULL", which matches nothing in IN (...)).
    const list = Array.isArray(value) ? value : [value as Value];
    sql += (Array.isArray(value) && list.length === 0 ? "NULL" : list.map(() => "?").join(", ")) + parts[index + 1]!;
    for (const one of list) params.push(one instanceof Date ? storedDate(one) : typeof one === "boolean" ? Number(one) : one);
  });
  if (!reader.adapter.client) await client.$connect();
  const started = performance.now();
  const rows = await reader.adapter.client!.read(sql, params);
  reader.onQuery?.({ sql, params, durationMs: performance.now() - started });
  return rows as Row[];
}
