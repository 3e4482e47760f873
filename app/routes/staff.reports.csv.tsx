// The report as a CSV file, as a resource route: the form's POST gets the file itself (a page's
// route would answer with its page). The same figures as the page, withheld where the page
// withholds them; each export is audited.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { supportSections } from "~/assistance/assistance-report.server";
import { requireArea } from "~/auth/session.server";
import { translator } from "~/i18n/catalogue";
import { localeFor } from "~/i18n/locale.server";
import { periodDownload } from "~/reports/period-download.server";
import { exportReport } from "~/reports/report.server";

/** Reloading the address after a download lands on the reports. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "staff");
  return redirect("/staff/reports");
}

export async function action({ request }: ActionFunctionArgs) {
  const locale = await localeFor(request);
  return periodDownload(request, "report", async (viewer, period) => exportReport(viewer, period, locale, await supportSections(viewer, period, locale, translator(locale))));
}
