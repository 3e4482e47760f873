// What "leave now" does and what it cannot do, said plainly (issue 16). Public, no script.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { serverConfig } from "~/config/env.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "safety.title");
export const handle = { scripts: false };

export function loader(_args: LoaderFunctionArgs) {
  return json({ site: new URL(serverConfig().leaveNowUrl).hostname });
}

export default function Safety() {
  const t = useT();
  const { site } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("safety.title")}</h1>
      <p>{t("safety.leave", { site })}</p>
      <p>{t("safety.limits")}</p>
      <p>{t("safety.private")}</p>
      <p>{t("safety.device")}</p>
    </section>
  );
}
