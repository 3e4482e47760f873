// The directory's HSDS file, as a resource route: the form's POST gets the file itself. The list
// of partners is sensitive, so it asks for a fresh second-factor code (SECURITY.md C), as every
// export does; a refused code goes back to the page, which says why next to the field.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { exportCodeForm } from "~/audit-log/audit-log.server";
import { requireArea } from "~/auth/session.server";
import { confirmFreshCode } from "~/auth/two-factor.server";
import { readForm } from "~/http/form.server";
import { exportDirectory } from "~/standards/directory-exchange.server";

/** Reloading the address after a download lands on the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "admin");
  return redirect("/admin/partners/hsds");
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireArea(request, "admin");
  const code = exportCodeForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!code.success) return redirect(`/admin/partners/hsds?exportError=${code.error.issues[0]?.message === "twoFactor.codeWrong" ? "twoFactor.codeWrong" : "twoFactor.codeRequired"}`);
  if (!(await confirmFreshCode(admin, code.data.code))) return redirect("/admin/partners/hsds?exportError=twoFactor.codeWrong");
  const page = await exportDirectory(admin);
  return new Response(JSON.stringify(page, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="directory-hsds-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
