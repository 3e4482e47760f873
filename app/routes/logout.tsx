// Sign-out is a POST: nothing changes state on GET.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/auth/sign-in.server";

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await signOut(request);
  return redirect("/", {
    headers: { "Set-Cookie": cookie, "Clear-Site-Data": '"cache", "cookies", "storage"' },
  });
}

export function loader() {
  return redirect("/");
}
