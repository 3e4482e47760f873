// What the HSDS schema check refused, in words a person reads: not a .server module, because the
// import page puts it into words in the administrator's language.
import type { MessageKey } from "~/i18n/catalogue";

/** One thing the schema refused: in which file, where (field names and positions), and what. */
export type SchemaProblem = { document: string; path: string; keyword: string; params: Record<string, string> };

const TYPES = ["string", "number", "integer", "boolean", "array", "object"];
const FORMATS = ["uuid", "email", "uri", "date-time"];

/** "services/0/name" as "services #1 › name": positions counted from one, as people count. */
export function pathInWords(path: string): string {
  return path
    .split("/")
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : part))
    .join(" › ")
    .replace(/ › #/g, " #");
}

/** The message for a problem, with its values (`word` translates the type and format names). */
export function problemMessage(problem: SchemaProblem, word: (key: MessageKey) => string): { key: MessageKey; values: Record<string, string> } {
  const { keyword, params } = problem;
  if (keyword === "type" && TYPES.includes(params.type ?? "")) return { key: "hsds.problem.type", values: { type: word(`hsds.type.${params.type}` as MessageKey) } };
  if (keyword === "required") return { key: "hsds.problem.required", values: { field: params.field ?? "" } };
  if (keyword === "format" && FORMATS.includes(params.format ?? "")) return { key: "hsds.problem.format", values: { format: word(`hsds.format.${params.format}` as MessageKey) } };
  if (keyword === "enum") return { key: "hsds.problem.enum", values: { values: params.values ?? "" } };
  if (keyword === "json" || keyword === "noFiles" || keyword === "track" || keyword === "tooLarge") return { key: `hsds.problem.${keyword}`, values: {} };
  return { key: "hsds.problem.other", values: { keyword } };
}
