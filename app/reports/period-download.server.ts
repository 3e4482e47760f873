// The reports' downloads (the report's CSV, the support ledger): a form's POST with the period
// the page shows, answered with the file itself; a period the page would refuse goes back to the
// page, which says why next to the field; nothing to download for this viewer is a 404.
import { redirect } from "@remix-run/node";
import type { Viewer } from "~/auth/session.server";
import { requireArea } from "~/auth/session.server";
import { serverConfig } from "~/config/env.server";
import { readForm } from "~/http/form.server";
import { notFound } from "~/http/not-found";
import { dayIn } from "~/i18n/moments";
import { periodFrom, type Period } from "./period";

export async function periodDownload(request: Request, name: string, make: (viewer: Viewer, period: Period) => Promise<string | null>): Promise<Response> {
  const viewer = await requireArea(request, "staff");
  const form = await readForm(request);
  const query = new URLSearchParams([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const { period, problems } = periodFrom(query, dayIn(serverConfig().timeZone));
  if (problems.length) return redirect(`/staff/reports?${query.toString()}`);
  const csv = await make(viewer, period);
  if (csv === null) throw notFound();
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${period.first}-${period.last}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
