// Wrong passwords sent all at once, to two app processes, are counted and locked exactly as the
// same number sent one after another: the attempt is counted before the password is checked.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { signIn } from "~/auth/sign-in.server";
import { db } from "~/db/client.server";
import { workAfterResponses } from "~/jobs/after-response.server";
import { makeAccount } from "../fixtures/accounts";

const run = promisify(execFile);

/** One more app process on the same database file, sending `attempts` wrong passwords at once. */
function burst(email: string, attempts: number, address: string) {
  return run("node_modules/.bin/tsx", ["tests/fixtures/sign-in-burst.ts"], { env: { ...process.env, EMAIL: email, ATTEMPTS: String(attempts), ADDRESS: address } });
}

async function outcome(account: { id: string }) {
  const [bucket] = await db().throttleBucket.findMany({ where: { key: { startsWith: "sign-in:account:" } }, orderBy: { failures: "desc" } });
  const audit = async (action: string) => db().auditEvent.count({ where: { actorId: account.id, action } });
  return {
    failures: bucket?.failures,
    locked: bucket?.lockedUntil != null && bucket.lockedUntil > new Date(),
    // Each attempt that reached the password check is one argon2 verification.
    passwordChecks: await audit("auth.sign_in_failed"),
    refusedUnchecked: await audit("auth.sign_in_throttled"),
  };
}

describe("the sign-in throttle", () => {
  it("locks 20 parallel wrong passwords, sent to two app processes, as it locks 20 sent one by one", { timeout: 120_000 }, async () => {
    const sequential = await makeAccount("caseworker");
    for (let i = 0; i < 20; i++) await signIn(sequential.email, `wrong ${i}`, { address: "192.0.2.1", userAgent: null });
    await workAfterResponses(); // the audit rows of failed sign-ins are written after the answers
    const expected = await outcome(sequential);
    await db().throttleBucket.deleteMany();

    const parallel = await makeAccount("caseworker");
    const answers = await Promise.all([burst(parallel.email, 10, "192.0.2.2"), burst(parallel.email, 10, "192.0.2.2")]);
    expect(answers.map((answer) => JSON.parse(answer.stdout).failed)).toEqual([10, 10]);

    expect(expected).toEqual({ failures: 6, locked: true, passwordChecks: 6, refusedUnchecked: 14 });
    expect(await outcome(parallel)).toEqual(expected);
  });
});
