// The person's data as a JSON file (a resource route: it answers with the file itself).
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { confirmIdentity } from "~/auth/reauth.server";
import { requireArea } from "~/auth/session.server";
import { myData } from "~/persons/my-data.server";
import { exportForm } from "~/persons/personal-space-forms";
import { readForm } from "~/http/form.server";

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireArea(request, "me");
  const parsed = exportForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return redirect("/me/data?problem=missing");
  const refused = await confirmIdentity(viewer, parsed.data.password, parsed.data.code);
  if (refused) return redirect(`/me/data?problem=${refused.field}`);
  const data = await myData(viewer, { files: true });
  // A neutral file name: the file may stay on a device that others look into.
  const name = `my-data-${data.exportedAt.slice(0, 10)}.json`;
  return new Response(JSON.stringify(data, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
  });
}
