// The neutral link of an "update" email: after sign-in it leads its account to the page it is
// about. A stranger is asked to sign in (whatever the token); another account gets 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireViewer } from "~/auth/session.server";
import { noticeDestination } from "~/email/notice-links.server";
import { notFound } from "~/http/not-found";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const destination = await noticeDestination(params.token ?? "", viewer.accountId);
  if (!destination) throw notFound();
  return redirect(destination);
}
