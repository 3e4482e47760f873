// Page titles in the page's language, for routes' `meta` exports.
import { DEFAULT_LOCALE, isLocale, translator, type MessageKey } from "./catalogue";

type Match = { id: string; data: unknown };

export function pageTitle(matches: Match[], key: MessageKey): { title: string }[] {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  const t = translator(isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE);
  return [{ title: `${t(key)} · ${t("app.name")}` }];
}
