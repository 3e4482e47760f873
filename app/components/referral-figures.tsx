// The referral figures of a report, one row per partner or per track.
import type { ReferralFigures } from "~/reports/referral-figures";
import { useT } from "~/i18n/use-t";

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)} %`);

export function ReferralFiguresTable({ rows, firstColumn, label }: { rows: ReferralFigures[]; firstColumn: string; label?: (key: string) => string }) {
  const t = useT();
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{firstColumn}</th>
          <th scope="col">{t("report.sent")}</th>
          <th scope="col">{t("report.medianHours")}</th>
          <th scope="col">{t("report.acceptance")}</th>
          <th scope="col">{t("report.completion")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>{label ? label(row.key) : row.key}</td>
            <td>{row.sent}</td>
            <td>{row.medianHoursToAnswer ?? "—"}</td>
            <td>{percent(row.acceptanceRate)}</td>
            <td>{percent(row.completionRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
