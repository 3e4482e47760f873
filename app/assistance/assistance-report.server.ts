// Practical support in the reports: what was paid in a period per funding source, kind and
// track, against each source's budget, with small counts withheld as every report withholds them
// (a sum over fewer than REPORT_MIN_CELL payments is not shown: it could be one person's). And
// the accountant's ledger: every record requested or paid in the period, by case code, never a
// name, as CSV with the formula guard, each download audited.
import { recordAudit } from "~/audit/audit.server";
import { caseScopeSql, mayReadReports, reportScope, type Actor } from "~/auth/policy";
import { serverConfig } from "~/config/env.server";
import { db } from "~/db/client.server";
import { read } from "~/db/read.server";
import { storedDate } from "~/db/stored-date";
import { csvText } from "~/http/csv";
import type { Locale, Translate } from "~/i18n/catalogue";
import { trackName } from "~/i18n/track-name";
import type { Period } from "~/reports/period";
import type { Section } from "~/reports/report-sections.server";
import { boundsOf } from "~/reports/report.server";
import { isSmall, shownCount } from "~/reports/suppression";
import { decimalAmount, moneyText } from "./money";

type PaidGroup = {
  fundingSourceId: string;
  kind: string;
  trackId: string | null;
  currency: string;
  n: number;
  total: number;
};

/** The payments of a period in the viewer's report scope, grouped by source, kind and track (one statement). */
async function paidInPeriod(viewer: Actor, period: Period): Promise<PaidGroup[]> {
  const { start, end } = boundsOf(period, serverConfig().timeZone);
  const rows = await read<PaidGroup>`SELECT "Assistance"."fundingSourceId", "Assistance"."kind", "Assistance"."trackId", "FundingSource"."currency",
      count(*) AS "n", sum("Assistance"."sourceAmountMinor") AS "total"
    FROM "Assistance" JOIN "FundingSource" ON "FundingSource"."id" = "Assistance"."fundingSourceId" JOIN "Case" ON "Case"."id" = "Assistance"."caseId"
    WHERE "Assistance"."status" = 'paid' AND "Assistance"."paidOn" >= ${storedDate(start)} AND "Assistance"."paidOn" < ${storedDate(end)} AND ${caseScopeSql(viewer)}
    GROUP BY "Assistance"."fundingSourceId", "Assistance"."kind", "Assistance"."trackId", "FundingSource"."currency"`;
  return rows.map((row) => ({
    ...row,
    n: Number(row.n),
    total: Number(row.total),
  }));
}

/** Sums of groups by a key (and the source's currency: amounts of different currencies are never added). */
function sumBy(groups: PaidGroup[], key: (group: PaidGroup) => string) {
  const sums = new Map<string, { key: string; currency: string; n: number; total: number }>();
  for (const group of groups) {
    const id = `${key(group)}|${group.currency}`;
    const sum = sums.get(id) ?? {
      key: key(group),
      currency: group.currency,
      n: 0,
      total: 0,
    };
    sum.n += group.n;
    sum.total += group.total;
    sums.set(id, sum);
  }
  return [...sums.values()];
}

/** The report's sections on practical support, for the page and its CSV. */
export async function supportSections(viewer: Actor, period: Period, locale: Locale, t: Translate): Promise<Section[]> {
  const scope = reportScope(viewer);
  if (!scope) return [];
  const { reportMinCell: threshold } = serverConfig();
  const [groups, sources, tracks] = await Promise.all([
    paidInPeriod(viewer, period),
    db().fundingSource.findMany({
      orderBy: { name: "asc" },
      select: { id: true, name: true, currency: true, budgetMinor: true, committedMinor: true, committedCount: true },
    }),
    db().supportTrack.findMany({
      select: { id: true, nameBe: true, nameRu: true, nameEn: true },
    }),
  ]);
  const money = (minor: number, currency: string) => moneyText(minor, currency, locale);
  // A sum over fewer payments than the threshold is withheld with its count.
  const sumCell = (n: number, total: number, currency: string) => (isSmall(n, threshold) ? ("withheld" as const) : money(total, currency));
  const columns = [t("report.support.paidCount"), t("report.support.paidSum")];
  const byKeySection = (id: string, heading: string, first: string, key: (group: PaidGroup) => string, label: (key: string) => string): Section => ({
    id,
    heading,
    columns: [first, ...columns],
    rows: sumBy(groups, key)
      .map((sum) => ({ label: `${label(sum.key)} (${sum.currency})`, cells: [shownCount(sum.n, threshold), sumCell(sum.n, sum.total, sum.currency)] }))
      .sort((a, b) => a.label.localeCompare(b.label, locale)),
    total: null,
    chart: null,
  });
  const kindSection = byKeySection(
    "support-kinds",
    t("report.support.byKind"),
    t("assistance.kind"),
    (group) => group.kind,
    (kind) => t(`assistanceKind.${kind as "other"}`)
  );
  const trackSection = byKeySection(
    "support-tracks",
    t("report.support.byTrack"),
    t("assistance.track"),
    (group) => group.trackId ?? "",
    (id) => {
      const track = tracks.find((one) => one.id === id);
      return track ? trackName(track, locale) : "—";
    }
  );
  // Budgets are the organisation's, not a caseworker's: only the organisation's report has them.
  if (scope !== "organisation") return [kindSection, trackSection];
  const sourceSection: Section = {
    id: "support-sources",
    heading: t("report.support.bySource"),
    columns: [t("assistance.source"), t("funding.budget"), t("funding.committed"), t("funding.left"), ...columns],
    rows: sources.map((source) => {
      const paid = sumBy(
        groups.filter((group) => group.fundingSourceId === source.id),
        () => source.id
      )[0] ?? { n: 0, total: 0 };
      const { committedCount: count, committedMinor: used } = source;
      return {
        label: source.name,
        cells: [
          money(source.budgetMinor, source.currency),
          isSmall(count, threshold) ? "withheld" : money(used, source.currency),
          isSmall(count, threshold) ? "withheld" : money(source.budgetMinor - used, source.currency),
          shownCount(paid.n, threshold),
          sumCell(paid.n, paid.total, source.currency),
        ],
      };
    }),
    total: null,
    chart: null,
  };
  return [sourceSection, kindSection, trackSection];
}

const LEDGER_COLUMNS = [
  "record",
  "case_code",
  "requested_on",
  "kind",
  "track",
  "funding_source",
  "status",
  "decided_on",
  "paid_on",
  "method",
  "amount",
  "currency",
  "rate",
  "source_amount",
  "source_currency",
  "payee_kind",
  "receipt_reference",
  "over_budget",
] as const;

type LedgerRow = {
  id: string;
  caseCode: string | null;
  createdAt: string;
  kind: string;
  trackKey: string | null;
  source: string;
  status: string;
  decidedAt: string | null;
  paidOn: string | null;
  paidMethod: string | null;
  amountMinor: number;
  currency: string;
  rate: string | null;
  sourceAmountMinor: number;
  sourceCurrency: string;
  payeeKind: string;
  receiptReference: string | null;
  overBudget: number;
};

/**
 * The accountant's ledger of a period: each record asked for or paid in it, with the case code
 * (an erased person's reads as empty: their amounts stay in the totals, their code nowhere), never
 * a name, a note or the payee's reference. Null for those who may not read the organisation's figures.
 */
export async function supportLedger(viewer: Actor & { sessionRef: string }, period: Period): Promise<string | null> {
  if (!mayReadReports(viewer)) return null;
  const { start, end } = boundsOf(period, serverConfig().timeZone);
  const [from, to] = [storedDate(start), storedDate(end)];
  const rows = await read<LedgerRow>`SELECT "Assistance"."id", CASE WHEN "Person"."erasedAt" IS NULL THEN "Person"."caseCode" END AS "caseCode", "Assistance"."createdAt",
      "Assistance"."kind", "SupportTrack"."key" AS "trackKey", "FundingSource"."name" AS "source", "Assistance"."status", "Assistance"."decidedAt", "Assistance"."paidOn",
      "Assistance"."paidMethod", "Assistance"."amountMinor", "Assistance"."currency", "Assistance"."rate", "Assistance"."sourceAmountMinor",
      "FundingSource"."currency" AS "sourceCurrency", "Assistance"."payeeKind", "Assistance"."receiptReference", "Assistance"."overBudget"
    FROM "Assistance" JOIN "FundingSource" ON "FundingSource"."id" = "Assistance"."fundingSourceId" JOIN "Case" ON "Case"."id" = "Assistance"."caseId"
      JOIN "Person" ON "Person"."id" = "Case"."personId" LEFT JOIN "SupportTrack" ON "SupportTrack"."id" = "Assistance"."trackId"
    WHERE ("Assistance"."createdAt" >= ${from} AND "Assistance"."createdAt" < ${to}) OR ("Assistance"."paidOn" >= ${from} AND "Assistance"."paidOn" < ${to})
    ORDER BY "Assistance"."createdAt", "Assistance"."id"`;
  await db().$transaction((tx) =>
    recordAudit(tx, {
      action: "assistance.export",
      actorId: viewer.accountId,
      sessionRef: viewer.sessionRef,
    })
  );
  const day = (stored: string | null) => (stored ? new Date(stored).toISOString().slice(0, 10) : "");
  return csvText([
    LEDGER_COLUMNS,
    ...rows.map((row) => [
      row.id,
      row.caseCode ?? "",
      day(row.createdAt),
      row.kind,
      row.trackKey ?? "",
      row.source,
      row.status,
      day(row.decidedAt),
      day(row.paidOn),
      row.paidMethod ?? "",
      decimalAmount(Number(row.amountMinor), row.currency),
      row.currency,
      row.rate ?? "",
      decimalAmount(Number(row.sourceAmountMinor), row.sourceCurrency),
      row.sourceCurrency,
      row.payeeKind,
      row.receiptReference ?? "",
      Number(row.overBudget) ? "yes" : "no",
    ]),
  ]);
}
