// Renders the data export as a readable document: every field with its label in the page's
// language, lists as lists, nothing left out and nothing interpreted.
import { en, type MessageKey } from "~/i18n/en";
import { useT } from "~/i18n/use-t";

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export function DataTree({ value }: { value: Value }) {
  const t = useT();
  const label = (key: string) => (`export.field.${key}` in en ? t(`export.field.${key}` as MessageKey) : key);
  if (value === null || value === "") return <>—</>;
  if (typeof value === "boolean") return <>{value ? t("export.yes") : t("export.no")}</>;
  if (typeof value !== "object") return <>{String(value)}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <>—</>;
    if (value.every((item) => typeof item !== "object" || item === null)) return <>{value.map((item) => String(item)).join(", ")}</>;
    return (
      <ol className="data-list">
        {value.map((item, index) => (
          <li key={index}>
            <DataTree value={item} />
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
            <DataTree value={item} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
