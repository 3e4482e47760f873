// For monitors: 200 only when the database opens with the key, has every migration applied
// and accepts a write; otherwise 503, with the reason in the server's log. Says nothing else.
import { checkHealth } from "~/db/health.server";

const TEXT = { "Content-Type": "text/plain; charset=utf-8" };

export async function loader() {
  const health = await checkHealth();
  if (health.ok) return new Response("ok\n", { headers: TEXT });
  console.error(`healthz: database unavailable: ${health.reason}`);
  return new Response("database unavailable\n", { status: 503, headers: TEXT });
}
