// Writes a generated data set with bulk inserts, parents before children, in chunks that stay
// well under SQLite's limit of bound parameters.
import type { Db, Tx } from "../../app/db/client.server";
import { markAsDemo } from "../../app/install/installation.server";
import type { DemoDataSet } from "./generate";

const CHUNK = 400;

/** Writes a whole set (the demo's), marked as demo data first. */
export async function writeDemoData(db: Db, set: DemoDataSet, log: (line: string) => void = () => {}): Promise<void> {
  // Marked first: a database with any demo row in it is a demo database.
  await markAsDemo(db);
  await writeBatch(db, set, log);
}

/** Writes one batch of a set, parents before children; in a transaction when given one. */
async function writeBatch(db: Db | Tx, set: DemoDataSet, log: (line: string) => void = () => {}): Promise<void> {
  const steps: [keyof DemoDataSet, (rows: never[]) => Promise<unknown>][] = [
    ["tracks", (data) => db.supportTrack.createMany({ data })],
    ["organizations", (data) => db.organization.createMany({ data })],
    ["locations", (data) => db.location.createMany({ data })],
    ["services", (data) => db.service.createMany({ data })],
    ["serviceAreas", (data) => db.serviceArea.createMany({ data })],
    ["serviceCapacities", (data) => db.serviceCapacity.createMany({ data })],
    ["persons", (data) => db.person.createMany({ data })],
    ["nameTokens", (data) => db.nameToken.createMany({ data })],
    ["accounts", (data) => db.account.createMany({ data })],
    ["contacts", (data) => db.contactChannel.createMany({ data })],
    ["restrictions", (data) => db.restriction.createMany({ data })],
    ["consents", (data) => db.consent.createMany({ data })],
    ["cases", (data) => db.case.createMany({ data })],
    ["requests", (data) => db.helpRequest.createMany({ data })],
    ["requestTracks", (data) => db.helpRequestTrack.createMany({ data })],
    ["assignments", (data) => db.caseAssignment.createMany({ data })],
    ["assessments", (data) => db.needsAssessment.createMany({ data })],
    ["goals", (data) => db.goal.createMany({ data })],
    ["activities", (data) => db.activity.createMany({ data })],
    ["fundingSources", (data) => db.fundingSource.createMany({ data })],
    ["assistance", (data) => db.assistance.createMany({ data })],
    ["assistanceEvents", (data) => db.assistanceEvent.createMany({ data })],
    ["notes", (data) => db.note.createMany({ data })],
    ["tasks", (data) => db.task.createMany({ data })],
    ["caseMessages", (data) => db.caseMessage.createMany({ data })],
    ["caseHistory", (data) => db.caseStatusChange.createMany({ data })],
    ["referrals", (data) => db.referral.createMany({ data })],
    ["referralHistory", (data) => db.referralStatusChange.createMany({ data })],
    ["referralMessages", (data) => db.referralMessage.createMany({ data })],
    ["auditEvents", (data) => db.auditEvent.createMany({ data })],
  ];
  for (const [table, insert] of steps) {
    const rows = set[table] as never[];
    for (let start = 0; start < rows.length; start += CHUNK) await insert(rows.slice(start, start + CHUNK));
    log(`${table}: ${rows.length}`);
  }
}
