// The report as a CSV file, as a resource route: the form's POST gets the file itself (a page's
// route would answer with its page). The same figures as the page, withheld where the page
// withholds them; each export is audited.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireArea } from "~/auth/session.server";
import { serverConfig } from "~/config/env.server";
import { readForm } from "~/http/form.server";
import { notFound } from "~/http/not-found";
import { localeFor } from "~/i18n/locale.server";
import { dayIn } from "~/i18n/moments";
import { periodFrom } from "~/reports/period";
import { exportReport } from "~/reports/report.server";

/** Reloading the address after a download lands on the reports. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "staff");
  return redirect("/staff/reports");
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  const form = await readForm(request);
  const query = new URLSearchParams([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const { period, problems } = periodFrom(query, dayIn(serverConfig().timeZone));
  // A period the page would refuse goes back to the page, which says why next to the field.
  if (problems.length) return redirect(`/staff/reports?${query.toString()}`);
  const csv = await exportReport(viewer, period, await localeFor(request));
  if (csv === null) throw notFound();
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="report-${period.first}-${period.last}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
