// The read-only HSDS feed of the partner directory, for another network's system: off until an
// administrator turns it on (/admin/partners/hsds), and then only with the token they handed out,
// sent as `Authorization: Bearer …`. Off, or without that token, the address does not exist (404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/http/not-found";
import { feedDirectory } from "~/standards/directory-exchange.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await feedDirectory(request.headers.get("Authorization"));
  if (!page) throw notFound();
  return new Response(JSON.stringify(page), { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
}
