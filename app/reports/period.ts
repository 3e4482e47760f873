// The period a report covers: a month, a quarter, a year, or days from–to, in the organisation's
// time zone, compared with the one before it. Read from the address (a GET form: no JavaScript
// needed, and a period can be bookmarked). Days are "YYYY-MM-DD"; a period ends before its `end`.
import { z } from "zod";

export type PeriodKind = "month" | "quarter" | "year" | "range";
/** `first` and `last` are the period's first and last days; `next` the day after it. */
export type Period = { kind: PeriodKind; first: string; last: string; next: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// Ten years: a longer range is not a report anyone reads, and it bounds the chart's points.
const LONGEST_RANGE_DAYS = 3653;

const day = z.string().trim().regex(DAY, "report.dayInvalid").refine((value) => isRealDay(value), "report.dayInvalid");

export const periodQuerySchema = z.union([
  z.object({ period: z.enum(["month", "quarter", "year"]), start: day }),
  z
    .object({ period: z.literal("range"), from: day, to: day })
    .refine((range) => range.from <= range.to, { path: ["to"], message: "report.rangeBackwards" })
    .refine((range) => daysBetween(range.from, range.to) < LONGEST_RANGE_DAYS, { path: ["to"], message: "report.rangeTooLong" }),
]);

export type PeriodProblem = { field: "from" | "to"; message: string };

/**
 * The period an address asks for. No period asked: the last full quarter before `today` (what
 * a coordinator reports on). A range that is wrong comes back as the problems to show next to
 * its fields, with the default period shown meanwhile.
 */
export function periodFrom(query: URLSearchParams, today: string): { period: Period; problems: PeriodProblem[]; asked: { from: string; to: string } } {
  const asked = { from: query.get("from") ?? "", to: query.get("to") ?? "" };
  const fallback = previous(periodOf("quarter", today));
  if (!query.has("period")) return { period: fallback, problems: [], asked };
  const parsed = periodQuerySchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) {
    const problems = parsed.error.issues
      .filter((issue) => issue.path[0] === "from" || issue.path[0] === "to")
      .map((issue) => ({ field: issue.path[0] as "from" | "to", message: issue.message }));
    return { period: fallback, problems, asked };
  }
  const value = parsed.data;
  if (value.period === "range") return { period: { kind: "range", first: value.from, last: value.to, next: addDays(value.to, 1) }, problems: [], asked };
  return { period: periodOf(value.period, value.start), problems: [], asked };
}

/** The month, quarter or year that holds `day`. */
export function periodOf(kind: Exclude<PeriodKind, "range">, day: string): Period {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const firstMonth = kind === "month" ? month : kind === "quarter" ? month - ((month - 1) % 3) : 1;
  const months = kind === "month" ? 1 : kind === "quarter" ? 3 : 12;
  const first = dayOf(year, firstMonth, 1);
  const next = dayOf(year, firstMonth + months, 1);
  return { kind, first, last: addDays(next, -1), next };
}

/** The period just before: the month, quarter or year before, or as many days before a range. */
export function previous(period: Period): Period {
  if (period.kind === "range") {
    const length = daysBetween(period.first, period.next);
    return { kind: "range", first: addDays(period.first, -length), last: addDays(period.first, -1), next: period.first };
  }
  return periodOf(period.kind, addDays(period.first, -1));
}

/** The period just after (for the "next" link). */
export function following(period: Period): Period {
  if (period.kind === "range") {
    const length = daysBetween(period.first, period.next);
    return { kind: "range", first: period.next, last: addDays(period.next, length - 1), next: addDays(period.next, length) };
  }
  return periodOf(period.kind, period.next);
}

/** The address of a period's report. */
export function periodQuery(period: Period): string {
  const query = new URLSearchParams(period.kind === "range" ? { period: "range", from: period.first, to: period.last } : { period: period.kind, start: period.first });
  return query.toString();
}

/**
 * The points of the period's line over time: weeks from its first day for a month or so,
 * calendar months beyond (a week of a quarter holds too few requests to show: most would be
 * withheld). Each point is its first day; the last ends at `next`.
 */
export function pointsOf(period: Period): string[] {
  const points: string[] = [];
  if (pointsInWeeks(period)) {
    for (let at = period.first; at < period.next; at = addDays(at, 7)) points.push(at);
    return points;
  }
  for (let at = period.first; at < period.next; at = dayOf(Number(at.slice(0, 4)), Number(at.slice(5, 7)) + 1, 1)) points.push(at);
  return points;
}

/** Whether the line's points are weeks (else months). */
export function pointsInWeeks(period: Period): boolean {
  return daysBetween(period.first, period.next) <= 45;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A day from a year and a month that may run past December (month 13 is next January). */
function dayOf(year: number, month: number, date: number): string {
  return new Date(Date.UTC(year, month - 1, date)).toISOString().slice(0, 10);
}

function isRealDay(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value && value >= "2000-01-01" && value <= "2100-12-31";
}
