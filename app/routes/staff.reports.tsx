// Reports for a period, compared with the one before: charts drawn on the server, each with its
// table, counts under the threshold withheld before the loader returns. No name of a person, no
// case code. No script: the period is a GET form and links, the CSV a plain form's download.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { supportSections } from "~/assistance/assistance-report.server";
import { mayReadReports, reportScope } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { Field } from "~/components/field";
import { serverConfig } from "~/config/env.server";
import { notFound } from "~/http/not-found";
import { translator } from "~/i18n/catalogue";
import { localeFor } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { dayIn } from "~/i18n/moments";
import { useT } from "~/i18n/use-t";
import { BarChart, FunnelChart, LineChart, StackedBarChart, type Words } from "~/reports/charts";
import { following, periodFrom, periodOf, periodQuery, previous, type Period } from "~/reports/period";
import { periodName, reportSections, type Cell, type Section } from "~/reports/report-sections.server";
import { reportFor } from "~/reports/report.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "report.title");
export const handle = { scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  if (!reportScope(viewer)) throw notFound();
  const today = dayIn(serverConfig().timeZone);
  const { period, problems, asked } = periodFrom(new URL(request.url).searchParams, today);
  const [report, locale] = await Promise.all([reportFor(viewer, period), localeFor(request)]);
  if (!report) throw notFound();
  const t = translator(locale);
  const support = await supportSections(viewer, period, locale, t);
  const link = (one: Period) => ({ name: periodName(one, locale, t), query: periodQuery(one) });
  const presets = (["month", "quarter", "year"] as const).flatMap((kind) => {
    const current = periodOf(kind, today);
    return [
      { label: t(`report.this.${kind}`), ...link(current) },
      { label: t(`report.last.${kind}`), ...link(previous(current)) },
    ];
  });
  return json({
    scope: report.scope,
    threshold: report.threshold,
    sections: [...reportSections(report, locale, t), ...support],
    ledger: mayReadReports(viewer),
    period: { ...period, name: periodName(period, locale, t), query: periodQuery(period) },
    before: link(previous(period)),
    after: following(period).first <= today ? link(following(period)) : null,
    presets,
    problems,
    asked: problems.length ? asked : { from: period.first, to: period.last },
  });
}

export default function Reports() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { period, before, after, presets, problems, asked } = data;
  const problem = (field: "from" | "to") => {
    const found = problems.find((one) => one.field === field);
    return found ? t(found.message as "report.dayInvalid") : undefined;
  };
  return (
    <section className="reports">
      <h1>
        {t("report.title")}: {period.name}
      </h1>
      <p className="lead">{t(data.scope === "organisation" ? "report.lead" : "report.leadOwn", { threshold: data.threshold })}</p>
      <nav className="period-nav" aria-label={t("report.periods")}>
        <p>
          <a href={`?${before.query}`} rel="prev">
            ← {before.name}
          </a>
          {after ? (
            <a href={`?${after.query}`} rel="next">
              {after.name} →
            </a>
          ) : null}
        </p>
        <ul className="period-presets">
          {presets.map((preset) => (
            <li key={preset.label}>
              <a href={`?${preset.query}`} aria-current={preset.query === period.query ? "page" : undefined}>
                {preset.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" className="period-range">
        <input type="hidden" name="period" value="range" />
        <Field name="from" id="period-from" type="date" label={t("report.from")} defaultValue={asked.from} error={problem("from")} required />
        <Field name="to" id="period-to" type="date" label={t("report.to")} defaultValue={asked.to} error={problem("to")} required />
        <button type="submit">{t("report.show")}</button>
      </form>
      <PeriodDownload action="/staff/reports/csv" query={period.query} label={t("report.downloadCsv")} hint={t("report.printHint")} />
      {data.ledger ? <PeriodDownload action="/staff/reports/ledger" query={period.query} label={t("report.downloadLedger")} hint={t("report.ledgerHint")} /> : null}
      <p className="hint">{t("report.comparedWith", { before: before.name })}</p>
      {data.sections.map((section) => (
        <ReportSection key={section.id} section={section} words={{ fewer: t("report.fewerThan", { threshold: data.threshold }), withheld: t("report.withheld") }} />
      ))}
    </section>
  );
}

/** A download of the period shown (app/reports/period-download.server.ts answers it with the file). */
function PeriodDownload({ action, query, label, hint }: { action: string; query: string; label: string; hint: string }) {
  return (
    <form method="post" action={action} className="report-export">
      {[...new URLSearchParams(query)].map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit">{label}</button>
      <span className="hint">{hint}</span>
    </form>
  );
}

function ReportSection({ section, words }: { section: Section; words: Words }) {
  const chart = section.chart;
  const frame = chart ? { id: `chart-${section.id}`, title: section.heading, summary: chart.summary, words } : null;
  return (
    <section className="report-section" aria-labelledby={`${section.id}-heading`}>
      <h2 id={`${section.id}-heading`}>{section.heading}</h2>
      {chart && frame ? (
        chart.kind === "bars" ? (
          <BarChart {...frame} bars={chart.bars} />
        ) : chart.kind === "stacked" ? (
          <StackedBarChart {...frame} keys={chart.keys} rows={chart.rows} />
        ) : chart.kind === "line" ? (
          <LineChart {...frame} lines={chart.lines} pointLabels={chart.pointLabels} />
        ) : (
          <FunnelChart {...frame} steps={chart.steps} />
        )
      ) : null}
      <table className="table report-table" id={section.id}>
        <thead>
          <tr>
            {section.columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {section.rows.map((row, index) => (
            <tr key={index}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, column) => (
                <CellText key={column} cell={cell} words={words} />
              ))}
            </tr>
          ))}
        </tbody>
        {section.total ? (
          <tfoot>
            <tr>
              <th scope="row">{section.total.label}</th>
              {section.total.cells.map((cell, column) => (
                <CellText key={column} cell={cell} words={words} />
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </section>
  );
}

function CellText({ cell, words }: { cell: Cell; words: Words }) {
  const hidden = cell === "fewer" || cell === "withheld";
  return <td className={hidden ? "withheld" : undefined}>{hidden ? words[cell] : cell}</td>;
}
