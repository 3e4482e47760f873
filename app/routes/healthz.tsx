// For monitors: 200 when the app and its database answer. Says nothing else.
import { checkDatabase } from "~/db/client.server";

export async function loader() {
  try {
    await checkDatabase();
    return new Response("ok\n", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
  } catch {
    return new Response("database unavailable\n", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
