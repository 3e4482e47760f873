// The report as the sections a person reads: a heading, a chart and its table, in the page's
// language. The page draws them and the CSV writes them, from the same (already withheld) data,
// so the two cannot differ.
// The server names the figures in any of the three languages (a CSV, a page).
import "~/i18n/all-catalogues";
import { countryName, languageName } from "~/i18n/display-names";
import type { Locale, MessageKey, Translate } from "~/i18n/catalogue";
import { dayText } from "~/i18n/moments";
import { trackName } from "~/i18n/track-name";
import type { Bar, Line, StackedRow, Step, Words } from "./charts";
import type { Period } from "./period";
import type { CountTable, FunnelRow, Pair, Report } from "./report.server";
import type { Shown } from "./suppression";

/** Where a goal set in the period stands: achieved, still worked on, or not achieved (or dropped). */
export const GOAL_GROUPS = ["achieved", "ongoing", "not_achieved"] as const;

export type Cell = Shown | string;
export type Chart =
  | { kind: "bars"; bars: Bar[] }
  | { kind: "stacked"; keys: string[]; rows: StackedRow[] }
  | { kind: "line"; lines: Line[]; pointLabels: string[] }
  | { kind: "funnel"; steps: Step[] };
export type Section = {
  id: string;
  heading: string;
  columns: string[];
  rows: { label: string; cells: Cell[] }[];
  total: { label: string; cells: Cell[] } | null;
  chart: (Chart & { summary: string }) | null;
};

/** "III квартал 2026", "July 2026", "2026", "1 July 2026 – 9 August 2026". */
export function periodName(period: Period, locale: Locale, t: Translate): string {
  const first = new Date(`${period.first}T00:00:00Z`);
  if (period.kind === "month") return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(first);
  if (period.kind === "quarter") return t("report.quarterName", { quarter: Math.floor(first.getUTCMonth() / 3) + 1, year: first.getUTCFullYear() });
  if (period.kind === "year") return String(first.getUTCFullYear());
  return `${dayText(period.first, locale)} – ${dayText(period.last, locale)}`;
}

/** A point of the line by its first day: "7 Jul" for weeks, "Jul 26" for months. */
function pointName(day: string, weeks: boolean, locale: Locale): string {
  const options: Intl.DateTimeFormatOptions = weeks ? { day: "numeric", month: "short", timeZone: "UTC" } : { month: "short", year: "2-digit", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, options).format(new Date(`${day}T00:00:00Z`));
}

export function reportSections(report: Report, locale: Locale, t: Translate): Section[] {
  const words = wordsOf(report.threshold, t);
  const track = (id: string) => {
    const found = report.tracks.find((one) => one.id === id);
    return found ? trackName(found, locale) : "—";
  };
  const columns = (first: string) => [first, t("report.thisPeriod"), t("report.previousPeriod")];
  const shown = (value: Shown) => (typeof value === "number" ? value : words[value]);

  /** A table of counts by key, with its bars (this period's). */
  const counts = (id: string, heading: MessageKey, first: MessageKey, table: CountTable, label: (key: string, row: CountTable["rows"][number]) => string, beforeToo = true): Section => {
    const rows = table.rows.map((row) => ({ label: label(row.key, row), cells: beforeToo ? [row.now, row.before] : [row.now] }));
    const bars = rows.map((row, index) => ({ label: row.label, value: table.rows[index]!.now }));
    return {
      id,
      heading: t(heading),
      columns: beforeToo ? columns(t(first)) : [t(first), t("report.count")],
      rows,
      total: table.total ? { label: t("report.total"), cells: beforeToo ? [table.total.now, table.total.before] : [table.total.now] } : null,
      chart: bars.length ? { kind: "bars", bars, summary: barsSummary(bars, t, words) } : null,
    };
  };

  const sections: Section[] = [];
  if (report.scope === "organisation") {
    const headline = report.headline;
    const figures: [MessageKey, Pair][] = [
      ["report.requestsReceived", headline.requests],
      ["report.personsSupported", headline.persons],
      ["report.casesOpened", headline.casesOpened],
      ["report.casesClosed", headline.casesClosed],
      ["report.referralsSent", headline.referralsSent],
      ["report.activities", headline.activities],
      ["report.triaged", report.triage.triaged],
    ];
    const hours = (value: number | null) => (value === null ? "—" : String(value));
    sections.push({
      id: "summary",
      heading: t("report.summary"),
      columns: columns(t("report.figure")),
      rows: [
        ...figures.map(([key, pair]) => ({ label: t(key), cells: [pair.now, pair.before] })),
        { label: t("report.triageHours"), cells: [hours(report.triage.medianHours.now), hours(report.triage.medianHours.before)] },
      ],
      total: null,
      chart: null,
    });
    const weeks = report.points.weeks;
    const pointLabels = report.points.now.map((day) => pointName(day, weeks, locale));
    const lines = [
      { label: t("report.thisPeriod"), values: report.requestsOverTime.now },
      { label: t("report.previousPeriod"), values: report.requestsOverTime.before },
    ];
    sections.push({
      id: "requests-over-time",
      heading: t("report.requestsOverTime"),
      columns: [t(weeks ? "report.weekFrom" : "report.month"), t("report.thisPeriod"), t("report.previousPeriod")],
      // The period before may have a point fewer (a shorter month): "—" there, not a count.
      rows: pointLabels.map((label, index) => ({ label, cells: [report.requestsOverTime.now[index]!, index < report.requestsOverTime.before.length ? report.requestsOverTime.before[index]! : "—"] })),
      total: { label: t("report.total"), cells: [headline.requests.now, headline.requests.before] },
      chart: { kind: "line", lines, pointLabels, summary: t("report.lineSummary", { now: shown(headline.requests.now), before: shown(headline.requests.before) }) },
    });
    sections.push(counts("requests-channel", "report.byChannel", "report.channel", report.requests.channel, (key) => t(`report.channel.${key}` as MessageKey)));
    sections.push(counts("requests-language", "report.byLanguage", "report.language", report.requests.language, (key) => languageName(key, locale)));
    sections.push(counts("requests-country", "report.byCountry", "report.country", report.requests.country, (key) => (key ? countryName(key, locale) : t("report.notGiven"))));
    sections.push(counts("requests-urgency", "report.byUrgency", "report.urgency", report.requests.urgency, (key) => t(`urgency.${key}` as MessageKey)));
    sections.push(counts("requests-track", "report.requestsByTrack", "search.track", report.requests.track, track));
    sections.push(counts("cases-state", "report.casesByState", "report.state", report.casesByState, (key) => t(`caseState.${key}` as MessageKey), false));
    sections.push(counts("cases-closed", "report.closeReasons", "report.reason", report.closeReasons, (key) => t(`closeReason.${key}` as MessageKey)));
    sections.push(counts("needs", "report.needs", "search.track", report.needs, track));
    const groups = GOAL_GROUPS.map((group) => t(`report.goal.${group}` as MessageKey));
    const goalRows = report.goals.rows.map((row) => ({ label: track(row.key), parts: GOAL_GROUPS.map((group) => row.parts[group]) }));
    sections.push({
      id: "goals",
      heading: t("report.goals"),
      columns: [t("search.track"), ...groups, t("report.total")],
      rows: report.goals.rows.map((row, index) => ({ label: goalRows[index]!.label, cells: [...goalRows[index]!.parts, row.total] })),
      total: { label: t("report.total"), cells: [...GOAL_GROUPS.map(() => "—"), report.goals.total] },
      chart: goalRows.length ? { kind: "stacked", keys: groups, rows: goalRows, summary: barsSummary(report.goals.rows.map((row, index) => ({ label: goalRows[index]!.label, value: row.total })), t, words) } : null,
    });
    const funnel = report.referrals.funnel;
    const steps = (["sent", "accepted", "completed"] as const).map((step) => ({ label: t(`report.funnel.${step}`), value: funnel[step].now }));
    sections.push({
      id: "referrals",
      heading: t("report.referrals"),
      columns: columns(t("report.step")),
      rows: (["sent", "accepted", "completed"] as const).map((step) => ({ label: t(`report.funnel.${step}`), cells: [funnel[step].now, funnel[step].before] })),
      total: null,
      chart: { kind: "funnel", steps, summary: steps.map((step) => `${step.label}: ${shown(step.value)}`).join(", ") },
    });
    const funnelTable = (id: string, heading: MessageKey, first: string, rows: FunnelRow[], label: (row: FunnelRow) => string): Section => ({
      id,
      heading: t(heading),
      columns: [first, t("report.funnel.sent"), t("report.funnel.accepted"), t("report.funnel.completed"), t("report.funnel.declined"), t("report.funnel.flagged"), t("report.medianHours")],
      rows: rows.map((row) => ({ label: label(row), cells: [row.sent, row.accepted, row.completed, row.declined, row.flagged, hours(row.medianHours)] })),
      total: (({ sent, accepted, completed, declined, flagged, medianHours }) => ({ label: t("report.total"), cells: [sent, accepted, completed, declined, flagged, hours(medianHours)] }))(report.referrals.total),
      chart: null,
    });
    sections.push(funnelTable("referrals-partner", "report.partnersTitle", t("role.partner"), report.referrals.byPartner, (row) => row.label ?? "—"));
    sections.push(funnelTable("referrals-track", "report.tracksTitle", t("search.track"), report.referrals.byTrack, (row) => track(row.key)));
    sections.push(counts("referrals-declined", "report.declineReasons", "report.reason", report.referrals.declined, (key) => t(`referralDecline.${key}` as MessageKey)));
  }
  sections.push(counts("caseload", "report.caseload", "role.caseworker", report.caseload, (_, row) => row.label ?? "—"));
  if (report.scope === "own caseload") sections.push(counts("cases-state", "report.casesByState", "report.state", report.casesByState, (key) => t(`caseState.${key}` as MessageKey), false));
  else sections.push(counts("activities", "report.activitiesByKind", "case.activityKind", report.activities, (key) => t(`activityKind.${key}` as MessageKey)));
  return sections;
}

/** "Largest: Public form, 42. 2 of these: fewer than 5." */
function barsSummary(bars: Bar[], t: Translate, words: Words): string {
  let largest: { label: string; value: number } | null = null;
  for (const bar of bars) if (typeof bar.value === "number" && (largest === null || bar.value > largest.value)) largest = { label: bar.label, value: bar.value };
  const parts = [largest ? t("report.largest", { label: largest.label, count: largest.value }) : t("report.noneToShow")];
  const hidden = bars.filter((bar) => typeof bar.value !== "number").length;
  if (hidden) parts.push(t("report.withheldCount", { count: hidden, fewer: words.fewer, withheld: words.withheld }));
  return parts.join(" ");
}

/** The words for counts not shown, in the page's language. */
export function wordsOf(threshold: number, t: Translate): Words {
  return { fewer: t("report.fewerThan", { threshold }), withheld: t("report.withheld") };
}

/** The sections as CSV lines: the section, the row, then its cells (words where a count is not shown). */
export function sectionLines(sections: Section[], period: string, words: Words): string[][] {
  const text = (cell: Cell) => (cell === "fewer" || cell === "withheld" ? words[cell] : String(cell));
  const lines: string[][] = [[period]];
  for (const section of sections) {
    lines.push([], [section.heading], section.columns);
    for (const row of [...section.rows, ...(section.total ? [section.total] : [])]) lines.push([row.label, ...row.cells.map(text)]);
  }
  return lines;
}
