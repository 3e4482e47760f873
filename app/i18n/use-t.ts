// The translate function for the language of the current page (chosen by the root loader).
import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, isLocale, translator, type Locale, type Translate } from "./catalogue";

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: unknown }>("root");
  return isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
}

export function useT(): Translate {
  return translator(useLocale());
}
