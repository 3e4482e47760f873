// Referrals: the partner organisation's inbox figures. A partner user only ever counts the
// referrals addressed to their own organisation.
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";

export type PartnerOverview = { organizationName: string; awaiting: number; inProgress: number };

export async function partnerOverview(viewer: Viewer): Promise<PartnerOverview> {
  const organizationId = viewer.organizationId;
  if (!organizationId) throw new Response("Not Found", { status: 404 });
  const [organization, awaiting, inProgress] = await Promise.all([
    db().organization.findUnique({ where: { id: organizationId }, select: { name: true } }),
    db().referral.count({ where: { organizationId, status: "sent" } }),
    db().referral.count({ where: { organizationId, status: { in: ["accepted", "in_progress", "on_hold"] } } }),
  ]);
  if (!organization) throw new Response("Not Found", { status: 404 });
  return { organizationName: organization.name, awaiting, inProgress };
}
