// What a new password must be: long enough (12 characters, 15 for staff and partners), not
// longer than we accept (at least 64 is required; we take 256), any characters, no class
// rules; not one of the most common passwords, and not built on our own names.
import type { MessageKey } from "~/i18n/catalogue";
import { COMMON_PASSWORDS } from "./common-passwords";

export const MAX_PASSWORD_LENGTH = 256;
// Names an attacker tries first against this system.
const OWN_NAMES = ["aftercare", "demo.local"];

export function minimumPasswordLength(role: string): number {
  return role === "client" ? 12 : 15;
}

export function passwordProblem(password: string, role: string, extraNames: string[] = []): MessageKey | null {
  const length = [...password].length;
  if (length < minimumPasswordLength(role)) return role === "client" ? "password.tooShortClient" : "password.tooShortStaff";
  if (length > MAX_PASSWORD_LENGTH) return "password.tooLong";
  const folded = password.toLowerCase().replace(/\s+/g, "");
  if (COMMON_PASSWORDS.has(password.toLowerCase()) || COMMON_PASSWORDS.has(folded)) return "password.common";
  if ([...OWN_NAMES, ...extraNames].some((name) => name.length >= 4 && folded.includes(name.toLowerCase().replace(/\s+/g, "")))) {
    return "password.containsName";
  }
  if (new Set(folded).size < 4) return "password.common";
  return null;
}
