// Remembers the chosen language in a cookie and goes back to the page it was chosen on.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { safeRedirectPath } from "~/auth/policy";
import { LOCALES } from "~/i18n/catalogue";
import { localeCookie } from "~/i18n/locale.server";
import { readForm } from "~/http/form.server";

const languageForm = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().max(2048).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = languageForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return redirect("/");
  const target = safeRedirectPath(parsed.data.redirectTo) ?? "/";
  return redirect(target, { headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) } });
}

export function loader() {
  return redirect("/");
}
