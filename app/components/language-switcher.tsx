// Three buttons in a plain form: works without JavaScript, and the choice is remembered.
import { Form, useLocation } from "@remix-run/react";
import { LOCALE_NAMES, LOCALES } from "~/i18n/catalogue";
import { useLocale, useT } from "~/i18n/use-t";

export function LanguageSwitcher() {
  const t = useT();
  const current = useLocale();
  const location = useLocation();
  return (
    // A new language is a new document: the browser then loads that language's words alone.
    <Form method="post" action="/language" reloadDocument className="language-switcher" aria-label={t("lang.label")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          title={t("lang.switchTo", { language: LOCALE_NAMES[locale] })}
        >
          {LOCALE_NAMES[locale]}
        </button>
      ))}
    </Form>
  );
}
