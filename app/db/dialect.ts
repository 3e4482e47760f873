// The SQL that differs between the embedded file and PostgreSQL, one function per difference,
// each with both versions (docs/decisions/018). Everything else in the hand-written SQL is
// written once, in the part of SQL both read: quoted names, CAST(… AS TEXT), an alias on every
// subquery, no literal booleans.
import { databaseProvider } from "./client.server";
import { sql, type Fragment } from "./sql";

/** The hours from `earlier` to `later` (two dates), as a real number; NULL when either is. */
export function hoursBetween(later: Fragment, earlier: Fragment): Fragment {
  return databaseProvider() === "postgresql"
    ? sql`(EXTRACT(EPOCH FROM (${later} - ${earlier})) / 3600)`
    : sql`((julianday(${later}) - julianday(${earlier})) * 24)`;
}
