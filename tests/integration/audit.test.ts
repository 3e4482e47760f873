// Every view and every change of a person's record leaves an event; the chain shows tampering.
import { beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit-log/audit-log.server";
import { csvCell } from "~/http/csv";
import { recordAudits } from "~/audit/audit.server";
import { db } from "~/db/client.server";
import { action as personAction, loader as personLoader } from "~/routes/staff.persons.$personId";
import { loader as auditLoader } from "~/routes/admin.audit";
import { action as exportAction } from "~/routes/admin.audit.export";
import { currentCode, signedIn } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

const personUrl = () => `/staff/persons/${world.personOne.id}`;
const params = () => ({ personId: world.personOne.id });

describe("the audit log", () => {
  it("records a caseworker opening a person's record and editing it", async () => {
    const cookie = await signedIn(world.accounts.caseworker);
    expect((await settle(() => personLoader(routeArgs(get(personUrl(), cookie), params())))).status).toBe(200);
    const saved = await personAction(routeArgs(formPost(personUrl(), { preferredName: "Аня", cityNow: "Vilnius", version: "1" }, { Cookie: cookie }), params()));
    expect(saved.status).toBe(200);

    const events = await db().auditEvent.findMany({ where: { actorId: world.accounts.caseworker.id, personId: world.personOne.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.entityType, e.entityId])).toEqual([
      ["person.view", "person", world.personOne.id],
      ["person.update", "person", world.personOne.id],
    ]);
    expect(events.every((e) => e.sessionId && e.sessionId.length === 32)).toBe(true);
    // Ids and actions only: nothing of the person is in the log.
    const all = JSON.stringify(await db().auditEvent.findMany());
    for (const text of ["Ганна", "Аня", "Vilnius", "Сарока", world.accounts.caseworker.email]) expect(all).not.toContain(text);
  });

  it("refuses a stale edit, overwrites nothing, and keeps the second person's input", async () => {
    const first = await signedIn(world.accounts.caseworker);
    const second = await signedIn(world.accounts.coordinator);
    const one = await personAction(routeArgs(formPost(personUrl(), { preferredName: "First edit", cityNow: "", version: "1" }, { Cookie: first }), params()));
    expect(one.status).toBe(200);
    const two = await personAction(routeArgs(formPost(personUrl(), { preferredName: "Second edit", cityNow: "Riga", version: "1" }, { Cookie: second }), params()));
    expect(two.status).toBe(409);
    expect(await two.json()).toMatchObject({ intent: "edit", errors: { form: "form.stale" }, values: { preferredName: "Second edit", cityNow: "Riga" }, saved: false });
    const person = await db().person.findUniqueOrThrow({ where: { id: world.personOne.id } });
    expect([person.preferredName, person.version]).toEqual(["First edit", 2]);
    expect(await db().auditEvent.count({ where: { action: "person.update" } })).toBe(1);
  });

  it("verifies its hash chain and names the first edited row", async () => {
    const cookie = await signedIn(world.accounts.coordinator);
    for (let i = 0; i < 3; i++) await settle(() => personLoader(routeArgs(get(personUrl(), cookie), params())));
    const intact = await verifyAuditChain();
    expect(intact.ok).toBe(true);
    expect(intact.rows).toBeGreaterThanOrEqual(4);

    const victim = await db().auditEvent.findFirstOrThrow({ where: { action: "person.view" }, orderBy: { id: "asc" } });
    await db().auditEvent.update({ where: { id: victim.id }, data: { actorId: "someone-else" } });
    expect(await verifyAuditChain()).toEqual({ ok: false, rows: expect.any(Number), firstBrokenId: victim.id });
  });

  it("chains several events written at once, in their order", async () => {
    const cookie = await signedIn(world.accounts.coordinator);
    await settle(() => personLoader(routeArgs(get(personUrl(), cookie), params())));
    const views = ["a", "b", "c"].map((entityId) => ({ action: "referral.view" as const, actorId: world.accounts.partner.id, entityType: "referral", entityId }));
    await db().$transaction((tx) => recordAudits(tx, views));
    const written = await db().auditEvent.findMany({ where: { action: "referral.view" }, orderBy: { id: "asc" } });
    expect(written.map((e) => e.entityId)).toEqual(["a", "b", "c"]);
    expect(written[1]!.prevHash).toBe(written[0]!.hash);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("notices a deleted row", async () => {
    const cookie = await signedIn(world.accounts.coordinator);
    for (let i = 0; i < 3; i++) await settle(() => personLoader(routeArgs(get(personUrl(), cookie), params())));
    const rows = await db().auditEvent.findMany({ orderBy: { id: "asc" } });
    await db().auditEvent.delete({ where: { id: rows[1]!.id } });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBrokenId: rows[2]!.id });
  });
});

describe("the CSV export", () => {
  it("asks a fresh second-factor code, takes it once, and is audited", async () => {
    const admin = world.accounts.admin;
    const cookie = await signedIn(admin);
    const send = (fields: Record<string, string>) => exportAction(routeArgs(formPost("/admin/audit/export", fields, { Cookie: cookie })));
    // Refused: back to the log with its filter, and what was wrong next to the code field.
    const without = await send({ code: "", action: "auth.sign_in" });
    expect([without.status, without.headers.get("Location")]).toEqual([302, "/admin/audit?action=auth.sign_in&exportError=twoFactor.codeRequired"]);
    const tooLong = await send({ code: "1".repeat(17) });
    expect(tooLong.headers.get("Location")).toBe("/admin/audit?exportError=twoFactor.codeWrong");

    // The sign-in used this step's code (or the next one); a later step's code is fresh.
    const code = currentCode(1);
    const csv = await send({ code, action: "auth.sign_in" });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment; filename="audit-log-/);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe('"id","at","actor_id","action","entity_type","entity_id","person_id"');
    expect(text).toContain('"auth.sign_in"');

    const reused = await send({ code });
    expect(reused.headers.get("Location")).toBe("/admin/audit?exportError=twoFactor.codeWrong");
    expect(await db().auditEvent.count({ where: { action: "audit.export", actorId: admin.id } })).toBe(1);
    // The log shows the problem it was sent back with, and nothing else for another value.
    const shown = async (query: string) => (await (await auditLoader(routeArgs(get(`/admin/audit?${query}`, cookie)))).json()).exportError;
    expect([await shown("exportError=twoFactor.codeWrong"), await shown("exportError=<script>")]).toEqual(["twoFactor.codeWrong", undefined]);
  });

  it("quotes every cell and defuses formulas", () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
    expect(csvCell(null)).toBe('""');
  });
});
