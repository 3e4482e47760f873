// Renders the data export as a readable document: every field with its label in the page's
// language, codes in words where the catalogue has them, lists as lists, nothing left out.
// The JSON file keeps the codes themselves.
import { en, type MessageKey } from "~/i18n/en";
import { useT } from "~/i18n/use-t";

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

// Fields whose values are codes with words in the catalogue. "status" and "kind" are left as
// codes: the same code means different things on a request, a case and a referral.
const WORDS_FOR: Record<string, string> = {
  purpose: "consentPurpose",
  method: "consentMethod",
  contactKind: "contactKind",
  urgency: "urgency",
  level: "needLevel",
  closeReason: "closeReason",
  reason: "closeReason",
  track: "track",
  tracks: "track",
  sharedFields: "referral.field",
};
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})[\d:.]*Z$/;

export function DataTree({ value, field = "" }: { value: Value; field?: string }) {
  const t = useT();
  const label = (key: string) => (`export.field.${key}` in en ? t(`export.field.${key}` as MessageKey) : key);
  const words = (item: string | number) => {
    const key = `${WORDS_FOR[field] ?? ""}.${item}`;
    if (key in en) return t(key as MessageKey);
    return String(item).replace(DATE_TIME, "$1 $2 UTC");
  };
  if (value === null || value === "") return <>—</>;
  if (typeof value === "boolean") return <>{value ? t("export.yes") : t("export.no")}</>;
  if (typeof value !== "object") return <>{words(value)}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <>—</>;
    if (value.every((item) => typeof item === "string" || typeof item === "number")) return <>{value.map(words).join(", ")}</>;
    return (
      <ol className="data-list">
        {value.map((item, index) => (
          <li key={index}>
            <DataTree value={item} field={field} />
          </li>
        ))}
      </ol>
    );
  }
  return (
    <dl className="facts">
      {Object.entries(value).map(([key, item]) => (
        <div key={key} className="fact-row">
          <dt>{label(key)}</dt>
          <dd>
            <DataTree value={item} field={key} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
