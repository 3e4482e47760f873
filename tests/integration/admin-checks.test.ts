// Administration is checked inside the server modules too, not only by the route's area: called
// with anyone but an administrator, each refuses (404) and changes nothing.
import { describe, expect, it } from "vitest";
import { inviteAccount, resetSecondFactor, revokeSessions, setAccountEnabled } from "~/accounts/accounts.server";
import { exportAuditLog, searchAuditLog } from "~/audit-log/audit-log.server";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { retryEmail } from "~/email/outbox.server";
import { addOrganization, addService, setServiceState } from "~/partners/directory.server";
import { addTrack, editTrack } from "~/tracks/tracks.server";
import { makeWorld } from "../fixtures/world";

describe("administration", () => {
  it("refuses everyone but an administrator inside the server modules", async () => {
    const world = await makeWorld();
    const email = await db().outboxEmail.create({ data: { to: "x@example.org", template: "update", locale: "en", status: "failed" } });
    const operations: [string, (viewer: Viewer) => Promise<unknown>][] = [
      ["invite", (v) => inviteAccount(v, { email: "new@example.org", displayName: "N", role: "admin", locale: "en" })],
      ["revoke sessions", (v) => revokeSessions(v, world.accounts.admin.id)],
      ["reset second factor", (v) => resetSecondFactor(v, world.accounts.admin.id)],
      ["disable", (v) => setAccountEnabled(v, world.accounts.admin.id, false)],
      ["search audit", (v) => searchAuditLog(v, {})],
      ["export audit", (v) => exportAuditLog(v, {})],
      ["retry email", (v) => retryEmail(v, email.id)],
      ["add organisation", (v) => addOrganization(v, { intent: "add-organization", name: "X", description: "", website: "", email: "" })],
      ["add service", (v) => addService(v, { intent: "add-service", organizationId: world.partnerA.id, trackId: world.track.id, name: "S", eligibility: "", description: "", languages: "", countries: [], capacity: 1, responseDays: 5 } as never)],
      ["service state", (v) => setServiceState(v, { intent: "service-state", serviceId: world.service.id, version: 1, status: "inactive", capacity: 0 })],
      ["add track", (v) => addTrack(v, { intent: "add-track", key: "x_track", nameBe: "x", nameRu: "x", nameEn: "x", position: 1 })],
      ["edit track", (v) => editTrack(v, { intent: "edit-track", trackId: world.track.id, version: 1, nameBe: "x", nameRu: "x", nameEn: "x", position: 1 })],
    ];
    for (const role of ["coordinator", "caseworker", "partner", "client"] as const) {
      const account = world.accounts[role];
      const viewer: Viewer = { accountId: account.id, role, displayName: "", organizationId: account.organizationId, personId: account.personId, sessionRef: "r" };
      for (const [name, run] of operations) {
        const refused = await run(viewer).then(
          () => null,
          (error: unknown) => (error instanceof Response ? error.status : String(error)),
        );
        expect([role, name, refused]).toEqual([role, name, 404]);
      }
    }
    expect(await db().organization.count({ where: { name: "X" } })).toBe(0);
    expect(await db().supportTrack.count()).toBe(1);
    expect((await db().outboxEmail.findUniqueOrThrow({ where: { id: email.id } })).status).toBe("failed");
    expect((await db().account.findUniqueOrThrow({ where: { id: world.accounts.admin.id } })).status).toBe("active");
  });
});
