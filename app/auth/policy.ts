// The one place that says which role may enter which part of the app. Server modules and
// route loaders ask here; nothing else decides access. Record-level scopes (assignment,
// organisation, consent) are added here as the features that need them arrive.
import type { Role } from "~/db/generated/enums";

export const ROLES = ["client", "partner", "caseworker", "coordinator", "admin"] as const satisfies readonly Role[];

export type Area = "staff" | "partner" | "me" | "admin";

const AREA_ROLES: Record<Area, readonly Role[]> = {
  staff: ["caseworker", "coordinator", "admin"],
  partner: ["partner"],
  me: ["client"],
  admin: ["admin"],
};

export function mayEnter(role: Role, area: Area): boolean {
  return AREA_ROLES[area].includes(role);
}

/** Where a role lands after signing in. */
export function homeOf(role: Role): string {
  switch (role) {
    case "client":
      return "/me";
    case "partner":
      return "/partner";
    case "admin":
      return "/admin";
    case "caseworker":
    case "coordinator":
      return "/staff";
  }
}

/** A `redirectTo` is followed only when it is a path on this site: one leading "/", not "//" or "/\". */
export function safeRedirectPath(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (/[\u0000-\u001f]/.test(value)) return null;
  return value;
}
