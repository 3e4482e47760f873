// Everything that happened on the case in time order, each with its moment and who did it,
// newest page first loaded, older pages behind a link.
import { Link } from "@remix-run/react";
import { moneyText } from "~/assistance/money";
import { nameOfTrack, type NamedTrack } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { CLOSE_REASONS } from "./case-forms";
import type { CaseView } from "./case-view";

type T = ReturnType<typeof useT>;
type Entry = CaseView["timeline"][number];

export function CaseTimeline({ found, tracks, moments, days }: { found: CaseView; tracks: (NamedTrack & { key: string })[]; moments: Record<string, string>; days: Record<string, string> }) {
  const t = useT();
  const locale = useLocale();
  const trackLabel = (key: string) => nameOfTrack(tracks, (x) => x.key === key, locale) ?? key;
  return (
    <>
      {found.earlier ? (
        <p>
          <Link to={`?before=${encodeURIComponent(found.earlier)}#timeline`} rel="next">
            {t("case.earlier")}
          </Link>
        </p>
      ) : null}
      <ol className="timeline">
        {found.timeline.map((entry, index) => (
          <li key={index} data-kind={entry.kind}>
            <time dateTime={entry.at}>{moments[entry.at]}</time> <strong>{t(`timeline.${entry.kind as "status"}`)}</strong>: {label(t, entry, trackLabel)}
            {entry.money ? ` ${moneyText(entry.money.amountMinor, entry.money.currency, locale)}` : ""}
            {entry.detail ? ` — ${detail(t, entry, days)}` : ""}
            {entry.note ? `: ${entry.note}` : ""}
            {entry.author ? <span className="muted"> · {entry.author}</span> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function label(t: T, entry: Entry, trackLabel: (key: string) => string): string {
  if (entry.kind === "status") return t(`caseState.${entry.label as "open"}`);
  if (entry.kind === "assessment") return trackLabel(entry.label);
  if (entry.kind === "activity") return t(`activityKind.${entry.label as "call"}`);
  if (entry.kind === "note") return entry.label === "restricted" ? t("case.restricted") : "";
  if (entry.kind === "support") return t(`assistanceKind.${entry.label as "other"}`);
  return entry.label;
}

function detail(t: T, entry: Entry, days: Record<string, string>): string {
  const text = entry.detail ?? "";
  if (entry.kind === "status" && CLOSE_REASONS.includes(text as "other")) return t(`closeReason.${text as "other"}`);
  if (entry.kind === "assessment") return t(`needLevel.${text as "low"}`);
  if (entry.kind === "goal") return t(`goalStatus.${text as "identified"}`);
  if (entry.kind === "task") return entry.extra ? `${t(`taskEvent.${text as "created"}`)}: ${days[entry.extra] ?? entry.extra}` : t(`taskEvent.${text as "created"}`);
  if (entry.kind === "referral") return t(`referralStatus.${text as "sent"}`);
  if (entry.kind === "support") return t(`assistanceStatus.${text as "paid"}`);
  return text;
}
