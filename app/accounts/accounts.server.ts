// Accounts and the directory: the administrator's overview figures.
import { db } from "~/db/client.server";

export type AdminOverview = { activeAccounts: number; partnerOrganizations: number; services: number; tracks: number };

export async function adminOverview(): Promise<AdminOverview> {
  const [activeAccounts, partnerOrganizations, services, tracks] = await Promise.all([
    db().account.count({ where: { status: "active" } }),
    db().organization.count({ where: { kind: "partner" } }),
    db().service.count(),
    db().supportTrack.count({ where: { active: true } }),
  ]);
  return { activeAccounts, partnerOrganizations, services, tracks };
}
