// The frame of each signed-in area: its title, the viewer's role, and the area's navigation.
import { NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import type { RoleName as Role } from "~/auth/policy";
import type { Translate } from "~/i18n/catalogue";
import { useT } from "~/i18n/use-t";

/** The navigation of a person's own space, the same on each of its pages. */
export function personalSpaceNav(t: Translate) {
  return [
    { to: "/me", label: t("shell.me.title") },
    { to: "/me/messages", label: t("nav.me.messages") },
    { to: "/me/documents", label: t("document.mine") },
    { to: "/me/data", label: t("nav.me.data") },
    { to: "/me/erasure", label: t("nav.me.erasure") },
  ];
}

type AreaShellProps = {
  title: string;
  lead: string;
  role: Role;
  nav: { to: string; label: string }[];
  children: ReactNode;
};

export function AreaShell({ title, lead, role, nav, children }: AreaShellProps) {
  const t = useT();
  return (
    <div className="area" data-role={role}>
      <nav className="area-nav" aria-label={t("nav.main")}>
        <ul>
          {nav.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <section className="area-content">
        <p className="role-badge">{t(`role.${role}`)}</p>
        <h1>{title}</h1>
        <p className="lead">{lead}</p>
        {children}
      </section>
    </div>
  );
}
