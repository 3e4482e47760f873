// The audit log's CSV export, as a resource route: the browser's form POST gets the file itself
// (a route with a page answers a form's POST with its page, and the file never arrived). A
// refused code goes back to the log, which says why next to the code field.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { auditFilterSchema, exportAuditLog, exportCodeForm, type ExportProblem } from "~/audit-log/audit-log.server";
import { requireArea } from "~/auth/session.server";
import { confirmFreshCode } from "~/auth/two-factor.server";
import { readForm } from "~/http/form.server";

/** Reloading the address after a download lands on the log. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "admin");
  return redirect("/admin/audit");
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireArea(request, "admin");
  const form = Object.fromEntries(await readForm(request));
  // Back to the log with the same filter, and the problem with the code (never the code itself).
  const back = (problem: ExportProblem | null) => {
    const query = new URLSearchParams();
    for (const name of ["personId", "caseCode", "accountId", "action", "from", "to"]) {
      const value = form[name];
      if (typeof value === "string" && value) query.set(name, value);
    }
    if (problem) query.set("exportError", problem);
    return redirect(`/admin/audit?${query.toString()}`);
  };
  const filter = auditFilterSchema.safeParse(form);
  const code = exportCodeForm.safeParse(form);
  // A filter the log itself refused shows its own errors there.
  if (!filter.success) return back(null);
  if (!code.success) return back(code.error.issues[0]?.message === "twoFactor.codeWrong" ? "twoFactor.codeWrong" : "twoFactor.codeRequired");
  if (!(await confirmFreshCode(admin, code.data.code))) return back("twoFactor.codeWrong");
  const csv = await exportAuditLog(admin, filter.data);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
