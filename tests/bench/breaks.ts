// Deliberate breaks (not a test): holes an attacker would look for, made one at a time in the
// code, each followed by the tests that should notice it. Stryker's mutants change operators and
// literals; these drop a scope from a query or skip a check, which Stryker does not do. Prints
// each break as caught (some test failed) or SURVIVED (every test still passed), and restores the
// file. Exits non-zero if one survived.
//   npm run test:breaks
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

type Break = { name: string; file: string; from: string; to: string; tests: string[] };

const BREAKS: Break[] = [
  {
    name: "changeCase without its case scope (any caseworker edits any case by id)",
    file: "app/cases/case-work.server.ts",
    from: "await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseScope(viewer)] },",
    to: "await tx.case.findFirst({ where: { id: caseId },",
    tests: ["tests/integration/authorization-writes.test.ts"],
  },
  {
    name: "the consent's list of shared fields ignored (a partner sees every field the referral names)",
    file: "app/auth/policy.ts",
    from: 'return new Set(referralFields.split(",").filter((field) => field !== "" && consented.has(field)));',
    to: 'return new Set(referralFields.split(",").filter((field) => field !== ""));',
    tests: ["tests/integration/scopes.test.ts"],
  },
  {
    name: "a withdrawn consent still shares",
    file: "app/auth/policy.ts",
    from: "const consented = consent && !consent.withdrawnAt ?",
    to: "const consented = consent ?",
    tests: ["tests/integration/scopes.test.ts"],
  },
  {
    name: "a person's record read without the person scope",
    file: "app/persons/persons.server.ts",
    from: 'FROM "Person" WHERE "Person"."id" = ${personId} AND ${personScopeSql(viewer)}`;',
    to: 'FROM "Person" WHERE "Person"."id" = ${personId}`;',
    tests: ["tests/integration/scopes.test.ts", "tests/integration/authorization-matrix.test.ts"],
  },
  {
    name: "a person's record edited without the person scope",
    file: "app/persons/persons.server.ts",
    from: "await tx.person.findFirst({ where: { AND: [{ id: personId }, personScope(viewer)] }, select: { id: true, fullName: true, fullNameLatin: true } }),",
    to: "await tx.person.findFirst({ where: { id: personId }, select: { id: true, fullName: true, fullNameLatin: true } }),",
    tests: ["tests/integration/authorization-writes.test.ts"],
  },
  {
    name: "a case opened without the case scope (any caseworker reads any case by id)",
    file: "app/cases/cases.server.ts",
    from: 'WHERE "Case"."id" = ${caseId} AND ${caseScopeSql(viewer)}',
    to: 'WHERE "Case"."id" = ${caseId}',
    tests: ["tests/integration/scopes.test.ts", "tests/integration/authorization-matrix.test.ts"],
  },
  {
    name: "a partner's inbox and referral pages show every organisation's referrals",
    file: "app/auth/policy.ts",
    from: 'return actor.organizationId ? sql`"Referral"."organizationId" = ${actor.organizationId} AND "Referral"."status" <> \'draft\'` : sql`0 = 1`;',
    to: 'return actor.organizationId ? sql`"Referral"."status" <> \'draft\'` : sql`0 = 1`;',
    tests: ["tests/integration/scopes.test.ts", "tests/integration/authorization-matrix.test.ts"],
  },
  {
    name: "a partner acts on another organisation's referral (referral scope dropped)",
    file: "app/referrals/referral-work.server.ts",
    from: "where: { AND: [{ id: referralId }, referralScope(viewer)] },",
    to: "where: { id: referralId },",
    tests: ["tests/integration/authorization-writes.test.ts"],
  },
  {
    name: "an ended assignment still opens the case",
    file: "app/auth/policy.ts",
    from: "return { assignments: { some: { accountId: actor.accountId, endedAt: null } } };",
    to: "return { assignments: { some: { accountId: actor.accountId } } };",
    tests: ["tests/integration/workspace.test.ts", "tests/integration/scopes.test.ts"],
  },
  {
    name: "restricted notes shown to every caseworker",
    file: "app/auth/policy.ts",
    from: '  if (actor.role === "coordinator" || actor.role === "admin") return sql`1 = 1`;\n  return sql`("Note"."restricted" = ${false}',
    to: '  return sql`1 = 1`;\n  return sql`("Note"."restricted" = ${false}',
    tests: ["tests/integration/workspace.test.ts", "tests/integration/scopes.test.ts"],
  },
  {
    name: "a stale case edit overwrites (no version in the check or in the update)",
    file: "app/cases/case-work.server.ts",
    from: `if (input.version !== found.version) return stale;
        if (!CASE_TRANSITIONS[found.status].includes(input.status)) return invalid("status", "case.transitionNotAllowed");
        if (input.status === "closed" && !input.reason) return invalid("reason", "case.closeReasonRequired");
        const closing = input.status === "closed";
        // A reopened case without a lead goes back on the coordinator's board; a closed one leaves it.
        const reopenedWithoutLead = found.status === "closed" && !closing && (await tx.caseAssignment.count({ where: { caseId: found.id, kind: "lead", endedAt: null } })) === 0;
        const { count } = await tx.case.updateMany({
          where: { id: found.id, version: input.version },`,
    to: `if (!CASE_TRANSITIONS[found.status].includes(input.status)) return invalid("status", "case.transitionNotAllowed");
        if (input.status === "closed" && !input.reason) return invalid("reason", "case.closeReasonRequired");
        const closing = input.status === "closed";
        const reopenedWithoutLead = found.status === "closed" && !closing && (await tx.caseAssignment.count({ where: { caseId: found.id, kind: "lead", endedAt: null } })) === 0;
        const { count } = await tx.case.updateMany({
          where: { id: found.id },`,
    tests: ["tests/integration/workspace.test.ts", "tests/integration/stale-edits.test.ts"],
  },
  {
    name: "a stale needs assessment overwrites",
    file: "app/cases/case-work.server.ts",
    from: "if ((current?.version ?? 0) !== seenVersion(input.seen, input.trackId)) return stale;",
    to: "",
    tests: ["tests/integration/stale-edits.test.ts"],
  },
  {
    name: "erasure keeps the case notes",
    file: "app/persons/erasure.server.ts",
    from: "await tx.note.deleteMany({ where: inCases });",
    to: "",
    tests: ["tests/integration/erasure.test.ts"],
  },
  {
    name: "the bulk-read throttle lets everything through",
    file: "app/audit/bulk-read.server.ts",
    from: "if (persons < personViewsPerHour()) {",
    to: "if (true) {",
    tests: ["tests/integration/scopes.test.ts"],
  },
  {
    name: "a person reads every case's messages (own-records scope too wide)",
    file: "app/auth/policy.ts",
    from: "  return personId ? { personId } : NOTHING;\n}\nexport function ownConsentScope",
    to: "  return personId ? {} : NOTHING;\n}\nexport function ownConsentScope",
    tests: ["tests/integration/personal-space.test.ts"],
  },
  {
    name: "an email's link leads any signed-in account",
    file: "app/email/notice-links.server.ts",
    from: "link && link.accountId === accountId && link.expiresAt > now",
    to: "link && link.expiresAt > now",
    tests: ["tests/integration/email-links.test.ts"],
  },
  {
    name: "duplicate warnings name persons outside the caseworker's scope",
    file: "app/requests/requests.server.ts",
    from: "const duplicates = await findDuplicates({ ...query, within: personScope(viewer) });",
    to: "const duplicates = await findDuplicates(query);",
    tests: ["tests/integration/scopes.test.ts"],
  },
  {
    name: "administration unchecked inside its module (only the route's area protects it)",
    file: "app/tracks/tracks.server.ts",
    from: "if (!mayAdminister(admin)) throw notFound();",
    to: "",
    tests: ["tests/integration/admin-checks.test.ts"],
  },
];

const env = { ...process.env, TEST_DB_DIR: mkdtempSync(join(tmpdir(), "aftercare-breaks-")) };
let survived = 0;
console.log(`${BREAKS.length} deliberate breaks, ${new Date().toISOString()}`);
for (const hole of BREAKS) {
  const original = readFileSync(hole.file, "utf8");
  if (!original.includes(hole.from)) throw new Error(`${hole.name}: the code to break is no longer in ${hole.file}; update this list`);
  writeFileSync(hole.file, original.replace(hole.from, hole.to));
  try {
    const caught = await run("node_modules/.bin/vitest", ["run", ...hole.tests], { env, maxBuffer: 64 * 1024 * 1024 }).then(
      () => false,
      () => true,
    );
    if (!caught) survived++;
    console.log(`${caught ? "caught  " : "SURVIVED"}  ${hole.name}  (${hole.file}; ${hole.tests.map((t) => t.replace("tests/integration/", "")).join(", ")})`);
  } finally {
    writeFileSync(hole.file, original);
  }
}
console.log(survived === 0 ? "Every break was caught." : `${survived} break(s) survived.`);
process.exit(survived === 0 ? 0 : 1);
