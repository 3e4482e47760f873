// A report for a period, compared with the period before, as it may leave the server: every
// count under the threshold is already withheld here (suppression.ts), so neither the page's
// data, nor its charts, nor the CSV can carry one. A caseworker's report is their own caseload.
import type { Actor } from "~/auth/policy";
import { reportScope } from "~/auth/policy";
import { serverConfig } from "~/config/env.server";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/client.server";
import { csvText } from "~/http/csv";
import { translator, type Locale } from "~/i18n/catalogue";
import { instantOf } from "~/i18n/moments";
import { periodFigures, standingFigures, type Bounds, type PeriodFigures } from "./figures.server";
import { GOAL_GROUPS, periodName, reportSections, sectionLines, wordsOf, type Section } from "./report-sections.server";
import { pointsInWeeks, pointsOf, previous, type Period } from "./period";
import { shownCount, shownParts, type Shown } from "./suppression";

export type Pair = { now: Shown; before: Shown };
export type CountRow = { key: string; label: string | null; now: Shown; before: Shown };
/** Rows of counts for this period and the one before; `total` where the rows add up to it. */
export type CountTable = { rows: CountRow[]; total: Pair | null };
export type FunnelRow = { key: string; label: string | null; sent: Shown; accepted: Shown; completed: Shown; declined: Shown; flagged: Shown; medianHours: number | null };
export type GoalRow = { key: string; parts: Record<(typeof GOAL_GROUPS)[number], Shown>; total: Shown };
export type Track = { id: string; key: string; nameBe: string; nameRu: string; nameEn: string };

export type OrganisationReport = {
  scope: "organisation";
  headline: Record<"requests" | "persons" | "casesOpened" | "casesClosed" | "referralsSent" | "activities", Pair>;
  requestsOverTime: { now: Shown[]; before: Shown[] };
  requests: Record<"channel" | "language" | "country" | "urgency" | "track", CountTable>;
  triage: { triaged: Pair; medianHours: { now: number | null; before: number | null } };
  casesByState: CountTable;
  closeReasons: CountTable;
  needs: CountTable;
  goals: { rows: GoalRow[]; total: Shown };
  referrals: { funnel: Record<"sent" | "accepted" | "completed", Pair>; byPartner: FunnelRow[]; byTrack: FunnelRow[]; total: FunnelRow; declined: CountTable };
  caseload: CountTable;
  activities: CountTable;
};
export type OwnReport = { scope: "own caseload"; casesByState: CountTable; caseload: CountTable };
export type Report = { threshold: number; points: { now: string[]; before: string[]; weeks: boolean }; tracks: Track[] } & (OrganisationReport | OwnReport);

/** The period's days as instants in the organisation's time zone. */
export function boundsOf(period: Period, zone: string): Bounds {
  const at = (day: string) => instantOf(day, "00:00", zone);
  return { start: at(period.first), end: at(period.next), points: pointsOf(period).map(at) };
}

/** The report the viewer may read for `period`, or null if they may read none. */
export async function reportFor(viewer: Actor, period: Period): Promise<Report | null> {
  const scope = reportScope(viewer);
  if (!scope) return null;
  const { timeZone, reportMinCell: threshold } = serverConfig();
  const before = previous(period);
  const own = scope === "own caseload" ? viewer.accountId : null;
  const [now, then, standing] = await Promise.all([periodFigures(boundsOf(period, timeZone), own), periodFigures(boundsOf(before, timeZone), own), standingFigures(own)]);
  const base = { threshold, points: { now: pointsOf(period), before: pointsOf(before), weeks: pointsInWeeks(period) }, tracks: standing.tracks };
  const casesByState = countTable(["open", "active", "on_hold", "closed"], standing.states, new Map(), threshold, { additive: true, keepOrder: true });
  const caseload = countTable([], now.counts.get("caseload"), then.counts.get("caseload"), threshold, { additive: false, label: (id) => standing.caseworkers.get(id) ?? null });
  if (scope === "own caseload") return { ...base, scope, casesByState, caseload };

  const count = (figures: PeriodFigures, figure: string) => figures.counts.get(figure)?.get("") ?? 0;
  const sum = (figures: PeriodFigures, figure: string) => [...(figures.counts.get(figure)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const pair = (a: number, b: number): Pair => ({ now: shownCount(a, threshold), before: shownCount(b, threshold) });
  const perRequest = (figure: string, order?: string[]) =>
    countTable(order ?? [], now.counts.get(figure), then.counts.get(figure), threshold, { additive: true, keepOrder: Boolean(order), totals: [count(now, "requests"), count(then, "requests")] });
  const funnelTotal = (figures: PeriodFigures) => figures.funnels.find((row) => row.figure === "all");
  const hours = (figures: PeriodFigures, key: string) => {
    const median = figures.medians.get(key);
    return median && median.n >= threshold ? Math.round(median.hours * 10) / 10 : null;
  };
  const [all, allBefore] = [funnelTotal(now), funnelTotal(then)];
  const funnels = funnelTables(now, threshold);
  return {
    ...base,
    scope,
    headline: {
      requests: pair(count(now, "requests"), count(then, "requests")),
      persons: pair(count(now, "persons"), count(then, "persons")),
      casesOpened: pair(count(now, "opened"), count(then, "opened")),
      casesClosed: pair(sum(now, "closed"), sum(then, "closed")),
      referralsSent: pair(all?.sent ?? 0, allBefore?.sent ?? 0),
      activities: pair(sum(now, "activity"), sum(then, "activity")),
    },
    requestsOverTime: { now: overTime(now, base.points.now.length, threshold), before: overTime(then, base.points.before.length, threshold) },
    requests: {
      channel: perRequest("channel", ["public_form", "staff_entered"]),
      language: perRequest("language"),
      country: perRequest("country"),
      urgency: perRequest("urgency", ["urgent", "normal", "low"]),
      // A request may ask for several kinds of help: these do not add up to the requests.
      track: countTable([], now.counts.get("track"), then.counts.get("track"), threshold, { additive: false }),
    },
    triage: { triaged: pair(count(now, "triaged"), count(then, "triaged")), medianHours: { now: hours(now, "triage|"), before: hours(then, "triage|") } },
    casesByState,
    closeReasons: countTable(["goals_met", "out_of_reach", "no_contact", "declined_by_person", "other"], now.counts.get("closed"), then.counts.get("closed"), threshold, { additive: true, keepOrder: true }),
    needs: countTable([], now.counts.get("need"), then.counts.get("need"), threshold, { additive: true }),
    goals: goalRows(now.counts.get("goal"), threshold),
    referrals: {
      funnel: { sent: pair(all?.sent ?? 0, allBefore?.sent ?? 0), accepted: pair(all?.accepted ?? 0, allBefore?.accepted ?? 0), completed: pair(all?.completed ?? 0, allBefore?.completed ?? 0) },
      byPartner: funnels.partner.map((row) => ({ ...row, medianHours: hours(now, `partner|${row.key}`) })),
      byTrack: funnels.track.map((row) => ({ ...row, medianHours: hours(now, `track|${row.key}`) })),
      total: { ...funnels.total, medianHours: hours(now, "answer|") },
      declined: countTable(["no_capacity", "not_eligible", "could_not_contact", "other"], now.declined, then.declined, threshold, {
        additive: true,
        keepOrder: true,
        totals: [all?.declined ?? 0, allBefore?.declined ?? 0],
      }),
    },
    caseload,
    activities: countTable(["call", "meeting", "appointment", "other"], now.counts.get("activity"), then.counts.get("activity"), threshold, { additive: true, keepOrder: true }),
  };
}

type TableOptions = { additive: boolean; keepOrder?: boolean; totals?: [number, number]; label?: (key: string) => string | null };

/**
 * Counts by key for this period and the one before. `order`: keys always shown, in this order
 * (others follow, largest first). Additive rows are withheld with their total in view.
 */
function countTable(order: string[], now: Map<string, number> | undefined, before: Map<string, number> | undefined, threshold: number, options: TableOptions): CountTable {
  const [a, b] = [now ?? new Map<string, number>(), before ?? new Map<string, number>()];
  const others = [...new Set([...a.keys(), ...b.keys()])].filter((key) => !order.includes(key));
  others.sort((x, y) => (a.get(y) ?? 0) - (a.get(x) ?? 0) || (b.get(y) ?? 0) - (b.get(x) ?? 0) || x.localeCompare(y));
  const keys = [...order, ...others];
  const column = (counts: Map<string, number>, given: number | undefined) => {
    const parts = keys.map((key) => counts.get(key) ?? 0);
    const total = given ?? parts.reduce((x, y) => x + y, 0);
    return options.additive ? shownParts(parts, total, threshold) : { parts: parts.map((count) => shownCount(count, threshold)), total: null };
  };
  const [x, y] = [column(a, options.totals?.[0]), column(b, options.totals?.[1])];
  return {
    rows: keys.map((key, index) => ({ key, label: options.label?.(key) ?? null, now: x.parts[index]!, before: y.parts[index]! })),
    total: x.total !== null && y.total !== null ? { now: x.total, before: y.total } : null,
  };
}

/** The line over time: its points add up to the period's requests. */
function overTime(figures: PeriodFigures, points: number, threshold: number): Shown[] {
  const counts = Array.from({ length: points }, (_, index) => figures.counts.get("point")?.get(String(index)) ?? 0);
  return shownParts(counts, counts.reduce((x, y) => x + y, 0), threshold).parts;
}

/** Goals per track: each track's parts add up to its total, and the tracks' totals to all goals. */
function goalRows(counts: Map<string, number> | undefined, threshold: number): { rows: GoalRow[]; total: Shown } {
  const byTrack = new Map<string, number[]>();
  for (const [key, n] of counts ?? []) {
    const [track, group] = key.split("|") as [string, (typeof GOAL_GROUPS)[number]];
    const parts = byTrack.get(track) ?? byTrack.set(track, [0, 0, 0]).get(track)!;
    parts[GOAL_GROUPS.indexOf(group)] = n;
  }
  const tracks = [...byTrack.keys()];
  const totals = tracks.map((track) => byTrack.get(track)!.reduce((x, y) => x + y, 0));
  const across = shownParts(totals, totals.reduce((x, y) => x + y, 0), threshold);
  const rows = tracks.map((track, index) => {
    const within = shownParts(byTrack.get(track)!, totals[index]!, threshold);
    // A track whose total is withheld to protect another's shows none of its parts, which would add up to it.
    const parts = across.parts[index] === "withheld" ? within.parts.map((part) => (typeof part === "number" && part > 0 ? "withheld" : part)) : within.parts;
    return { key: track, parts: { achieved: parts[0]!, ongoing: parts[1]!, not_achieved: parts[2]! }, total: across.parts[index]! };
  });
  return { rows, total: across.total };
}

const FUNNEL_COLUMNS = ["sent", "accepted", "completed", "declined", "flagged"] as const;

/** Per partner and per track: each column adds up to the period's total, so is withheld with it. */
function funnelTables(figures: PeriodFigures, threshold: number) {
  const all = figures.funnels.find((row) => row.figure === "all");
  const totalOf = (column: (typeof FUNNEL_COLUMNS)[number]) => all?.[column] ?? 0;
  const shown = (figure: "partner" | "track") => {
    const rows = figures.funnels.filter((row) => row.figure === figure).sort((x, y) => y.sent - x.sent || (x.label ?? x.key).localeCompare(y.label ?? y.key));
    const columns = Object.fromEntries(FUNNEL_COLUMNS.map((column) => [column, shownParts(rows.map((row) => row[column]), totalOf(column), threshold)]));
    return {
      rows: rows.map((row, index) => ({ key: row.key, label: row.label, medianHours: null, ...Object.fromEntries(FUNNEL_COLUMNS.map((column) => [column, columns[column]!.parts[index]!])) }) as FunnelRow),
      total: { key: "", label: null, medianHours: null, ...Object.fromEntries(FUNNEL_COLUMNS.map((column) => [column, columns[column]!.total])) } as FunnelRow,
    };
  };
  const [partner, track] = [shown("partner"), shown("track")];
  return { partner: partner.rows, track: track.rows, total: partner.total };
}

/** The report as CSV (what the page shows, with "fewer than 5" and "withheld" as words), audited as an export. */
export async function exportReport(viewer: Actor & { sessionRef: string }, period: Period, locale: Locale, more: Section[] = []): Promise<string | null> {
  const report = await reportFor(viewer, period);
  if (!report) return null;
  const t = translator(locale);
  const lines = sectionLines([...reportSections(report, locale, t), ...more], periodName(period, locale, t), wordsOf(report.threshold, t));
  await db().$transaction((tx) => recordAudit(tx, { action: "report.export", actorId: viewer.accountId, sessionRef: viewer.sessionRef }));
  return csvText(lines);
}
