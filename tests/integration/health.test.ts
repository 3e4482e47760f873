// /healthz and the start-up check on whichever database the tests run (the embedded file, or
// PostgreSQL with TEST_POSTGRES=1); what goes wrong with a file is in embedded/health.test.ts.
import { describe, expect, it } from "vitest";
import { databaseConnection } from "~/db/connection";
import { db } from "~/db/client.server";
import { assertDatabaseReady } from "~/db/health.server";
import { loader as healthz } from "~/routes/healthz";

describe("the health check", () => {
  it("is ok on a migrated database that takes a write, and the server may start on it", async () => {
    const response = await healthz();
    expect({ status: response.status, body: await response.text() }).toEqual({ status: 200, body: "ok\n" });
    expect(await db().healthProbe.count()).toBe(1);
    await expect(assertDatabaseReady(databaseConnection())).resolves.toBeUndefined();
  });

  it("refuses to start on a database marked as holding the demo data, in production", async () => {
    await db().setting.create({ data: { key: "demo_data", value: "1" } });
    await expect(assertDatabaseReady(databaseConnection(), { refuseDemoData: true })).rejects.toThrow(/holds the demo data/);
  });
});
