// How a DateTime is stored: Prisma's SQLite adapter writes ISO 8601 text with "+00:00"
// ("2026-12-02T22:38:54.594+00:00"). Hand-written SQL compares dates as that text, so what it
// writes or compares with must be in the very same form ("…Z" sorts after "…+00:00").
export function storedDate(date: Date): string {
  return date.toISOString().replace(/Z$/, "+00:00");
}

/** A stored date that may be missing, read back (SQL reads give the stored text). */
export function dateOrNull(stored: string | null): Date | null {
  return stored === null ? null : new Date(stored);
}
