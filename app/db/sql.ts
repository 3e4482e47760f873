// SQL fragments with bound values, for read() (read.server.ts) and for the policy's SQL scopes:
// pure, so the policy stays free of the database client.
import { storedDate } from "./stored-date";

type Value = string | number | boolean | null | Date;
export type Fragment = { readonly parts: readonly string[]; readonly values: readonly Part[] };
export type Part = Value | readonly Value[] | Fragment;

// SQL text comes only from template literals in the code (SECURITY.md C: raw SQL only as tagged
// templates, every value bound): a fragment is one that `sql` made, never an object that looks
// like one, and its parts must be a template's strings.
const made = new WeakSet<Fragment>();

/** A piece of SQL with its values, to put inside a `read`. */
export function sql(parts: TemplateStringsArray, ...values: Part[]): Fragment {
  if (!Array.isArray((parts as { raw?: unknown }).raw)) throw new TypeError("sql is a tag for template literals");
  const fragment = { parts, values };
  made.add(fragment);
  return fragment;
}

/** " AND a AND b …" to follow a condition; nothing when there are none. */
export function andAll(conditions: readonly Fragment[]): Fragment {
  return conditions.reduce((all, one) => sql`${all} AND ${one}`, sql``);
}

/** "WHERE a AND b …"; nothing when there are none. */
export function whereAll(conditions: readonly Fragment[]): Fragment {
  return conditions.length ? sql`WHERE ${conditions.reduce((all, one) => sql`${all} AND ${one}`)}` : sql``;
}

function isFragment(value: Part): value is Fragment {
  if (typeof value !== "object" || value === null || value instanceof Date || Array.isArray(value)) return false;
  if (!made.has(value as Fragment)) throw new TypeError("Only sql`…` fragments go into SQL text");
  return true;
}

/** SQLite's "?" for every value, or PostgreSQL's "$1", "$2" … (its number, counted from 1). */
export type Placeholder = (position: number) => string;
export const questionMark: Placeholder = () => "?";
export const numbered: Placeholder = (position) => `$${position}`;

/** The text with a placeholder for each value (a list becomes "?, ?, ?", an empty one NULL), and the values in order. */
export function compose({ parts, values }: Fragment, params: (string | number | null)[], placeholder: Placeholder = questionMark): string {
  let text = parts[0]!;
  values.forEach((value, index) => {
    if (isFragment(value)) text += compose(value, params, placeholder);
    else {
      const list = Array.isArray(value) ? value : [value as Value];
      if (Array.isArray(value) && list.length === 0) text += "NULL";
      // Booleans as 1 and 0: the embedded file's booleans, and PostgreSQL reads "1" and "0" as true and false.
      for (const one of list) params.push(one instanceof Date ? storedDate(one) : typeof one === "boolean" ? Number(one) : one);
      text += list.map((_, at) => placeholder(params.length - list.length + at + 1)).join(", ");
    }
    text += parts[index + 1]!;
  });
  return text;
}
