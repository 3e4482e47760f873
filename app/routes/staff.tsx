// The frame of the staff workspace: its navigation around every staff page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { mayConfirmErasure, reportScope } from "~/auth/policy";
import { requireArea } from "~/auth/session.server";
import { useT } from "~/i18n/use-t";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  return json({ role: viewer.role, reports: reportScope(viewer) !== null, erasures: mayConfirmErasure(viewer) });
}

export default function StaffArea() {
  const t = useT();
  const { role, reports, erasures } = useLoaderData<typeof loader>();
  const items = [
    { to: "/staff", label: t("nav.staff.overview"), end: true },
    { to: "/staff/requests", label: t("nav.staff.requests"), end: false },
    { to: "/staff/tasks", label: t("nav.staff.tasks"), end: false },
    { to: "/staff/support", label: t("nav.staff.support"), end: false },
    { to: "/staff/search", label: t("nav.staff.search"), end: false },
    { to: "/staff/directory", label: t("nav.staff.directory"), end: false },
    ...(reports ? [{ to: "/staff/reports", label: t("nav.staff.reports"), end: false }] : []),
    ...(erasures ? [{ to: "/staff/erasures", label: t("nav.staff.erasures"), end: false }] : []),
  ];
  return (
    <div className="area" data-role={role}>
      <nav className="area-nav" aria-label={t("nav.main")}>
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="area-content">
        <p className="role-badge">{t(`role.${role}`)}</p>
        <Outlet />
      </div>
    </div>
  );
}
