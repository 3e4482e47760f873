// The long fuzz run (not a test): for every form of every route (tests/fixtures/valid-bodies.ts),
// FUZZ_BODIES (default 10,000) malformed bodies, posted to its action by the actor who may use it:
// each field of the valid body set in turn to boundary values, then random ones (a valid body
// bent one field at a time, odd fields, bodies that are not forms). Prints, per form, how many
// were answered 2xx/3xx, 4xx, and 5xx or thrown; the last column must be 0 everywhere.
//   npm run fuzz:forms            FUZZ_BODIES=1000 npm run fuzz:forms
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";

// Its own folder: a vitest run meanwhile deletes tests/.tmp.
process.env.TEST_DB_DIR ??= mkdtempSync(join(tmpdir(), "aftercare-fuzz-"));
const { TEST_APP_SECRET, TEST_DOCUMENT_KEY, TEST_ENCRYPTION_KEY, BASE_DB, migrateTestDatabase } = await import("../setup/test-database");

Object.assign(process.env, { DATABASE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, APP_SECRET: TEST_APP_SECRET, DOCUMENT_MASTER_KEY: TEST_DOCUMENT_KEY, NODE_ENV: "test", PERSON_VIEWS_PER_HOUR: "10000000" });
const BODIES = Number(process.env.FUZZ_BODIES ?? 10_000);

migrateTestDatabase(BASE_DB);
const { freshDatabase, closeDatabase } = await import("../setup/fresh-database");
const { makeWorld } = await import("../fixtures/world");
const { WRITE_CASES, tokenFor } = await import("../fixtures/valid-bodies");
const { boundaryBodies, fuzzedBody, nearlyValid } = await import("../fixtures/fuzz");
const { startSession } = await import("../../app/auth/session.server");
const { TEST_ORIGIN, routeArgs } = await import("../fixtures/requests");

type Action = (args: never) => Promise<unknown> | unknown;
const actions = new Map<string, Action>();
for (const file of readdirSync("app/routes")) {
  const module = (await import(pathToFileURL(`app/routes/${file}`).href)) as { action?: Action };
  if (module.action) actions.set(file.replace(/\.tsx$/, ""), module.action);
}

// Quiet: the actions log nothing for refused input, but a thrown error would be logged twice.
console.error = () => {};
const print = (line: string) => process.stdout.write(line + "\n");
print(`Fuzzing ${WRITE_CASES.length} forms with ${BODIES} bodies each (seed 1450), ${new Date().toISOString()}`);
print("form | answered 2xx/3xx | 4xx | 5xx or thrown");
let serverErrors = 0;
for (const c of WRITE_CASES) {
  await freshDatabase();
  const world = await makeWorld();
  const actor = c.owner;
  const account = actor === "anonymous" ? null : actor === "pending" ? world.accounts.caseworker : world.accounts[actor];
  const cookie = account ? (await startSession(account.id, account.role, { twoFactorVerified: actor !== "pending" })).cookie.split(";")[0] : undefined;
  const token = await tokenFor(c.route, world);
  const path = token ? c.path(world).replace("token", token) : c.path(world);
  const params = token ? { token } : (c.params?.(world) ?? {});
  const valid = await c.fields(world);
  const ids = [world.caseOne.id, world.caseTwo.id, world.personTwo.id, world.referral.id, world.requestTwo.id, world.track.id, world.accounts.admin.id];
  const bodies = [...boundaryBodies(valid), ...fc.sample(fc.oneof({ arbitrary: nearlyValid(valid, ids), weight: 3 }, { arbitrary: fuzzedBody(ids), weight: 1 }), { seed: 1450, numRuns: BODIES })].slice(0, BODIES);
  const counts = { fine: 0, refused: 0, errors: 0, first: "" };
  for (const body of bodies) {
    const headers: Record<string, string> = { Origin: TEST_ORIGIN, ...(cookie ? { Cookie: cookie } : {}), ...(body.contentType ? { "Content-Type": body.contentType } : {}) };
    let status: number;
    try {
      const result = await actions.get(c.route)!(routeArgs(new Request(TEST_ORIGIN + path, { method: "POST", headers, body: body.body }), params) as never);
      status = result instanceof Response ? result.status : 200;
    } catch (error) {
      status = error instanceof Response ? error.status : 500;
      if (!(error instanceof Response)) counts.first ||= `${error instanceof Error ? error.message.split("\n").at(-1) : String(error)} for ${body.body.slice(0, 120)}`;
    }
    if (status >= 500) counts.errors++;
    else if (status >= 400) counts.refused++;
    else counts.fine++;
  }
  serverErrors += counts.errors;
  print(`${c.route} · ${c.label} | ${counts.fine} | ${counts.refused} | ${counts.errors}${counts.first ? ` (first: ${counts.first})` : ""}`);
}
await closeDatabase();
print(`Server errors in all: ${serverErrors}`);
process.exit(serverErrors === 0 ? 0 : 1);
