// The partner directory in and out as Open Referral HSDS (the mapping is hsds.server.ts): the
// administrator's download, the read-only feed an administrator may turn on with a token, and
// the import of another directory, previewed before anything is written. The list of partners
// is itself sensitive: every export and every feed read is audited, and the feed is off until
// an administrator makes its token. Nothing about persons is ever read here.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { recordAudit, recordAudits, type AuditInput } from "~/audit/audit.server";
import { mayAdminister } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { notFound } from "~/http/not-found";
import { readForm, withoutNul } from "~/http/form.server";
import { activeTracks } from "~/requests/requests.server";
import { directoryAsHsds, hsdsIdOf, readHsds, schemaProblems, type ImportedLocation, type ImportedService, type ReadDirectory, type Refusal } from "./hsds.server";
import type { SchemaProblem } from "./hsds-problems";

const FEED_SETTING = "hsds_feed_token";

function readDirectory() {
  return db().organization.findMany({
    where: { kind: "partner" },
    orderBy: { name: "asc" },
    select: {
      id: true, hsdsId: true, name: true, description: true, website: true, email: true, version: true,
      locations: { orderBy: { name: "asc" }, select: { id: true, hsdsId: true, name: true, country: true, city: true, address: true, latitude: true, longitude: true, version: true } },
      services: {
        orderBy: { name: "asc" },
        select: {
          id: true, hsdsId: true, name: true, description: true, eligibility: true, languages: true, status: true, trackId: true, version: true,
          track: { select: { key: true, nameEn: true } },
          areas: { orderBy: [{ country: "asc" }, { city: "asc" }], select: { id: true, country: true, city: true } },
          capacities: { orderBy: { updatedAt: "desc" }, take: 1, select: { id: true, available: true, maximum: true, unit: true, updatedAt: true } },
          servicesAtLocation: { select: { id: true, location: { select: { id: true, hsdsId: true } } } },
        },
      },
    },
  });
}

/** The directory as one HSDS page of organizations, for an administrator's download. */
export async function exportDirectory(admin: Viewer) {
  if (!mayAdminister(admin)) throw notFound();
  const page = directoryAsHsds(await readDirectory());
  await db().$transaction((tx) => recordAudit(tx, { action: "directory.export", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "directory" }));
  return page;
}

// ---------------------------------------------------------------------------------------------
// The feed: read-only, off by default, on only with the token an administrator handed out
// ---------------------------------------------------------------------------------------------

const hashOf = (token: string) => createHash("sha256").update(token).digest();

/** Whether the feed is on, and since when. */
export async function feedState(): Promise<{ on: boolean; since: Date | null }> {
  const setting = await db().setting.findUnique({ where: { key: FEED_SETTING }, select: { updatedAt: true } });
  return { on: setting !== null, since: setting?.updatedAt ?? null };
}

/** Turns the feed on with a new token (an old one stops working); the token is shown once and kept only as its hash. */
export async function newFeedToken(admin: Viewer): Promise<string> {
  if (!mayAdminister(admin)) throw notFound();
  const token = randomBytes(32).toString("base64url");
  const value = hashOf(token).toString("hex");
  await db().$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: FEED_SETTING }, create: { key: FEED_SETTING, value }, update: { value } });
    await recordAudit(tx, { action: "directory.feed_on", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "feed" });
  });
  return token;
}

export async function stopFeed(admin: Viewer): Promise<void> {
  if (!mayAdminister(admin)) throw notFound();
  await db().$transaction(async (tx) => {
    await tx.setting.deleteMany({ where: { key: FEED_SETTING } });
    await recordAudit(tx, { action: "directory.feed_off", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "feed" });
  });
}

/** The feed's page for a request that carries the token (`Authorization: Bearer …`); null when the feed is off or the token is not its own. */
export async function feedDirectory(authorization: string | null) {
  const token = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(authorization ?? "")?.[1];
  if (!token) return null;
  const setting = await db().setting.findUnique({ where: { key: FEED_SETTING }, select: { value: true } });
  if (!setting || !timingSafeEqual(Buffer.from(setting.value, "hex"), hashOf(token))) return null;
  const page = directoryAsHsds(await readDirectory());
  await db().$transaction((tx) => recordAudit(tx, { action: "directory.export", entityType: "feed" }));
  return page;
}

// ---------------------------------------------------------------------------------------------
// Import: read, check, preview, confirm
// ---------------------------------------------------------------------------------------------

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export type ImportFile = { name: string; text: string };
export type ImportUpload = { fields: Record<string, string>; files: ImportFile[] };

/**
 * The page's form: its fields and its JSON files (a multipart form; the feed's buttons may send a
 * plain one), or why it is not one: too large, or not a form at all.
 */
export async function readImportForm(request: Request): Promise<ImportUpload | "tooLarge" | "notForm"> {
  // The confirmation carries the files back as JSON text, escaped: room for twice their size.
  if (Number(request.headers.get("Content-Length") ?? "0") > 2 * MAX_IMPORT_BYTES + 64 * 1024) return "tooLarge";
  const type = request.headers.get("Content-Type") ?? "";
  try {
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return { fields: Object.fromEntries([...(await readForm(request)).entries()].map(([name, value]) => [name, String(value)])), files: [] };
    }
    if (!type.startsWith("multipart/form-data")) return "notForm";
    const form = withoutNul(await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: 2 * MAX_IMPORT_BYTES })));
    const fields: Record<string, string> = {};
    const files: ImportFile[] = [];
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") fields[name] = value;
      else if (name === "documents" && value.size > 0) files.push({ name: value.name.slice(0, 120), text: await value.text() });
    }
    return { fields, files };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "tooLarge";
    if (error instanceof Response) throw error;
    return "notForm";
  }
}

export type PlanItem = { entity: "organization" | "location" | "service"; hsdsId: string; name: string; change: "add" | "update" | "same"; fields: string[] };
export type ImportPreview =
  | { ok: false; problems: SchemaProblem[] }
  | { ok: true; items: PlanItem[]; refusals: Refusal[]; digest: string; set: string };

type Existing = Awaited<ReturnType<typeof readDirectory>>;

/** Reads the files as JSON and checks them against HSDS; the records they hold, or what is wrong. */
function parse(files: ImportFile[]): { ok: false; problems: SchemaProblem[] } | { ok: true; documents: unknown[] } {
  if (files.length === 0) return { ok: false, problems: [{ document: "", path: "", keyword: "noFiles", params: {} }] };
  if (files.reduce((total, file) => total + Buffer.byteLength(file.text), 0) > MAX_IMPORT_BYTES) return { ok: false, problems: [{ document: "", path: "", keyword: "tooLarge", params: {} }] };
  const problems: SchemaProblem[] = [];
  const documents: unknown[] = [];
  for (const file of files) {
    try {
      const document: unknown = JSON.parse(file.text);
      problems.push(...schemaProblems(file.name, document));
      documents.push(document);
    } catch {
      problems.push({ document: file.name, path: "", keyword: "json", params: {} });
    }
  }
  return problems.length ? { ok: false, problems: problems.slice(0, 50) } : { ok: true, documents };
}

type Ours = ReturnType<typeof byHsdsId>;
type Plan = { read: ReadDirectory; items: PlanItem[]; trackOf: Map<string, string>; ours: Ours };

/** Our directory's records by their HSDS ids (imported, or made from ours), each with its organisation's. */
function byHsdsId(existing: Existing) {
  return {
    organizations: new Map(existing.map((org) => [hsdsIdOf("organization", org), org])),
    locations: new Map(existing.flatMap((org) => org.locations.map((loc) => [hsdsIdOf("location", loc), { ...loc, organization: hsdsIdOf("organization", org) }] as const))),
    services: new Map(existing.flatMap((org) => org.services.map((svc) => [hsdsIdOf("service", svc), { ...svc, organization: hsdsIdOf("organization", org) }] as const))),
  };
}

async function plan(files: ImportFile[], defaultTrackId: string): Promise<{ ok: false; problems: SchemaProblem[] } | { ok: true; plan: Plan }> {
  const parsed = parse(files);
  if (!parsed.ok) return parsed;
  const [existing, tracks] = await Promise.all([readDirectory(), activeTracks()]);
  const read = readHsds(parsed.documents, tracks.map((track) => track.key));
  const trackIdOf = new Map(tracks.map((track) => [track.key, track.id]));
  const ours = byHsdsId(existing);
  const items: PlanItem[] = [];
  const trackOf = new Map<string, string>();
  const item = (entity: PlanItem["entity"], hsdsId: string, name: string, found: unknown, changed: string[]) =>
    items.push({ entity, hsdsId, name, change: !found ? "add" : changed.length ? "update" : "same", fields: found ? changed : [] });
  const differing = (pairs: Record<string, [unknown, unknown]>) => Object.entries(pairs).filter(([, [a, b]]) => a !== b).map(([field]) => field);

  for (const org of read.organizations) {
    const found = ours.organizations.get(org.hsdsId);
    item("organization", org.hsdsId, org.name, found, found ? differing({ name: [found.name, org.name], description: [found.description, org.description], website: [found.website, org.website], email: [found.email, org.email] }) : []);
  }
  for (const loc of read.locations) {
    const found = ours.locations.get(loc.hsdsId);
    item("location", loc.hsdsId, loc.name, found, found ? differing(locationPairs(found, loc)) : []);
  }
  for (const svc of read.services) {
    const found = ours.services.get(svc.hsdsId);
    // A service that names none of our tracks keeps the one it has, or takes the form's.
    const trackId = (svc.trackKey ? trackIdOf.get(svc.trackKey) : undefined) ?? found?.trackId ?? defaultTrackId;
    trackOf.set(svc.hsdsId, trackId);
    item("service", svc.hsdsId, svc.name, found, found ? differing(servicePairs(found, svc, trackId)) : []);
  }
  // A new service that names none of our tracks needs the form's, and it must be one in use.
  if ([...trackOf.values()].some((id) => !tracks.some((track) => track.id === id))) return { ok: false, problems: [{ document: "", path: "", keyword: "track", params: {} }] };
  return { ok: true, plan: { read, items, trackOf, ours } };
}

function locationPairs(found: Existing[number]["locations"][number] & { organization: string }, loc: ImportedLocation): Record<string, [unknown, unknown]> {
  return {
    organization: [found.organization, loc.organization], name: [found.name, loc.name], country: [found.country, loc.country], city: [found.city, loc.city],
    address: [found.address, loc.address], coordinates: [`${found.latitude},${found.longitude}`, `${loc.latitude},${loc.longitude}`],
  };
}

const areasKey = (areas: { country: string; city: string }[]) => areas.map((a) => `${a.country}|${a.city}`).sort().join(";");
const capacityKey = (c: { available: number; maximum: number | null; unit: string } | null | undefined) => (c ? `${c.available}/${c.maximum}/${c.unit}` : "");

function servicePairs(found: Existing[number]["services"][number] & { organization: string }, svc: ImportedService, trackId: string): Record<string, [unknown, unknown]> {
  return {
    organization: [found.organization, svc.organization], name: [found.name, svc.name], description: [found.description, svc.description],
    eligibility: [found.eligibility, svc.eligibility], languages: [found.languages, svc.languages.join(",")], status: [found.status, svc.status], track: [found.trackId, trackId],
    areas: [areasKey(found.areas), areasKey(svc.areas)],
    capacity: [svc.capacity ? capacityKey(found.capacities[0]) : "", capacityKey(svc.capacity)],
    locations: [found.servicesAtLocation.map((link) => hsdsIdOf("location", link.location)).sort().join(","), [...svc.locations].sort().join(",")],
  };
}

const digestOf = (items: PlanItem[], refusals: Refusal[]) => createHash("sha256").update(JSON.stringify({ items, refusals })).digest("hex");

/** What an import would add and change, and what our rules leave out; nothing is written. */
export async function previewImport(admin: Viewer, files: ImportFile[], defaultTrackId: string): Promise<ImportPreview> {
  if (!mayAdminister(admin)) throw notFound();
  const planned = await plan(files, defaultTrackId);
  return planned.ok ? previewOf(planned.plan, files) : planned;
}

function previewOf({ items, read }: Plan, files: ImportFile[]): ImportPreview {
  return { ok: true, items, refusals: read.refusals, digest: digestOf(items, read.refusals), set: JSON.stringify(files) };
}

export type ImportResult = { ok: true; added: number; updated: number } | { ok: false; preview: ImportPreview };

class StaleDirectory extends Error {}

/**
 * Writes what the preview showed, in one transaction. When the directory changed since the
 * preview (its digest no longer matches), nothing is written and the new preview comes back.
 */
export async function confirmImport(admin: Viewer, files: ImportFile[], defaultTrackId: string, digest: string): Promise<ImportResult> {
  if (!mayAdminister(admin)) throw notFound();
  const planned = await plan(files, defaultTrackId);
  if (!planned.ok) return { ok: false, preview: planned };
  const { read, items, trackOf, ours } = planned.plan;
  // The directory changed since the preview: this plan is the new preview.
  if (digestOf(items, read.refusals) !== digest) return { ok: false, preview: previewOf(planned.plan, files) };
  const change = new Map(items.map((item) => [`${item.entity}:${item.hsdsId}`, item]));
  try {
    return await db().$transaction(async (tx) => {
      const audits: AuditInput[] = [];
      const audit = (entityType: string, entityId: string) => audits.push({ action: "directory.change", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType, entityId });
      const ourOrg = new Map<string, string>();
      const ourLoc = new Map<string, string>();
      let added = 0;
      let updated = 0;
      const stale = (count: number) => {
        if (count === 0) throw new StaleDirectory();
      };

      for (const org of read.organizations) {
        const step = change.get(`organization:${org.hsdsId}`);
        const found = ours.organizations.get(org.hsdsId);
        const data = { name: org.name, description: org.description, website: org.website, email: org.email };
        if (!found) {
          const made = await tx.organization.create({ data: { kind: "partner", hsdsId: org.hsdsId, ...data }, select: { id: true } });
          ourOrg.set(org.hsdsId, made.id);
          audit("organization", made.id);
          added++;
          continue;
        }
        ourOrg.set(org.hsdsId, found.id);
        if (step?.change !== "update") continue;
        stale((await tx.organization.updateMany({ where: { id: found.id, version: found.version }, data: { ...data, version: { increment: 1 } } })).count);
        audit("organization", found.id);
        updated++;
      }

      for (const loc of read.locations) {
        const step = change.get(`location:${loc.hsdsId}`);
        const found = ours.locations.get(loc.hsdsId);
        const data = { organizationId: ourOrg.get(loc.organization) ?? "", name: loc.name, country: loc.country, city: loc.city, address: loc.address, latitude: loc.latitude, longitude: loc.longitude };
        if (!found) {
          const made = await tx.location.create({ data: { hsdsId: loc.hsdsId, ...data }, select: { id: true } });
          ourLoc.set(loc.hsdsId, made.id);
          audit("location", made.id);
          added++;
          continue;
        }
        ourLoc.set(loc.hsdsId, found.id);
        if (step?.change !== "update") continue;
        stale((await tx.location.updateMany({ where: { id: found.id, version: found.version }, data: { ...data, version: { increment: 1 } } })).count);
        audit("location", found.id);
        updated++;
      }
      // Locations this import does not name keep their ids too.
      for (const [hsdsId, loc] of ours.locations) if (!ourLoc.has(hsdsId)) ourLoc.set(hsdsId, loc.id);

      for (const svc of read.services) {
        const step = change.get(`service:${svc.hsdsId}`);
        const found = ours.services.get(svc.hsdsId);
        const data = {
          organizationId: ourOrg.get(svc.organization) ?? "", trackId: trackOf.get(svc.hsdsId) ?? defaultTrackId, name: svc.name, description: svc.description,
          eligibility: svc.eligibility, languages: svc.languages.join(","), status: svc.status,
        };
        const locationIds = svc.locations.map((hsdsId) => ourLoc.get(hsdsId)).filter((id): id is string => id !== undefined);
        if (!found) {
          const made = await tx.service.create({
            data: {
              hsdsId: svc.hsdsId, ...data,
              areas: { create: svc.areas },
              capacities: svc.capacity ? { create: svc.capacity } : undefined,
              servicesAtLocation: { create: locationIds.map((locationId) => ({ locationId })) },
            },
            select: { id: true },
          });
          audit("service", made.id);
          added++;
          continue;
        }
        if (step?.change !== "update") continue;
        stale((await tx.service.updateMany({ where: { id: found.id, version: found.version }, data: { ...data, version: { increment: 1 } } })).count);
        if (step.fields.includes("areas")) {
          await tx.serviceArea.deleteMany({ where: { serviceId: found.id } });
          await tx.serviceArea.createMany({ data: svc.areas.map((area) => ({ serviceId: found.id, ...area })) });
        }
        if (step.fields.includes("capacity") && svc.capacity) await tx.serviceCapacity.create({ data: { serviceId: found.id, ...svc.capacity } });
        if (step.fields.includes("locations")) {
          await tx.serviceAtLocation.deleteMany({ where: { serviceId: found.id, locationId: { notIn: locationIds } } });
          const kept = new Set(found.servicesAtLocation.map((link) => link.location.id));
          const missing = locationIds.filter((id) => !kept.has(id));
          if (missing.length) await tx.serviceAtLocation.createMany({ data: missing.map((locationId) => ({ serviceId: found.id, locationId })) });
        }
        audit("service", found.id);
        updated++;
      }
      await recordAudits(tx, audits);
      return { ok: true as const, added, updated };
    });
  } catch (error) {
    if (error instanceof StaleDirectory) return { ok: false, preview: await previewImport(admin, files, defaultTrackId) };
    throw error;
  }
}
