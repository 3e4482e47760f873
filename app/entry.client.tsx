// Hydration, after the page's own language is loaded: each catalogue is a chunk of its own, so
// a page in Belarusian downloads only the Belarusian words.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { isLocale, registerCatalogue, type Catalogue, type Locale } from "./i18n/catalogue";

const loaders: Record<Locale, () => Promise<Catalogue>> = {
  be: () => import("./i18n/be").then((module) => module.be),
  ru: () => import("./i18n/ru").then((module) => module.ru),
  en: () => import("./i18n/en").then((module) => module.en),
};

const lang = document.documentElement.lang;
const locale: Locale = isLocale(lang) ? lang : "en";

void loaders[locale]().then((catalogue) => {
  registerCatalogue(locale, catalogue);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
