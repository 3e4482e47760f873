// npm run audit:verify   Checks the audit log's hash chain; names the first edited or removed row.
// Works while the app runs (the chain only grows at its end); says in words what went wrong.
import { verifyAuditChain } from "../app/audit-log/audit-log.server";
import { createDb } from "../app/db/client.server";
import { explainDatabaseError, loadLocalEnv } from "../app/db/connection";

loadLocalEnv();
try {
  const db = createDb(undefined, { mustExist: true });
  const result = await verifyAuditChain(db).finally(() => db.$disconnect());
  if (result.ok) {
    console.log(`The audit log is intact: ${result.rows} rows, each following the one before.`);
  } else {
    console.error(`The audit log was changed: row ${result.firstBrokenId} does not follow the row before it (${result.rows} rows checked before it).`);
    process.exit(1);
  }
} catch (error) {
  const explained = explainDatabaseError(error);
  console.error(`The audit log could not be checked: ${explained.message.split("\n").filter(Boolean).at(-1)}`);
  process.exit(2);
}
