// HL7 FHIR R4: a referral as a Bundle of a ServiceRequest and a Task, as the Gravity Project's
// referral guide lays them out (the Task carries the referral's state; its owner is the partner,
// its requester us), with the person only as far as their consent shares: a Patient known by a
// pseudonym made for this referral alone, or no Patient at all. The field table is docs/standards.md.
import type { Bundle, BundleEntry, Organization, Patient, Reference, ServiceRequest, Task } from "fhir/r4";
import { bulkReadRefused, recordViews } from "~/audit/bulk-read.server";
import { consentedFields, referralScopeSql } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { read } from "~/db/read.server";
import { dateOrNull } from "~/db/stored-date";
import type { ContactKind, ReferralStatus } from "~/db/generated/enums";
import { foundOr404 } from "~/http/not-found";
import { hsdsIdOf, uuidFor } from "./hsds.server";

/** Our referral states as the Gravity guide's Task codes (PRODUCT.md: one to one). */
export const TASK_STATUS: Record<ReferralStatus, Task["status"]> = {
  draft: "draft",
  sent: "requested",
  accepted: "accepted",
  declined: "rejected",
  in_progress: "in-progress",
  on_hold: "on-hold",
  completed: "completed",
  not_completed: "failed",
  cancelled: "cancelled",
};

/** The request behind the Task: open while the partner may still act on it. */
const REQUEST_STATUS: Record<ReferralStatus, ServiceRequest["status"]> = {
  draft: "draft",
  sent: "active",
  accepted: "active",
  declined: "revoked",
  in_progress: "active",
  on_hold: "on-hold",
  completed: "completed",
  not_completed: "revoked",
  cancelled: "revoked",
};

// Our own codes, under URNs of their own: they name our states and reasons, not a published code system.
const STATUS_SYSTEM = "urn:aftercare:referral-status";
const REASON_SYSTEM = "urn:aftercare:referral-reason";
const TRACK_SYSTEM = "urn:aftercare:support-track";
const TELECOM: Record<ContactKind, "phone" | "email" | "other"> = { phone: "phone", email: "email", signal: "other", telegram: "other", other: "other" };

export type ReferralForFhir = {
  id: string; status: ReferralStatus; createdAt: string; updatedAt: string; sentAt: string | null; request: string; sharedFields: string;
  declineReason: string | null; notCompletedReason: string | null;
  consentId: string | null; withdrawnAt: string | null; consentFields: string | null;
  serviceId: string; serviceHsdsId: string | null; serviceName: string; trackKey: string;
  partnerId: string; partnerHsdsId: string | null; partnerName: string;
  personId: string; preferredName: string; languages: string;
  contact: { kind: ContactKind; value: string } | null;
};

/** The Bundle for a referral as read; `host` is the organisation that sends referrals. */
export function referralBundle(referral: ReferralForFhir, host: { id: string; name: string }, now = new Date()): Bundle {
  const allowed = consentedFields(referral.sharedFields, referral.consentId ? { withdrawnAt: dateOrNull(referral.withdrawnAt), sharedFields: referral.consentFields ?? "" } : null);
  const iso = (stored: string) => new Date(stored).toISOString();
  const ref = (id: string, display?: string): Reference => ({ reference: `urn:uuid:${id}`, ...(display ? { display } : {}) });

  const hostOrg: Organization = { resourceType: "Organization", id: uuidFor("organization", host.id), name: host.name };
  const partner: Organization = { resourceType: "Organization", id: hsdsIdOf("organization", { id: referral.partnerId, hsdsId: referral.partnerHsdsId }), name: referral.partnerName };

  const patient: Patient = { resourceType: "Patient", id: uuidFor("patient", referral.id) };
  if (allowed.has("preferredName") && referral.preferredName) patient.name = [{ text: referral.preferredName }];
  if (allowed.has("contact") && referral.contact) patient.telecom = [{ system: TELECOM[referral.contact.kind], value: referral.contact.value }];
  const languages = referral.languages.split(",").filter(Boolean);
  if (allowed.has("languages") && languages.length) patient.communication = languages.map((code) => ({ language: { coding: [{ system: "urn:ietf:bcp:47", code }] } }));
  // No Patient at all when the consent shares nothing of the person: a pseudonym alone says someone is referred, nothing more.
  const withPatient = patient.name !== undefined || patient.telecom !== undefined || patient.communication !== undefined;

  const serviceRequest: ServiceRequest = {
    resourceType: "ServiceRequest",
    id: uuidFor("service_request", referral.id),
    status: REQUEST_STATUS[referral.status],
    intent: "order",
    category: [{ coding: [{ system: TRACK_SYSTEM, code: referral.trackKey }] }],
    code: { text: referral.serviceName },
    subject: withPatient ? ref(patient.id ?? "") : { extension: [{ url: "http://hl7.org/fhir/StructureDefinition/data-absent-reason", valueCode: "masked" }] },
    authoredOn: iso(referral.sentAt ?? referral.createdAt),
    requester: ref(hostOrg.id ?? "", host.name),
    performer: [ref(partner.id ?? "", referral.partnerName)],
    ...(allowed.has("request") && referral.request ? { note: [{ text: referral.request }] } : {}),
  };

  const reason = referral.declineReason ?? referral.notCompletedReason;
  const task: Task = {
    resourceType: "Task",
    id: uuidFor("task", referral.id),
    status: TASK_STATUS[referral.status],
    intent: "order",
    code: { coding: [{ system: "http://hl7.org/fhir/CodeSystem/task-code", code: "fulfill" }] },
    businessStatus: { coding: [{ system: STATUS_SYSTEM, code: referral.status }], text: referral.status },
    ...(reason && (referral.status === "declined" || referral.status === "not_completed") ? { statusReason: { coding: [{ system: REASON_SYSTEM, code: reason }], text: reason } } : {}),
    focus: ref(serviceRequest.id ?? ""),
    ...(withPatient ? { for: ref(patient.id ?? "") } : {}),
    authoredOn: iso(referral.createdAt),
    lastModified: iso(referral.updatedAt),
    requester: ref(hostOrg.id ?? "", host.name),
    owner: ref(partner.id ?? "", referral.partnerName),
  };

  const resources = [task, serviceRequest, ...(withPatient ? [patient] : []), hostOrg, partner];
  const entry: BundleEntry[] = resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource }));
  return { resourceType: "Bundle", id: uuidFor("bundle", `${referral.id}:${now.toISOString()}`), type: "collection", timestamp: now.toISOString(), entry };
}

/**
 * A referral the viewer may see (its sending staff through the case, the receiving partner) as a
 * FHIR Bundle. Audited as an export of the person's record, within the hourly limit on reads.
 */
export async function referralAsFhir(viewer: Viewer, referralId: string): Promise<Bundle> {
  type Found = Omit<ReferralForFhir, "contact">;
  const [found] = await read<Found>`SELECT "Referral"."id", "Referral"."status", "Referral"."createdAt", "Referral"."updatedAt", "Referral"."sentAt", "Referral"."request",
      "Referral"."sharedFields", "Referral"."declineReason", "Referral"."notCompletedReason",
      "Consent"."id" AS "consentId", "Consent"."withdrawnAt", "Consent"."sharedFields" AS "consentFields",
      "Service"."id" AS "serviceId", "Service"."hsdsId" AS "serviceHsdsId", "Service"."name" AS "serviceName", "SupportTrack"."key" AS "trackKey",
      "Organization"."id" AS "partnerId", "Organization"."hsdsId" AS "partnerHsdsId", "Organization"."name" AS "partnerName",
      "Person"."id" AS "personId", "Person"."preferredName", "Person"."languages"
    FROM "Referral" JOIN "Service" ON "Service"."id" = "Referral"."serviceId" JOIN "SupportTrack" ON "SupportTrack"."id" = "Service"."trackId"
      JOIN "Organization" ON "Organization"."id" = "Referral"."organizationId" LEFT JOIN "Consent" ON "Consent"."id" = "Referral"."consentId"
      JOIN "Case" ON "Case"."id" = "Referral"."caseId" JOIN "Person" ON "Person"."id" = "Case"."personId"
    WHERE "Referral"."id" = ${referralId} AND ${referralScopeSql(viewer)}`;
  const referral = foundOr404(found);
  const [[contact], [host]] = await Promise.all([
    read<{ kind: ContactKind; value: string }>`SELECT "kind", "value" FROM "ContactChannel" WHERE "personId" = ${referral.personId} AND "preferred" = ${true} LIMIT 1`,
    read<{ id: string; name: string }>`SELECT "id", "name" FROM "Organization" WHERE "kind" = 'host' ORDER BY "createdAt" LIMIT 1`,
  ]);
  const readable = await recordViews(viewer, [{ action: "referral.export", entityType: "referral", entityId: referral.id, personId: referral.personId }]);
  if (!readable.has(referral.personId)) throw bulkReadRefused();
  return referralBundle({ ...referral, contact: contact ?? null }, host ?? { id: "host", name: "" });
}

/** The Bundle as a file that arrives: FHIR's JSON type, a neutral name, never cached. */
export function fhirDownload(bundle: Bundle): Response {
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: {
      "Content-Type": "application/fhir+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="referral-${bundle.id ?? "bundle"}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
