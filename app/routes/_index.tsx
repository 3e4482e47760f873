// The public home page: what the service is and how to ask for help. No sign-in needed.
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n/catalogue";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");
// Works without JavaScript and loads none (a person at risk may browse with scripts off).
export const handle = { scripts: false };

const TRACKS: MessageKey[] = [
  "track.medical",
  "track.psychological",
  "track.relocation",
  "track.housing",
  "track.employment",
  "track.legal",
  "track.financial",
  "track.resocialisation",
];

export default function Home() {
  const t = useT();
  return (
    <article className="home">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>

      <section aria-labelledby="how">
        <h2 id="how">{t("home.howTitle")}</h2>
        <p>
          <Link to="/help" className="button primary" reloadDocument>
            {t("help.ask")}
          </Link>
        </p>
        <ol className="steps">
          <li>{t("home.how.step1")}</li>
          <li>{t("home.how.step2")}</li>
          <li>{t("home.how.step3")}</li>
        </ol>
      </section>

      <section aria-labelledby="tracks">
        <h2 id="tracks">{t("home.tracksTitle")}</h2>
        <ul className="tracks">
          {TRACKS.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="safety">
        <h2 id="safety">{t("home.safetyTitle")}</h2>
        <p>{t("home.safety")}</p>
      </section>

      <p>
        {t("home.staffSignIn")} <Link to="/login">{t("nav.signIn")}</Link>
      </p>
    </article>
  );
}
