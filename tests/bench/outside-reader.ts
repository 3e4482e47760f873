// Run by the reliability benchmark as its own process: an outside reader of the database file,
// as a monitoring script would be. Ten times a second it opens the file with the key through
// @libsql/client, reads, and closes. On SIGTERM it prints how many reads worked and failed.
import { createClient } from "@libsql/client";

const url = process.env.DATABASE_URL!;
const encryptionKey = process.env.DATABASE_ENCRYPTION_KEY!;
const counts = { reads: 0, failed: 0, firstError: "" };

const timer = setInterval(() => {
  const client = createClient({ url, encryptionKey });
  client
    .execute("SELECT count(*) FROM Note")
    .then(() => counts.reads++)
    .catch((error: unknown) => {
      counts.failed++;
      counts.firstError ||= error instanceof Error ? error.message : String(error);
    })
    .finally(() => client.close());
}, 100);

process.on("SIGTERM", () => {
  clearInterval(timer);
  console.log(JSON.stringify(counts));
  process.exit(0);
});
