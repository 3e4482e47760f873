// Reads in SQL, for the lists that every visit of a busy page makes (the caseload, the
// session). Through Prisma each statement costs about a millisecond of its own; here it costs
// what SQLite takes (npm run bench, docs/decisions/011-reads-in-sql.md). Written as a tagged
// template, so every value is a bound parameter:
//   const rows = await read<{ id: string }>`SELECT "id" FROM "Case" WHERE "personId" = ${personId}`;
// A part that is there or not is a fragment: ${after ? sql`AND "at" < ${after}` : sql``}.
// Plain SQL with quoted names, which PostgreSQL reads too. Dates go in as text in the form
// Prisma stores them (stored-date.ts), and come back as that text: the caller makes them Dates.
import { db, readerOf } from "./client.server";
import { storedDate } from "./stored-date";

type Value = string | number | boolean | null | Date;
type Fragment = { readonly parts: readonly string[]; readonly values: readonly Part[] };
type Part = Value | readonly Value[] | Fragment;

/** A piece of SQL with its values, to put inside a `read`. */
export function sql(parts: TemplateStringsArray, ...values: Part[]): Fragment {
  return { parts, values };
}

const isFragment = (value: Part): value is Fragment => typeof value === "object" && value !== null && "parts" in value;

/** The text with a "?" for each value (a list becomes "?, ?, ?", an empty one NULL), and the values in order. */
function compose({ parts, values }: Fragment, params: (string | number | null)[]): string {
  let text = parts[0]!;
  values.forEach((value, index) => {
    if (isFragment(value)) text += compose(value, params);
    else {
      const list = Array.isArray(value) ? value : [value as Value];
      text += Array.isArray(value) && list.length === 0 ? "NULL" : list.map(() => "?").join(", ");
      for (const one of list) params.push(one instanceof Date ? storedDate(one) : typeof one === "boolean" ? Number(one) : one);
    }
    text += parts[index + 1]!;
  });
  return text;
}

export async function read<Row>(parts: TemplateStringsArray, ...values: Part[]): Promise<Row[]> {
  const client = db();
  const reader = readerOf(client);
  if (!reader) throw new Error("read() needs the app's database client (createDb)");
  const params: (string | number | null)[] = [];
  const text = compose({ parts, values }, params);
  if (!reader.adapter.client) await client.$connect();
  const started = performance.now();
  const rows = await reader.adapter.client!.read(text, params);
  reader.onQuery?.({ sql: text, params, durationMs: performance.now() - started });
  return rows as Row[];
}

/** The number a `SELECT count(*) AS "n" …` read gives. */
export async function readCount(parts: TemplateStringsArray, ...values: Part[]): Promise<number> {
  const [row] = await read<{ n: number }>(parts, ...values);
  return Number(row?.n ?? 0);
}
