// The end-to-end server's database, opened beside it (WAL lets both work on the file), for
// tests that need more rows than the demo data holds.
import { createDb, type Db } from "../../app/db/client.server";
import { TEST_ENCRYPTION_KEY } from "../setup/test-database";

export function e2eDatabase(): Db {
  return createDb({ url: "file:./tests/.tmp/e2e.db", encryptionKey: TEST_ENCRYPTION_KEY });
}
