import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useEffect } from "react";
import {
  Form,
  isRouteErrorResponse,
  json,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { mayEnter, offeredLeaveNow } from "~/auth/policy";
import { getSessionState } from "~/auth/session.server";
import { serverConfig } from "~/config/env.server";
import { isDemoDatabase } from "~/install/installation.server";
import { LanguageSwitcher } from "~/components/language-switcher";
import { localeFor } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/use-t";
import { useNonce } from "~/http/nonce";
import { pageTitle } from "~/i18n/meta";
import { newFormKey, takeSavedNotice } from "~/http/sent-once.server";
import { SavedNotice } from "~/components/saving-form";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, state, demo, saved] = await Promise.all([localeFor(request), getSessionState(request), isDemoDatabase(), takeSavedNotice(request)]);
  const viewer = state.kind === "verified" ? state.viewer : null;
  // Staff see that a lockdown is on (the session's own reading says so).
  const lockdown = state.kind === "verified" && mayEnter(state.viewer.role, "staff") && state.lockdown;
  // "A screen in public": the account's choice to blur persons' names on staff pages (CSS only).
  const blurNames = state.kind === "verified" && mayEnter(state.viewer.role, "staff") && state.blurNames;
  // "Leave now" where a person at risk may be: public pages and the personal space (LeaveNow).
  const leaveNowUrl = offeredLeaveNow(viewer) ? serverConfig().leaveNowUrl : null;
  // formKey: the one-time tokens of this page's forms (components/saving-form.tsx). The root
  // loader runs again after every form sent, so each save gives the page new tokens.
  return json(
    { locale, demo, viewer: viewer ? { displayName: viewer.displayName, role: viewer.role } : null, formKey: newFormKey(), saved: saved.notice, leaveNowUrl, lockdown, blurNames },
    { headers: saved.headers },
  );
}

/**
 * On public pages a plain link to the neutral site; in the personal space a form that also ends
 * the session and clears what the browser holds (routes/leave.tsx). Both work without JavaScript;
 * the form is a plain one, so that with JavaScript too the browser itself follows the answer.
 */
function LeaveNow({ url, signedIn }: { url: string; signedIn: boolean }) {
  const t = useT();
  return (
    <div className="leave-now">
      {signedIn ? (
        <form method="post" action="/leave">
          <button type="submit">{t("leave.now")}</button>
        </form>
      ) : (
        <a href={url} rel="noreferrer">
          {t("leave.now")}
        </a>
      )}
      <Link to="/safety">{t("leave.about")}</Link>
    </div>
  );
}

function Header() {
  const t = useT();
  const data = useRouteLoaderData<typeof loader>("root");
  const viewer = data?.viewer;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("a11y.skipToContent")}
      </a>
      {data?.lockdown ? (
        <p className="lockdown-banner" role="note">
          {t("lockdown.banner")}
        </p>
      ) : null}
      {data?.demo ? (
        <p className="demo-banner" role="note">
          {t("app.demo")}
        </p>
      ) : null}
      <div className="site-header-inner">
        <Link to="/" className="brand">
          {t("app.name")}
          <span className="tagline">{t("app.tagline")}</span>
        </Link>
        <div className="header-tools">
          {data?.leaveNowUrl ? <LeaveNow url={data.leaveNowUrl} signedIn={Boolean(viewer)} /> : null}
          {data?.blurNames ? (
            <label className="reveal-names">
              <input type="checkbox" id="reveal-names" /> {t("screen.reveal")}
            </label>
          ) : null}
          <LanguageSwitcher />
          {viewer ? (
            <Form method="post" action="/logout" className="sign-out">
              <span className="signed-in-as">{t("nav.signedInAs", { name: viewer.displayName })}</span>
              <Link to="/account">{t("nav.account")}</Link>
              <button type="submit">{t("nav.signOut")}</button>
            </Form>
          ) : (
            <Link to="/login" className="sign-in-link">
              {t("nav.signIn")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const locale = useLocale();
  const nonce = useNonce();
  // Pages that must work without JavaScript and weigh little (the public help form) load none.
  const blurNames = useRouteLoaderData<typeof loader>("root")?.blurNames ?? false;
  const withScripts = !useMatches().some((match) => (match.handle as { scripts?: boolean } | undefined)?.scripts === false);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <Meta />
        <Links />
      </head>
      <body className={blurNames ? "blur-names" : undefined}>
        <Header />
        <main id="main" tabIndex={-1}>
          <SavedNotice />
          {children}
        </main>
        {withScripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

/** The title and text of an error page, by its status. */
function errorWords(error: unknown) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404) return ["error.notFound.title", "error.notFound.body"] as const;
  if (status === 429) return ["error.tooMany.title", "error.tooMany.body"] as const;
  if (status === 400 || status === 405 || status === 413) return ["error.badRequest.title", "error.badRequest.body"] as const;
  return ["error.generic.title", "error.generic.body"] as const;
}

// Only error pages take their title from here: every page's route names its own.
export const meta: MetaFunction = ({ matches, error }) => (error ? pageTitle(matches, errorWords(error)[0]) : []);

export default function App() {
  // Said once the whole page has hydrated (effects run after the commit): the end-to-end tests
  // wait for it before clicking as someone with scripts on would.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const [title, body] = errorWords(error);
  return (
    <section className="error-page">
      <h1>{t(title)}</h1>
      <p>{t(body)}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
