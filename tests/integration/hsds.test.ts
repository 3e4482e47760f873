/// <reference types="vite/client" />
// The partner directory as Open Referral HSDS 3.1 (app/standards/hsds.server.ts): the export
// validates against the specification's schemas, the specification's own examples import with a
// preview, what our rules refuse in them is named and left out, and a second import changes nothing.
import { readdirSync, readFileSync } from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { beforeEach, describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { translator } from "~/i18n/catalogue";
import { action as downloadAction } from "~/routes/admin.partners_.hsds_.download";
import { action as exchangeAction } from "~/routes/admin.partners_.hsds";
import { loader as feedLoader } from "~/routes/hsds.organizations";
import { pathInWords, problemMessage, type SchemaProblem } from "~/standards/hsds-problems";
import { generateDemoData } from "../../prisma/demo-data/generate";
import { writeDemoData } from "../../prisma/demo-data/write";
import { currentCode, makeAccount } from "../fixtures/accounts";
import { get, routeArgs, settle, TEST_ORIGIN } from "../fixtures/requests";

const SCHEMAS = "app/standards/hsds-3.1/";
const EXAMPLES = "tests/fixtures/hsds-3.1/examples/";

/** Our own validator, built here from the vendored schemas: the test does not trust the app's. */
function hsdsValidator(): Record<"organization" | "service" | "location" | "service_at_location", ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary(["name", "path", "datapackage_metadata", "datapackage_type", "constraints", "core", "example", "tabular_required"]);
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith(".json"))) {
    ajv.addSchema({ ...JSON.parse(readFileSync(SCHEMAS + file, "utf8")), $id: `https://test.invalid/${file}` });
  }
  const get = (name: string) => ajv.getSchema(`https://test.invalid/${name}.json`) as ValidateFunction;
  return { organization: get("organization"), service: get("service"), location: get("location"), service_at_location: get("service_at_location") };
}
const validators = hsdsValidator();
const errorsOf = (validate: ValidateFunction, value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

const example = (name: string) => readFileSync(EXAMPLES + name, "utf8");
const EXAMPLE_FILES = readdirSync(EXAMPLES).sort();

let admin: { id: string };
let cookie: string;
let trackId: string;
beforeEach(async () => {
  await writeDemoData(db(), generateDemoData({ persons: 20, seed: 21, passwordHash: "not-a-real-hash", totpSecret: "JBSWY3DPEHPK3PXP", today: new Date("2026-12-01T12:00:00Z") }));
  const host = await db().organization.findFirstOrThrow({ where: { kind: "host" } });
  const account = await makeAccount("admin", { organizationId: host.id });
  admin = account;
  cookie = (await startSession(account.id, "admin", { twoFactorVerified: true })).cookie.split(";")[0] ?? "";
  trackId = (await db().supportTrack.findFirstOrThrow({ where: { key: "psychological" } })).id;
}, 60_000);

function multipart(fields: Record<string, string>, files: { name: string; text: string }[] = []): Request {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  for (const file of files) form.append("documents", new Blob([file.text], { type: "application/json" }), file.name);
  return new Request(`${TEST_ORIGIN}/admin/partners/hsds`, { method: "POST", headers: { Origin: TEST_ORIGIN, Cookie: cookie }, body: form });
}

type Preview = {
  ok: boolean;
  items: { entity: string; name: string; change: string; fields: string[] }[];
  refusals: { entity: string; name: string; rule: string; value: string }[];
  problems: SchemaProblem[];
  digest: string;
  set: string;
};
async function preview(files: { name: string; text: string }[]): Promise<{ status: number; preview: Preview }> {
  const response = await settle(() => exchangeAction(routeArgs(multipart({ intent: "preview", trackId }, files))));
  return { status: response.status, preview: ((await response.json()) as { preview: Preview }).preview };
}
async function confirm(shown: Preview): Promise<Response> {
  return settle(() => exchangeAction(routeArgs(multipart({ intent: "confirm", trackId, digest: shown.digest, set: shown.set }))));
}

/** Everything of the directory an import could touch, to show that a second import touches nothing. */
async function directorySnapshot() {
  return JSON.stringify(
    await db().organization.findMany({
      orderBy: { id: "asc" },
      include: {
        locations: { orderBy: { id: "asc" } },
        services: { orderBy: { id: "asc" }, include: { areas: { orderBy: { id: "asc" } }, capacities: { orderBy: { id: "asc" } }, servicesAtLocation: { orderBy: { id: "asc" } } } },
      },
    }),
  );
}

describe("the directory as HSDS", () => {
  it("accepts the specification's own examples, and refuses a broken copy of one, with the same validator", () => {
    const kinds: Record<string, keyof typeof validators> = {
      "organization_full.json": "organization", "service_full.json": "service", "location.json": "location", "service_at_location_full.json": "service_at_location",
    };
    for (const [file, kind] of Object.entries(kinds)) expect([file, errorsOf(validators[kind], JSON.parse(example(file)))]).toEqual([file, []]);
    for (const service of JSON.parse(example("organization_full.json")).services) expect(errorsOf(validators.service, service)).toEqual([]);
    expect(errorsOf(validators.service, JSON.parse(example("service_at_location_full.json")).service)).toEqual([]);
    for (const [file, kind] of [["organization_list.json", "organization"], ["service_list.json", "service"]] as const) {
      for (const item of JSON.parse(example(file)).contents) expect([file, errorsOf(validators[kind], item)]).toEqual([file, []]);
    }
    const broken = { ...JSON.parse(example("service_full.json")), name: 42 };
    expect(errorsOf(validators.service, broken)).toEqual(["/name must be string"]);
  });

  it("exports the demo directory as HSDS that the schemas accept, every partner and service in it and no person", async () => {
    const response = await downloadAction(routeArgs(new Request(`${TEST_ORIGIN}/admin/partners/hsds/download`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: TEST_ORIGIN, Cookie: cookie },
      body: new URLSearchParams({ code: currentCode() }),
    })));
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="directory-hsds-\d{4}-\d{2}-\d{2}\.json"$/);
    const text = await response.text();
    const page = JSON.parse(text);
    const partners = await db().organization.findMany({ where: { kind: "partner" }, include: { services: true, locations: true } });
    expect(page.total_items).toBe(partners.length);
    expect(page.contents).toHaveLength(5);
    // HSDS's organization schema does not describe the services nested in it: each is checked as a service.
    const errors = page.contents.flatMap((organization: { services: unknown[] }) => [
      ...errorsOf(validators.organization, organization),
      ...organization.services.flatMap((service) => errorsOf(validators.service, service)),
    ]);
    expect(errors).toEqual([]);
    expect(page.contents.flatMap((o: { services: unknown[] }) => o.services)).toHaveLength(partners.flatMap((p) => p.services).length);
    expect(page.contents.flatMap((o: { locations: unknown[] }) => o.locations)).toHaveLength(partners.flatMap((p) => p.locations).length);
    // Every service says what it takes, where and in which languages, with its track as an attribute.
    const jobs = page.contents.flatMap((o: { services: { name: string }[] }) => o.services).find((s: { name: string }) => s.name === "Job placement");
    expect(jobs.capacities[0].available).toBe(25);
    expect(jobs.languages.map((l: { code: string }) => l.code)).toEqual(["en", "ru", "be", "pl"]);
    expect(jobs.service_areas.map((a: { name: string }) => a.name)).toEqual(["DE", "LT", "PL"]);
    expect(jobs.attributes[0].taxonomy_term.code).toBe("employment");
    // Nothing about persons: no name, case code or contact of anyone in the database.
    for (const person of await db().person.findMany({ select: { caseCode: true, preferredName: true, fullName: true } })) {
      for (const value of [person.caseCode, person.preferredName, person.fullName]) if (value) expect([value, text.includes(value)]).toEqual([value, false]);
    }
    expect(await db().auditEvent.count({ where: { action: "directory.export", actorId: admin.id } })).toBe(1);
  });

  it("imports the specification's examples after a preview, leaves out and names what our rules refuse, and a second import changes nothing", async () => {
    const files = EXAMPLE_FILES.map((name) => ({ name, text: example(name) }));
    const before = await db().organization.count();
    const first = await preview(files);
    expect(first.status).toBe(200);
    expect(first.preview.items.map(({ entity, name, change }) => [entity, name, change])).toEqual([
      ["organization", "Example Organization Inc.", "add"],
      ["location", "MyCity Civic Center", "add"],
      ["service", "Community Counselling", "add"],
    ]);
    // Exactly what our rules refuse in them: an http: website, a latitude of 100, an area with no country code.
    expect(first.preview.refusals).toEqual([
      { entity: "organization", name: "Example Organization Inc.", rule: "httpsOnly", value: "http://example.com" },
      { entity: "location", name: "MyCity Civic Center", rule: "coordinates", value: "100, 101" },
      { entity: "service", name: "Community Counselling", rule: "areaCode", value: "The service is available to all residents of the MyCity area" },
    ]);
    // The preview wrote nothing.
    expect(await db().organization.count()).toBe(before);

    const done = await confirm(first.preview);
    expect([done.status, done.headers.get("Location")]).toEqual([302, "/admin/partners/hsds?added=3&updated=0"]);
    const service = await db().service.findUniqueOrThrow({
      where: { hsdsId: "ac148810-d857-441c-9679-408f346de14b" },
      include: { organization: true, capacities: true, areas: true, servicesAtLocation: { include: { location: true } } },
    });
    expect(service).toMatchObject({ name: "Community Counselling", status: "active", languages: "ur", trackId });
    expect(service.capacities.map(({ available, maximum, unit }) => ({ available, maximum, unit }))).toEqual([{ available: 12, maximum: 10, unit: "Kilogram" }]);
    expect(service.areas).toEqual([]);
    expect(service.organization).toMatchObject({ kind: "partner", name: "Example Organization Inc.", hsdsId: "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", website: null, email: "email@example.com" });
    expect(service.servicesAtLocation.map((link) => link.location)).toMatchObject([{ name: "MyCity Civic Center", country: "US", city: "MyCity", latitude: null, longitude: null }]);

    // Again: nothing new, nothing changed, and a confirmation sent anyway writes nothing.
    const snapshot = await directorySnapshot();
    const again = await preview(files);
    expect(again.preview.items.map((item) => item.change)).toEqual(["same", "same", "same"]);
    const repeated = await confirm(again.preview);
    expect(repeated.headers.get("Location")).toBe("/admin/partners/hsds?added=0&updated=0");
    expect(await directorySnapshot()).toBe(snapshot);
  });

  it("reads its own export back as no change, and names what a changed copy would change", async () => {
    const exported = await downloadAction(routeArgs(new Request(`${TEST_ORIGIN}/admin/partners/hsds/download`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: TEST_ORIGIN, Cookie: cookie },
      body: new URLSearchParams({ code: currentCode() }),
    })));
    const text = await exported.text();
    const same = await preview([{ name: "ours.json", text }]);
    expect(same.preview.refusals).toEqual([]);
    expect(new Set(same.preview.items.map((item) => item.change))).toEqual(new Set(["same"]));

    const page = JSON.parse(text);
    const jobs = page.contents.flatMap((o: { services: { name: string }[] }) => o.services).find((s: { name: string }) => s.name === "Job placement");
    jobs.capacities[0].available = 3;
    jobs.status = "temporarily closed";
    const changed = await preview([{ name: "ours.json", text: JSON.stringify(page) }]);
    expect(changed.preview.items.filter((item) => item.change !== "same")).toEqual([{ entity: "service", hsdsId: jobs.id, name: "Job placement", change: "update", fields: ["status", "capacity"] }]);
    const done = await confirm(changed.preview);
    expect(done.headers.get("Location")).toBe("/admin/partners/hsds?added=0&updated=1");
    const service = await db().service.findFirstOrThrow({ where: { name: "Job placement" }, include: { capacities: { orderBy: { updatedAt: "desc" }, take: 1 } } });
    expect([service.status, service.capacities[0]?.available, service.version]).toEqual(["temporarily_closed", 3, 2]);
  });

  it("refuses a document with a wrong type in a required field, naming the file and the field, and imports nothing", async () => {
    const broken = JSON.stringify({ ...JSON.parse(example("service_full.json")), name: 42 });
    const before = await directorySnapshot();
    const refused = await preview([{ name: "service_full.json", text: broken }]);
    expect(refused.status).toBe(400);
    expect(refused.preview.problems).toEqual([{ document: "service_full.json", path: "name", keyword: "type", params: { type: "string" } }]);
    // In plain words, in each language, naming the field.
    for (const [locale, words] of [["en", "service_full.json, name: must be text"], ["ru", "service_full.json, name: должно быть текстом"], ["be", "service_full.json, name: павінна быць тэкстам"]] as const) {
      const t = translator(locale);
      const problem = refused.preview.problems[0]!;
      const message = problemMessage(problem, (key) => t(key));
      expect(t("hsds.problem.at", { document: problem.document, path: pathInWords(problem.path), problem: t(message.key, message.values) })).toBe(words);
    }
    const nested = JSON.parse(example("organization_full.json"));
    nested.services[0].status = "open";
    expect((await preview([{ name: "organization_full.json", text: JSON.stringify(nested) }])).preview.problems).toEqual([
      { document: "organization_full.json", path: "services/0/status", keyword: "enum", params: { values: "active, inactive, defunct, temporarily closed" } },
    ]);
    const missing = JSON.stringify({ ...JSON.parse(example("organization_list.json")), contents: [{ id: "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", name: "No description" }] });
    expect((await preview([{ name: "list.json", text: missing }])).preview.problems).toEqual([{ document: "list.json", path: "contents/0", keyword: "required", params: { field: "description" } }]);
    expect((await preview([{ name: "notes.txt", text: "not json" }])).preview.problems).toEqual([{ document: "notes.txt", path: "", keyword: "json", params: {} }]);
    // The form's own fields: no file chosen, and a new service that names no track of ours with none chosen.
    expect((await preview([])).preview.problems).toEqual([{ document: "", path: "", keyword: "noFiles", params: {} }]);
    expect((await preview([{ name: "big.json", text: `{"id": "${"x".repeat(2 * 1024 * 1024)}"}` }])).preview.problems).toEqual([{ document: "", path: "", keyword: "tooLarge", params: {} }]);
    trackId = "";
    expect((await preview([{ name: "service_full.json", text: example("service_full.json") }])).preview.problems).toEqual([{ document: "", path: "", keyword: "track", params: {} }]);
    expect(await directorySnapshot()).toBe(before);
  });
});

describe("the read-only feed", () => {
  it("is not there until an administrator turns it on, then answers only the token they were shown, until turned off", async () => {
    const feed = (authorization?: string) =>
      settle(() => feedLoader(routeArgs(new Request(`${TEST_ORIGIN}/hsds/organizations`, { headers: authorization ? { Authorization: authorization } : {} }))));
    expect((await feed()).status).toBe(404);
    const on = await exchangeAction(routeArgs(multipart({ intent: "feed-on" })));
    const { token } = (await on.json()) as { token: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Kept only as its hash.
    expect(JSON.stringify(await db().setting.findMany())).not.toContain(token);
    expect((await feed(`Bearer ${token.slice(0, -2)}xx`)).status).toBe(404);
    const answered = await feed(`Bearer ${token}`);
    expect(answered.status).toBe(200);
    expect((await answered.json()).contents).toHaveLength(5);
    expect(await db().auditEvent.count({ where: { action: "directory.export", entityType: "feed" } })).toBe(1);
    await exchangeAction(routeArgs(multipart({ intent: "feed-off" })));
    expect((await feed(`Bearer ${token}`)).status).toBe(404);
    // A signed-in session is no token.
    expect((await settle(() => feedLoader(routeArgs(get("/hsds/organizations", cookie))))).status).toBe(404);
  });
});
