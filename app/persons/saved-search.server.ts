// A staff search's words kept on the server, so that the address the browser keeps in its history
// (and a proxy in its log) carries an opaque id, never the name searched for (issue 16). Only the
// account that searched reads it back, and only for a working day.
import { randomBytes } from "node:crypto";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { read } from "~/db/read.server";
import { storedDate } from "~/db/stored-date";
import { searchForm, type SearchQuery } from "./search.server";

const KEEP_MS = 12 * 60 * 60 * 1000;

/** The form's fields without the page: what is kept. */
export type SavedQuery = Omit<SearchQuery, "page">;

export async function saveSearch(viewer: Viewer, query: SavedQuery): Promise<string> {
  const id = randomBytes(16).toString("base64url");
  await db().savedSearch.create({ data: { id, accountId: viewer.accountId, query: JSON.stringify(query) } });
  return id;
}

/** The viewer's own search of that id while it is fresh; null for anyone else's, an old or an unknown one. */
export async function savedSearch(viewer: Viewer, id: string, now = new Date()): Promise<SavedQuery | null> {
  // In SQL (read.server.ts): every page of a search reads it.
  const [saved] = await read<{ query: string }>`SELECT "query" FROM "SavedSearch"
    WHERE "id" = ${id} AND "accountId" = ${viewer.accountId} AND "createdAt" >= ${storedDate(new Date(now.getTime() - KEEP_MS))} LIMIT 1`;
  if (!saved) return null;
  const { page: _page, ...query } = searchForm.parse(JSON.parse(saved.query));
  return query;
}

/** Forgets searches older than they are kept (the retention job). */
export async function deleteOldSearches(now = new Date()): Promise<number> {
  const { count } = await db().savedSearch.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
  return count;
}
