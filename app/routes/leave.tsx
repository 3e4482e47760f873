// "Leave now": a resource route, so that its answer is the page that moves on, not a Remix page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { localeFor } from "~/i18n/locale.server";
import { LEAVING_HEADERS, leaveNow, leavingPage } from "~/safety/leave-now.server";

export async function action({ request }: ActionFunctionArgs) {
  return leaveNow(request, await localeFor(request));
}

/** A GET changes nothing: it only moves on (someone who typed the address, or a reload). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { "Clear-Site-Data": _cleared, ...headers } = LEAVING_HEADERS;
  return new Response(leavingPage(await localeFor(request)), { status: 200, headers });
}
