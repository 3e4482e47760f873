// Lists a person reads come a page at a time, by cursor: the page after the row with id
// `after`, in an order an index gives (so page 1 and page 100 cost the same on a large file;
// tests/integration/query-plans.test.ts checks the plans). Counts over the whole organisation
// stop at COUNT_CAP and say "1000+".
import { z } from "zod";

export const PAGE_SIZE = 25;
export const COUNT_CAP = 1000;
/**
 * The open cases one caseworker holds stop at 100: past that the figure says "overloaded", not
 * how much, and reading up to 1,000 of each caseworker's cases grew the board with the
 * organisation (npm run bench).
 */
export const HELD_CAP = 100;

export type Page<T> = { items: T[]; next: string | null };

/** The `after` parameter of a list's URL: an id, or nothing for the first page. */
/** A record's id in a filter of a list (an account, a track, a partner): none when missing or malformed. */
export const idParam = z.string().trim().max(40).regex(/^[A-Za-z0-9_]*$/).optional().catch(undefined).transform((value) => value || undefined);

export const afterParam = z.string().trim().max(64).regex(/^[A-Za-z0-9_-]*$/).optional().catch(undefined).transform((value) => value || undefined);

/** Prisma's arguments for the page after `after`: one row more than shown, to know whether there is a next page. */
export function pageArgs(after: string | undefined, size = PAGE_SIZE): { take: number; skip?: number; cursor?: { id: string } } {
  return after ? { cursor: { id: after }, skip: 1, take: size + 1 } : { take: size + 1 };
}

/** The rows of one page, and the cursor of the next page if there is one. */
export function pageOf<T>(rows: T[], idOf: (row: T) => string, size = PAGE_SIZE): Page<T> {
  const items = rows.slice(0, size);
  return { items, next: rows.length > size && items.length ? idOf(items[items.length - 1]!) : null };
}

/**
 * A list ordered by a time and then its id pages by the pair: the cursor "<ms>-<id>" names the
 * last row shown, and the next page is `time < t OR (time = t AND id < id)` (for newest first),
 * written so that the index reads a range from that row on (`time <= t` bounds it).
 */
export type Keyset = { at: Date; id: string };

export function keysetCursor(at: Date, id: string | number): string {
  return `${at.getTime()}-${id}`;
}

export function parseKeyset(after: string | undefined): Keyset | undefined {
  const match = after ? /^(\d{1,15})-([A-Za-z0-9_]{1,40})$/.exec(after) : null;
  return match ? { at: new Date(Number(match[1])), id: match[2]! } : undefined;
}

/** The `where` of the rows after `key` in the order (field, id), newest first or oldest first. */
export function keysetWhere<F extends string>(field: F, key: Keyset | undefined, order: "asc" | "desc", id: (raw: string) => string | number = (raw) => raw) {
  if (!key) return {};
  const [inclusive, strict] = order === "desc" ? (["lte", "lt"] as const) : (["gte", "gt"] as const);
  return { AND: [{ [field]: { [inclusive]: key.at } }, { OR: [{ [field]: { [strict]: key.at } }, { id: { [strict]: id(key.id) } }] }] } as Record<string, unknown>;
}

/**
 * Prisma's `take` for a count that stops at the cap. Give such a count an `orderBy` its index
 * holds: without one Prisma orders by id, and SQLite sorts every matching row before it stops.
 */
export const capped = { take: COUNT_CAP + 1 } as const;
