// Forms about accounts. Messages are catalogue keys; password rules are checked on the server
// with the account's role (password-policy.ts), because the minimum length depends on it.
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "~/auth/password-policy";
import { belongsToPartner } from "~/auth/policy";
import { LOCALES } from "~/i18n/catalogue";

const password = z.string().min(1, "password.required").max(MAX_PASSWORD_LENGTH * 4, "password.tooLong");

export const newPasswordForm = z
  .object({ password, repeat: z.string().max(MAX_PASSWORD_LENGTH * 4) })
  .refine((form) => form.password === form.repeat, { message: "password.mismatch", path: ["repeat"] });

export const changePasswordForm = z
  .object({ current: z.string().min(1, "password.required").max(MAX_PASSWORD_LENGTH * 4), password, repeat: z.string().max(MAX_PASSWORD_LENGTH * 4) })
  .refine((form) => form.password === form.repeat, { message: "password.mismatch", path: ["repeat"] });

/** The "screen in public" choice: a ticked box sends "on", an unticked one nothing. */
export const screenForm = z.object({ blurNames: z.literal("on").optional().transform((value) => value === "on"), version: z.coerce.number().int().min(1) });

export const emailForm = z.object({ email: z.string().trim().toLowerCase().max(254, "form.tooLong").email("login.emailInvalid") });

export const inviteForm = z
  .object({
    email: z.string().trim().toLowerCase().max(254, "form.tooLong").email("login.emailInvalid"),
    displayName: z.string().trim().min(1, "admin.accounts.nameRequired").max(100, "form.tooLong"),
    role: z.enum(["partner", "caseworker", "coordinator", "admin"], { message: "admin.accounts.roleRequired" }),
    // The select's empty choice sends "".
    organizationId: z.string().max(40).optional().transform((value) => value || undefined),
    locale: z.enum(LOCALES),
  })
  .superRefine((invite, context) => {
    // A partner's account belongs to a partner organisation; staff belong to the host.
    if (belongsToPartner(invite.role) && !invite.organizationId) context.addIssue({ code: "custom", path: ["organizationId"], message: "admin.accounts.organizationRequired" });
  });

/** A caseworker opens a person's own space: the address for the activation link, and its language. */
export const inviteClientForm = z.object({
  intent: z.literal("invite"),
  email: z.string().trim().toLowerCase().max(254, "form.tooLong").email("login.emailInvalid"),
  locale: z.enum(LOCALES, { message: "form.errorSummary" }),
});

/** The roles an account can be moved between: staff only (a partner belongs to an organisation, a person to a record). */
export const STAFF_ROLES = ["caseworker", "coordinator", "admin"] as const;

export const changeRoleForm = z.object({
  intent: z.literal("change-role"),
  accountId: z.string().min(1).max(40),
  // The role the page showed: a role changed meanwhile by someone else is not overwritten.
  fromRole: z.enum(STAFF_ROLES, { message: "form.stale" }),
  role: z.enum(STAFF_ROLES, { message: "admin.accounts.roleInvalid" }),
});

export const accountActionForm = z.object({
  intent: z.enum(["revoke-sessions", "reset-second-factor", "disable", "enable"]),
  accountId: z.string().min(1).max(40),
});
