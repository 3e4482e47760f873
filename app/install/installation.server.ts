// What kind of installation this database is. A database seeded with the demo data is marked
// "demo_data": its accounts share one published password and TOTP secret, so a production
// server refuses it unless ALLOW_DEMO_DATA=1, and every page says "demo" while it runs on one.
import type { Db, Tx } from "~/db/client.server";
import { db } from "~/db/client.server";

export const DEMO_DATA = "demo_data";

export async function markAsDemo(client: Pick<Db, "setting"> | Tx): Promise<void> {
  await client.setting.upsert({ where: { key: DEMO_DATA }, create: { key: DEMO_DATA, value: "1" }, update: { value: "1" } });
}

// Per database file, read once: it never changes while a server runs on it.
const demoByDatabase = new Map<string, Promise<boolean>>();

export function isDemoDatabase(): Promise<boolean> {
  const key = process.env.DATABASE_URL ?? "";
  let known = demoByDatabase.get(key);
  if (!known) {
    known = db()
      .setting.findUnique({ where: { key: DEMO_DATA }, select: { value: true } })
      .then((row) => row?.value === "1");
    demoByDatabase.set(key, known);
    known.catch(() => demoByDatabase.delete(key));
  }
  return known;
}
