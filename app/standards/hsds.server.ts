// Open Referral HSDS 3.1: our partner directory as HSDS documents, and HSDS documents read back
// into what our directory keeps. Pure mapping and validation; the database side is in
// directory-exchange.server.ts. The field table is docs/standards.md.
//
// The schemas are the specification's own (./hsds-3.1, CC BY-SA 4.0, see SOURCE.md there),
// checked with ajv. HSDS ids are UUIDs; a record that came from an HSDS directory keeps its id
// (hsdsId), one of ours is given a UUID derived from our id, the same in every export.
import { createHash } from "node:crypto";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { z } from "zod";
import { isHttpsLink } from "~/partners/directory-forms";
import type { SchemaProblem } from "./hsds-problems";
import accessibility from "./hsds-3.1/accessibility.json";
import address from "./hsds-3.1/address.json";
import attribute from "./hsds-3.1/attribute.json";
import contact from "./hsds-3.1/contact.json";
import costOption from "./hsds-3.1/cost_option.json";
import funding from "./hsds-3.1/funding.json";
import language from "./hsds-3.1/language.json";
import location from "./hsds-3.1/location.json";
import metaTableDescription from "./hsds-3.1/meta_table_description.json";
import metadata from "./hsds-3.1/metadata.json";
import organization from "./hsds-3.1/organization.json";
import organizationIdentifier from "./hsds-3.1/organization_identifier.json";
import phone from "./hsds-3.1/phone.json";
import program from "./hsds-3.1/program.json";
import requiredDocument from "./hsds-3.1/required_document.json";
import schedule from "./hsds-3.1/schedule.json";
import service from "./hsds-3.1/service.json";
import serviceArea from "./hsds-3.1/service_area.json";
import serviceAtLocation from "./hsds-3.1/service_at_location.json";
import serviceCapacity from "./hsds-3.1/service_capacity.json";
import taxonomy from "./hsds-3.1/taxonomy.json";
import taxonomyTerm from "./hsds-3.1/taxonomy_term.json";
import unit from "./hsds-3.1/unit.json";
import url from "./hsds-3.1/url.json";

export const HSDS_VERSION = "3.1";
/** The taxonomy our support tracks are exported under, as attributes of each service. */
export const TRACK_TAXONOMY = "aftercare-support-tracks";

const SCHEMAS: Record<string, object> = {
  "accessibility.json": accessibility, "address.json": address, "attribute.json": attribute, "contact.json": contact,
  "cost_option.json": costOption, "funding.json": funding, "language.json": language, "location.json": location,
  "meta_table_description.json": metaTableDescription, "metadata.json": metadata, "organization.json": organization,
  "organization_identifier.json": organizationIdentifier, "phone.json": phone, "program.json": program,
  "required_document.json": requiredDocument, "schedule.json": schedule, "service.json": service, "service_area.json": serviceArea,
  "service_at_location.json": serviceAtLocation, "service_capacity.json": serviceCapacity, "taxonomy.json": taxonomy,
  "taxonomy_term.json": taxonomyTerm, "unit.json": unit, "url.json": url,
};
const BASE = "https://aftercare.invalid/hsds-3.1/";

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** The kinds of document HSDS's API answers with, each checked against its own schema. */
export type DocumentKind = "organization" | "service" | "location" | "service_at_location" | "api";

let validators: Record<Exclude<DocumentKind, "api">, ValidateFunction> | null = null;

function schemaValidators() {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  // HSDS's schemas carry Table Schema and documentation keywords beside JSON Schema's.
  ajv.addVocabulary(["name", "path", "datapackage_metadata", "datapackage_type", "constraints", "core", "example", "tabular_required"]);
  for (const [file, schema] of Object.entries(SCHEMAS)) ajv.addSchema({ ...schema, $id: BASE + file });
  const get = (file: string) => ajv.getSchema(BASE + file) as ValidateFunction;
  validators = { organization: get("organization.json"), service: get("service.json"), location: get("location.json"), service_at_location: get("service_at_location.json") };
  return validators;
}

/** What a document is, by the fields only it has (a service has a status, a location a type…). */
export function documentKind(document: Record<string, unknown>): DocumentKind {
  if ("openapi_url" in document || ("version" in document && !("id" in document))) return "api";
  if ("location_type" in document) return "location";
  if ("status" in document) return "service";
  if (("service" in document || "location" in document) && !("name" in document)) return "service_at_location";
  return "organization";
}


const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The records of a document, each with its kind: a page of an HSDS API's list (`contents`) holds
 * several, any other document is one.
 */
export function recordsOf(name: string, document: unknown): { records: { kind: DocumentKind; record: Record<string, unknown>; path: string }[]; problems: SchemaProblem[] } {
  if (!isObject(document)) return { records: [], problems: [{ document: name, path: "", keyword: "type", params: { type: "object" } }] };
  if (Array.isArray(document.contents)) {
    const records = document.contents.map((record, index) => ({ record, path: `contents/${index}` }));
    const problems = records.filter(({ record }) => !isObject(record)).map(({ path }) => ({ document: name, path, keyword: "type", params: { type: "object" } }));
    return { records: records.filter((r): r is { record: Record<string, unknown>; path: string } => isObject(r.record)).map((r) => ({ ...r, kind: documentKind(r.record) })), problems };
  }
  return { records: [{ kind: documentKind(document), record: document, path: "" }], problems: [] };
}

/**
 * Checks a document against HSDS's schemas; nothing means it follows them. An organization's
 * services and a service-at-location's service are not in their schemas (HSDS nests them only in
 * its API's answers), so they are checked as services of their own.
 */
export function schemaProblems(name: string, document: unknown): SchemaProblem[] {
  const { records, problems } = recordsOf(name, document);
  const check = (kind: Exclude<DocumentKind, "api">, record: unknown, path: string) => {
    const validate = schemaValidators()[kind];
    if (!validate(record)) problems.push(...(validate.errors ?? []).map((error) => problemOf(name, path, error)));
  };
  const at = (path: string, ...parts: (string | number)[]) => [path, ...parts].filter((part) => part !== "").join("/");
  for (const { kind, record, path } of records) {
    if (kind === "api") continue;
    check(kind, record, path);
    if (kind === "organization" && Array.isArray(record.services)) record.services.forEach((service, index) => check("service", service, at(path, "services", index)));
    if (kind === "service_at_location" && record.service !== undefined) check("service", record.service, at(path, "service"));
  }
  return problems;
}

function problemOf(document: string, prefix: string, error: ErrorObject): SchemaProblem {
  const at = [prefix, error.instancePath.replace(/^\//, "")].filter(Boolean).join("/");
  const params: Record<string, string> = {};
  if (error.keyword === "required") params.field = String(error.params.missingProperty);
  if (error.keyword === "type") params.type = String(error.params.type);
  if (error.keyword === "format") params.format = String(error.params.format);
  if (error.keyword === "enum") params.values = (error.params.allowedValues as unknown[]).join(", ");
  return { document, path: at, keyword: error.keyword, params };
}

// ---------------------------------------------------------------------------------------------
// Export: our directory as HSDS
// ---------------------------------------------------------------------------------------------

/** A stable UUID for one of our records (SHA-1 name-based, as RFC 4122 version 5 lays it out). */
export function uuidFor(kind: string, id: string): string {
  const hex = createHash("sha1").update(`aftercare:${kind}:${id}`).digest("hex").slice(0, 32).split("");
  hex[12] = "5";
  hex[16] = ((parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

/** The HSDS id of a directory record: the one it was imported with, or ours as a UUID. */
export function hsdsIdOf(kind: "organization" | "service" | "location", record: { id: string; hsdsId: string | null }): string {
  return record.hsdsId ?? uuidFor(kind, record.id);
}

export type DirectoryForExport = {
  id: string; hsdsId: string | null; name: string; description: string; website: string | null; email: string | null;
  locations: { id: string; hsdsId: string | null; name: string; country: string; city: string; address: string; latitude: number | null; longitude: number | null }[];
  services: {
    id: string; hsdsId: string | null; name: string; description: string; eligibility: string; languages: string; status: string;
    track: { key: string; nameEn: string };
    areas: { id: string; country: string; city: string }[];
    capacities: { id: string; available: number; maximum: number | null; unit: string; updatedAt: Date }[];
    servicesAtLocation: { id: string; location: { id: string; hsdsId: string | null } }[];
  }[];
}[];

const STATUS_TO_HSDS: Record<string, string> = { active: "active", inactive: "inactive", defunct: "defunct", temporarily_closed: "temporarily closed" };
const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

/** Our partner organisations as one page of HSDS organizations, each with its locations and services. */
export function directoryAsHsds(organizations: DirectoryForExport) {
  const contents = organizations.map((org) => {
    const orgId = hsdsIdOf("organization", org);
    return {
      id: orgId,
      name: org.name,
      description: org.description,
      ...(org.website ? { website: org.website } : {}),
      ...(org.email ? { email: org.email } : {}),
      locations: org.locations.map((loc) => ({
        id: hsdsIdOf("location", loc),
        organization_id: orgId,
        location_type: "physical",
        name: loc.name,
        ...(loc.latitude !== null && loc.longitude !== null ? { latitude: loc.latitude, longitude: loc.longitude } : {}),
        addresses: [
          { id: uuidFor("address", loc.id), location_id: hsdsIdOf("location", loc), address_1: loc.address, city: loc.city, state_province: "", postal_code: "", country: loc.country, address_type: "physical" },
        ],
      })),
      services: org.services.map((svc) => {
        const serviceId = hsdsIdOf("service", svc);
        const latest = svc.capacities[0];
        return {
          id: serviceId,
          organization_id: orgId,
          name: svc.name,
          description: svc.description,
          status: STATUS_TO_HSDS[svc.status] ?? "inactive",
          ...(svc.eligibility ? { eligibility_description: svc.eligibility } : {}),
          languages: codesOf(svc.languages).map((code) => ({ id: uuidFor("language", `${svc.id}:${code}`), service_id: serviceId, code, name: languageNames.of(code) ?? code })),
          service_areas: svc.areas.map((area) => ({ id: uuidFor("service_area", area.id), service_id: serviceId, name: area.city ? `${area.country}, ${area.city}` : area.country })),
          capacities: latest
            ? [{ id: uuidFor("capacity", latest.id), service_id: serviceId, unit: { id: uuidFor("unit", latest.unit), name: latest.unit }, available: latest.available, ...(latest.maximum !== null ? { maximum: latest.maximum } : {}), updated: latest.updatedAt.toISOString() }]
            : [],
          service_at_locations: svc.servicesAtLocation.map((link) => ({ id: uuidFor("service_at_location", link.id), service_id: serviceId, location_id: hsdsIdOf("location", link.location) })),
          attributes: [
            {
              id: uuidFor("attribute", `${svc.id}:track`),
              link_id: serviceId,
              link_type: "service",
              link_entity: "service",
              taxonomy_term: { id: uuidFor("track", svc.track.key), code: svc.track.key, name: svc.track.nameEn, description: svc.track.nameEn, taxonomy: TRACK_TAXONOMY },
            },
          ],
        };
      }),
    };
  });
  return { total_items: contents.length, total_pages: 1, page_number: 1, size: contents.length, first_page: true, last_page: true, empty: contents.length === 0, contents };
}

function codesOf(list: string): string[] {
  return list.split(",").map((code) => code.trim()).filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Import: HSDS documents as the records our directory keeps
// ---------------------------------------------------------------------------------------------

export type ImportedOrganization = { hsdsId: string; name: string; description: string; website: string | null; email: string | null };
export type ImportedLocation = { hsdsId: string; organization: string; name: string; country: string; city: string; address: string; latitude: number | null; longitude: number | null };
export type ImportedService = {
  hsdsId: string; organization: string; name: string; description: string; eligibility: string; languages: string[];
  status: "active" | "inactive" | "defunct" | "temporarily_closed"; trackKey: string | null;
  areas: { country: string; city: string }[]; capacity: { available: number; maximum: number | null; unit: string } | null; locations: string[];
};

/** What our own rules leave out of a document that HSDS itself accepts, named in the preview. */
export type Refusal = { entity: "organization" | "service" | "location"; name: string; rule: RefusalRule; value: string };
export const REFUSAL_RULES = ["httpsOnly", "coordinates", "countryCode", "languageCode", "areaCode", "capacity", "noOrganization", "tooLong"] as const;
export type RefusalRule = (typeof REFUSAL_RULES)[number];

export type ReadDirectory = { organizations: ImportedOrganization[]; locations: ImportedLocation[]; services: ImportedService[]; refusals: Refusal[] };

type Raw = Record<string, unknown>;

/** Records seen in several documents (a service in a list and in full) merge by id: a field missing in one is taken from the other. */
function merge(into: Map<string, Raw>, record: Raw): Raw {
  const id = String(record.id);
  const seen = into.get(id);
  if (!seen) {
    const copy = { ...record };
    into.set(id, copy);
    return copy;
  }
  for (const [key, value] of Object.entries(record)) {
    const current = seen[key];
    if (current === undefined || current === null || (Array.isArray(current) && current.length === 0)) seen[key] = value;
  }
  return seen;
}

const str = (value: unknown): string => (typeof value === "string" ? value.trim() : "");
const list = (value: unknown): Raw[] => (Array.isArray(value) ? value.filter(isObject) : []);
const obj = (value: unknown): Raw | null => (isObject(value) ? value : null);

/**
 * The organisations, locations and services of documents that passed the schema check, as our
 * directory keeps them, and what our rules left out. `trackKeys` are the tracks a service may name.
 */
export function readHsds(documents: unknown[], trackKeys: readonly string[]): ReadDirectory {
  const organizations = new Map<string, Raw>();
  const locations = new Map<string, Raw>();
  const services = new Map<string, Raw>();
  // Which organisation a location or service belongs to, and which locations a service is at.
  const ownerOf = new Map<string, string>();
  const linksOf = new Map<string, Set<string>>();
  const own = (id: string, organizationId: string | null) => {
    if (organizationId && !ownerOf.has(id)) ownerOf.set(id, organizationId);
  };
  const link = (serviceId: string, locationId: string) => linksOf.set(serviceId, (linksOf.get(serviceId) ?? new Set()).add(locationId));

  function walkOrganization(record: Raw) {
    const org = merge(organizations, record);
    for (const loc of list(record.locations)) walkLocation(loc, String(org.id));
    for (const svc of list(record.services)) walkService(svc, String(org.id));
  }
  function walkLocation(record: Raw, organizationId: string | null) {
    merge(locations, record);
    own(String(record.id), str(record.organization_id) || organizationId);
  }
  function walkService(record: Raw, organizationId: string | null) {
    const nested = obj(record.organization);
    if (nested) walkOrganization(nested);
    const owner = str(record.organization_id) || (nested ? String(nested.id) : null) || organizationId;
    merge(services, record);
    own(String(record.id), owner);
    for (const at of list(record.service_at_locations)) walkServiceAtLocation(at, String(record.id), owner);
  }
  function walkServiceAtLocation(record: Raw, serviceId: string | null, organizationId: string | null) {
    const svc = obj(record.service);
    if (svc) walkService(svc, organizationId);
    const sid = serviceId ?? (svc ? String(svc.id) : str(record.service_id));
    const loc = obj(record.location);
    const owner = organizationId ?? (sid ? (ownerOf.get(sid) ?? null) : null);
    if (loc) walkLocation(loc, owner);
    const lid = loc ? String(loc.id) : str(record.location_id);
    if (sid && lid) link(sid, lid);
  }

  for (const document of documents) {
    for (const { kind, record } of recordsOf("", document).records) {
      if (kind === "organization") walkOrganization(record);
      else if (kind === "service") walkService(record, null);
      else if (kind === "location") walkLocation(record, null);
      else if (kind === "service_at_location") walkServiceAtLocation(record, null, null);
    }
  }

  const refusals: Refusal[] = [];
  const result: ReadDirectory = { organizations: [], locations: [], services: [], refusals };

  for (const raw of organizations.values()) {
    const name = str(raw.name);
    if (name.length > 200) {
      refusals.push({ entity: "organization", name: name.slice(0, 60), rule: "tooLong", value: "name" });
      continue;
    }
    let website: string | null = str(raw.website) || null;
    if (website && !isHttpsLink(website)) {
      refusals.push({ entity: "organization", name, rule: "httpsOnly", value: website });
      website = null;
    }
    const email = str(raw.email);
    result.organizations.push({
      hsdsId: String(raw.id),
      name,
      description: longText(raw.description, "organization", name, refusals),
      website,
      email: email && email.length <= 254 && z.string().email().safeParse(email).success ? email : null,
    });
  }
  const known = new Set(result.organizations.map((org) => org.hsdsId));
  const ownerKnown = (entity: Refusal["entity"], id: string, name: string) => {
    const owner = ownerOf.get(id);
    if (owner && known.has(owner)) return owner;
    refusals.push({ entity, name, rule: "noOrganization", value: owner ?? "" });
    return null;
  };

  for (const raw of locations.values()) {
    const id = String(raw.id);
    const addresses = list(raw.addresses);
    const where = addresses.find((a) => a.address_type === "physical") ?? addresses[0] ?? {};
    const name = (str(raw.name) || str(where.address_1) || str(where.city)).slice(0, 200);
    const organization = ownerKnown("location", id, name);
    if (!organization) continue;
    const country = str(where.country);
    if (!/^[A-Za-z]{2}$/.test(country)) {
      refusals.push({ entity: "location", name, rule: "countryCode", value: country });
      continue;
    }
    let latitude = typeof raw.latitude === "number" ? raw.latitude : null;
    let longitude = typeof raw.longitude === "number" ? raw.longitude : null;
    if ((latitude !== null || longitude !== null) && !(latitude !== null && longitude !== null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
      refusals.push({ entity: "location", name, rule: "coordinates", value: `${latitude ?? "—"}, ${longitude ?? "—"}` });
      latitude = longitude = null;
    }
    result.locations.push({
      hsdsId: id,
      organization,
      name,
      country: country.toUpperCase(),
      city: str(where.city).slice(0, 200),
      address: [str(where.address_1), str(where.address_2)].filter(Boolean).join(", ").slice(0, 500),
      latitude,
      longitude,
    });
  }
  const placed = new Set(result.locations.map((loc) => loc.hsdsId));

  for (const raw of services.values()) {
    const id = String(raw.id);
    const name = str(raw.name);
    const organization = ownerKnown("service", id, name);
    if (!organization) continue;
    if (name.length > 200) {
      refusals.push({ entity: "service", name: name.slice(0, 60), rule: "tooLong", value: "name" });
      continue;
    }
    const languages: string[] = [];
    for (const lang of list(raw.languages)) {
      const code = str(lang.code).toLowerCase();
      if (/^[a-z]{2}$/.test(code)) {
        if (!languages.includes(code)) languages.push(code);
      } else refusals.push({ entity: "service", name, rule: "languageCode", value: code || str(lang.name) });
    }
    const areas: { country: string; city: string }[] = [];
    for (const area of list(raw.service_areas)) {
      const match = /^([A-Za-z]{2})(?:,\s*(.{1,200}))?$/.exec(str(area.name));
      if (match) areas.push({ country: (match[1] ?? "").toUpperCase(), city: (match[2] ?? "").trim() });
      else refusals.push({ entity: "service", name, rule: "areaCode", value: str(area.name).slice(0, 60) });
    }
    const trackKey =
      list(raw.attributes)
        .map((attribute) => str(obj(attribute.taxonomy_term)?.code))
        .find((code) => trackKeys.includes(code)) ?? null;
    result.services.push({
      hsdsId: id,
      organization,
      name,
      description: longText(raw.description, "service", name, refusals),
      eligibility: longText(raw.eligibility_description, "service", name, refusals),
      languages,
      status: raw.status === "temporarily closed" ? "temporarily_closed" : raw.status === "inactive" || raw.status === "defunct" ? raw.status : "active",
      trackKey,
      areas,
      capacity: capacityOf(list(raw.capacities), name, refusals),
      locations: [...(linksOf.get(id) ?? [])].filter((loc) => placed.has(loc)),
    });
  }
  return result;
}

function longText(value: unknown, entity: Refusal["entity"], name: string, refusals: Refusal[]): string {
  const text = str(value);
  if (text.length <= 2000) return text;
  refusals.push({ entity, name, rule: "tooLong", value: "description" });
  return "";
}

/** The latest capacity: a whole number of places from 0 to 100,000, as our own form takes. */
function capacityOf(capacities: Raw[], name: string, refusals: Refusal[]): ImportedService["capacity"] {
  const latest = [...capacities].sort((a, b) => Date.parse(str(b.updated)) - Date.parse(str(a.updated)))[0];
  if (!latest) return null;
  const whole = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 100_000;
  if (!whole(latest.available)) {
    refusals.push({ entity: "service", name, rule: "capacity", value: String(latest.available) });
    return null;
  }
  if (latest.maximum !== undefined && !whole(latest.maximum)) refusals.push({ entity: "service", name, rule: "capacity", value: String(latest.maximum) });
  return {
    available: latest.available as number,
    maximum: whole(latest.maximum) ? (latest.maximum as number) : null,
    unit: (str(obj(latest.unit)?.name) || "people").slice(0, 40),
  };
}
