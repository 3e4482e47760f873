// npm run audit:verify   Checks the audit log's hash chain; names the first edited or removed row.
import { verifyAuditChain } from "../app/audit/audit-log.server";
import { createDb } from "../app/db/client.server";
import { loadLocalEnv } from "../app/db/connection";

loadLocalEnv();
const db = createDb();
const result = await verifyAuditChain(db).finally(() => db.$disconnect());
if (result.ok) {
  console.log(`The audit log is intact: ${result.rows} rows, each following the one before.`);
} else {
  console.error(`The audit log was changed: row ${result.firstBrokenId} does not follow the row before it (${result.rows} rows checked before it).`);
  process.exit(1);
}
