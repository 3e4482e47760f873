// The accountant's ledger of practical support for a period, as CSV: a resource route, so that
// the form's POST gets the file itself. Case codes, never names; each download audited.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { supportLedger } from "~/assistance/assistance-report.server";
import { requireArea } from "~/auth/session.server";
import { periodDownload } from "~/reports/period-download.server";

/** Reloading the address after a download lands on the reports. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "staff");
  return redirect("/staff/reports");
}

export async function action({ request }: ActionFunctionArgs) {
  return periodDownload(request, "support-ledger", supportLedger);
}
