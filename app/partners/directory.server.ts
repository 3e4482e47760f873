// The partner directory: organisations, their services, where they serve, in which languages,
// how many new people they can take and whether they are open now. Admins keep it; staff search it.
import { recordAudit } from "~/audit/audit.server";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/db/generated/client";
import { foundOr404 } from "~/http/not-found";
import type { z } from "zod";
import type { directorySearch, organizationForm, serviceForm, serviceStateForm } from "./directory-forms";
import { mayAdminister } from "~/auth/policy";
import { notFound } from "~/http/not-found";

const serviceFields = {
  id: true,
  name: true,
  status: true,
  languages: true,
  eligibility: true,
  responseDays: true,
  version: true,
  track: { select: { id: true, key: true, nameBe: true, nameRu: true, nameEn: true } },
  organization: { select: { id: true, name: true, website: true } },
  areas: { select: { country: true, city: true } },
  capacities: { select: { available: true }, orderBy: { updatedAt: "desc" }, take: 1 },
} as const;

export function directory() {
  return db().organization.findMany({
    where: { kind: "partner" },
    select: { id: true, name: true, website: true, email: true, services: { select: serviceFields, orderBy: { name: "asc" } } },
    orderBy: { name: "asc" },
  });
}

/** The partner organisations by name, for a filter's choices. */
export function partnerChoices() {
  return db().organization.findMany({ where: { kind: "partner" }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export function searchServices(query: z.infer<typeof directorySearch>) {
  const where: Prisma.ServiceWhereInput = {
    status: { not: "defunct" },
    ...(query.track ? { trackId: query.track } : {}),
    ...(query.country ? { areas: { some: { country: query.country } } } : {}),
    ...(query.language ? { languages: { contains: query.language } } : {}),
  };
  return db().service.findMany({ where, select: serviceFields, orderBy: [{ status: "asc" }, { name: "asc" }], take: 100 });
}

export async function addOrganization(admin: Viewer, input: z.infer<typeof organizationForm>): Promise<void> {
  if (!mayAdminister(admin)) throw notFound();
  await db().$transaction(async (tx) => {
    const organization = await tx.organization.create({
      data: { kind: "partner", name: input.name, description: input.description, website: input.website || null, email: input.email || null },
    });
    await recordAudit(tx, { action: "directory.change", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "organization", entityId: organization.id });
  });
}

export async function addService(admin: Viewer, input: z.infer<typeof serviceForm>): Promise<void> {
  if (!mayAdminister(admin)) throw notFound();
  await db().$transaction(async (tx) => {
    foundOr404(await tx.organization.findFirst({ where: { id: input.organizationId, kind: "partner" }, select: { id: true } }));
    foundOr404(await tx.supportTrack.findUnique({ where: { id: input.trackId }, select: { id: true } }));
    const service = await tx.service.create({
      data: {
        organizationId: input.organizationId,
        trackId: input.trackId,
        name: input.name,
        eligibility: input.eligibility,
        languages: input.languages.join(","),
        responseDays: input.responseDays,
        areas: { create: input.countries.map((country) => ({ country: country.toUpperCase() })) },
        capacities: { create: { available: input.capacity } },
      },
    });
    await recordAudit(tx, { action: "directory.change", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "service", entityId: service.id });
  });
}

/** Opens or closes a service and sets how many new people it can take; a stale form is refused. */
export async function setServiceState(admin: Viewer, input: z.infer<typeof serviceStateForm>): Promise<boolean> {
  if (!mayAdminister(admin)) throw notFound();
  return db().$transaction(async (tx) => {
    const { count } = await tx.service.updateMany({ where: { id: input.serviceId, version: input.version }, data: { status: input.status, version: { increment: 1 } } });
    if (count === 0) return false;
    await tx.serviceCapacity.create({ data: { serviceId: input.serviceId, available: input.capacity } });
    await recordAudit(tx, { action: "directory.change", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "service", entityId: input.serviceId });
    return true;
  });
}
