// Referrals as a partner organisation sees them: only those addressed to it, and of those only
// the fields the person consented to share, while that consent stands.
import { recordAudit } from "~/audit/audit.server";
import { bulkReadRefused, withinBulkReadLimit } from "~/audit/bulk-read.server";
import { authorKind, consentedFields, referralScope } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { keysetCursor, keysetWhere, PAGE_SIZE, pageOf, parseKeyset } from "~/db/paging";
import type { Prisma } from "~/db/generated/client";
import type { ReferralStatus } from "~/db/generated/enums";
import { foundOr404, notFound } from "~/http/not-found";
import { SHAREABLE_FIELDS, type ShareableField } from "./referral-forms";

export type PartnerOverview = { organizationName: string; awaiting: number; inProgress: number };

export async function partnerOverview(viewer: Viewer): Promise<PartnerOverview> {
  const organizationId = viewer.organizationId;
  if (!organizationId) throw notFound();
  const scope = referralScope(viewer);
  const [organization, awaiting, inProgress] = await Promise.all([
    db().organization.findUnique({ where: { id: organizationId }, select: { name: true } }),
    db().referral.count({ where: { AND: [scope, { status: "sent" }] } }),
    db().referral.count({ where: { AND: [scope, { status: { in: ["accepted", "in_progress", "on_hold"] } }] } }),
  ]);
  return { organizationName: foundOr404(organization).name, awaiting, inProgress };
}

/** A page of the partner organisation's referrals, newest first. */
export async function partnerInbox(viewer: Viewer, status?: ReferralStatus, after?: string) {
  const rows = await db().referral.findMany({
    // Drafts have no sentAt and are never the partner's to see (the scope says so too).
    where: { AND: [referralScope(viewer), { sentAt: { not: null } }, status ? { status } : {}, keysetWhere("sentAt", parseKeyset(after), "desc") as Prisma.ReferralWhereInput] },
    select: { id: true, status: true, sentAt: true, service: { select: { name: true } } },
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
  });
  return pageOf(rows, (row) => keysetCursor(row.sentAt ?? new Date(0), row.id));
}

export { SHAREABLE_FIELDS, type ShareableField };

export type SharedReferral = {
  id: string;
  status: ReferralStatus;
  version: number;
  serviceName: string;
  sentAt: string | null;
  shared: Partial<Record<ShareableField, string>>;
  history: { toStatus: ReferralStatus; reason: string | null; note: string | null; at: string }[];
  messages: { id: string; body: string; fromPartner: boolean; at: string }[];
};

export async function viewReferralAsPartner(viewer: Viewer, referralId: string): Promise<SharedReferral> {
  const viewed = await db().$transaction(async (tx) => {
    const referral = foundOr404(
      await tx.referral.findFirst({
        where: { AND: [{ id: referralId }, referralScope(viewer)] },
        select: {
          id: true,
          status: true,
          version: true,
          sentAt: true,
          request: true,
          history: { select: { toStatus: true, reason: true, note: true, at: true }, orderBy: { at: "asc" } },
          messages: { select: { id: true, body: true, createdAt: true, author: { select: { role: true } } }, orderBy: { createdAt: "asc" } },
          sharedFields: true,
          service: { select: { name: true } },
          consent: { select: { withdrawnAt: true, sharedFields: true } },
          case: {
            select: {
              person: {
                select: {
                  id: true,
                  preferredName: true,
                  languages: true,
                  contacts: { where: { preferred: true }, select: { kind: true, value: true, safeTimes: true }, take: 1 },
                },
              },
            },
          },
        },
      }),
    );
    if (!(await withinBulkReadLimit(tx, viewer, referral.case.person.id))) return null;
    await recordAudit(tx, { action: "referral.view", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "referral", entityId: referral.id, personId: referral.case.person.id });

    const allowed = consentedFields(referral.sharedFields, referral.consent);
    const person = referral.case.person;
    const contact = person.contacts[0];
    const values: Record<ShareableField, string> = {
      preferredName: person.preferredName,
      contact: contact ? `${contact.kind}: ${contact.value}${contact.safeTimes ? ` (${contact.safeTimes})` : ""}` : "",
      languages: person.languages,
      request: referral.request,
    };
    const shared: Partial<Record<ShareableField, string>> = {};
    for (const field of SHAREABLE_FIELDS) if (allowed.has(field)) shared[field] = values[field];
    return {
      id: referral.id,
      status: referral.status,
      version: referral.version,
      serviceName: referral.service.name,
      sentAt: referral.sentAt?.toISOString() ?? null,
      shared,
      history: referral.history.map((h) => ({ toStatus: h.toStatus, reason: h.reason, note: h.note, at: h.at.toISOString() })),
      messages: referral.messages.map((m) => ({ id: m.id, body: m.body, fromPartner: authorKind(m.author?.role) === "partner", at: m.createdAt.toISOString() })),
    };
  });
  if (!viewed) throw bulkReadRefused();
  return viewed;
}
