// Making and working a referral: the caseworker refers a person from a goal with their
// consent to exactly the fields shared; the partner accepts or declines, updates, completes;
// the sender can cancel; both write to each other on it. Each change is a status history entry
// and an audit event, and the other side is told by a neutral email.
import { recordAudit } from "~/audit/audit.server";
import { caseScope, caseScopeSql, documentScopeSql, referralScope } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db, type Tx } from "~/db/client.server";
import type { ReferralStatus, ServiceStatus } from "~/db/generated/enums";
import { read } from "~/db/read.server";
import { queueNotice } from "~/email/outbox.server";
import { foundOr404 } from "~/http/not-found";
import type { MessageKey } from "~/i18n/catalogue";
import { OPEN_REFERRAL_STATUSES, PARTNER_TRANSITIONS, type PartnerAction } from "./referral-forms";
import type { z } from "zod";
import type { cancelReferralForm, newReferralForm, referralMessageForm } from "./referral-forms";

export type ReferralChange = { ok: true; referralId: string } | { ok: false; field: string; problem: MessageKey; status: 400 | 409 };

/** The services a case's goals can be referred to, with capacity and whether they are open now. */
export async function servicesForCase(viewer: Viewer, caseId: string) {
  // In SQL (app/db/read.server.ts), as the rest of the case page.
  foundOr404((await read<{ id: string }>`SELECT "id" FROM "Case" WHERE "Case"."id" = ${caseId} AND ${caseScopeSql(viewer)}`)[0]);
  const services = await read<{ id: string; name: string; status: ServiceStatus; languages: string; trackId: string; organizationName: string }>`
    SELECT "Service"."id", "Service"."name", "Service"."status", "Service"."languages", "Service"."trackId", "Organization"."name" AS "organizationName"
    FROM "Service" JOIN "Organization" ON "Organization"."id" = "Service"."organizationId"
    WHERE "Service"."trackId" IN (SELECT "trackId" FROM "Goal" WHERE "caseId" = ${caseId}) ORDER BY "Service"."status", "Service"."name"`;
  const ids = services.map((service) => service.id);
  const [areas, capacities] = await Promise.all([
    read<{ serviceId: string; country: string; city: string | null }>`SELECT "serviceId", "country", "city" FROM "ServiceArea" WHERE "serviceId" IN (${ids})`,
    // Newest first: each service's first row is its capacity now.
    read<{ serviceId: string; available: number | null }>`SELECT "serviceId", "available" FROM "ServiceCapacity" WHERE "serviceId" IN (${ids}) ORDER BY "serviceId", "updatedAt" DESC`,
  ]);
  return services.map((s) => ({
    id: s.id,
    label: `${s.organizationName} · ${s.name}`,
    trackId: s.trackId,
    open: s.status === "active",
    status: s.status,
    available: capacities.find((c) => c.serviceId === s.id)?.available ?? null,
    languages: s.languages,
    areas: areas
      .filter((a) => a.serviceId === s.id)
      .map((a) => [a.country, a.city].filter(Boolean).join(" "))
      .join(", "),
  }));
}

async function tellPartner(tx: Tx, organizationId: string, referralId: string) {
  const staff = await tx.account.findMany({ where: { organizationId, role: "partner", status: "active" }, select: { id: true, email: true, locale: true } });
  for (const account of staff) await queueNotice(tx, account, `/partner/referrals/${referralId}`);
}

async function tellSender(tx: Tx, referral: { createdById: string | null; caseId: string }) {
  if (!referral.createdById) return;
  const sender = await tx.account.findUnique({ where: { id: referral.createdById }, select: { id: true, email: true, locale: true, status: true } });
  if (sender?.status === "active") await queueNotice(tx, sender, `/staff/cases/${referral.caseId}`);
}

export async function referCase(viewer: Viewer, caseId: string, input: z.infer<typeof newReferralForm>): Promise<ReferralChange> {
  return db().$transaction(async (tx): Promise<ReferralChange> => {
    const found = foundOr404(await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseScope(viewer)] }, select: { id: true, personId: true, status: true } }));
    if (found.status === "closed") return { ok: false, field: "form", problem: "referral.caseClosed", status: 400 };
    const goal = await tx.goal.findFirst({ where: { id: input.goalId, caseId: found.id }, select: { id: true, trackId: true } });
    if (!goal) return { ok: false, field: "goalId", problem: "referral.goalRequired", status: 400 };
    const service = await tx.service.findFirst({ where: { id: input.serviceId, trackId: goal.trackId }, select: { id: true, status: true, organizationId: true } });
    if (!service) return { ok: false, field: "serviceId", problem: "referral.serviceRequired", status: 400 };
    if (service.status !== "active") return { ok: false, field: "serviceId", problem: "referral.serviceClosed", status: 400 };

    // The documents shared: of this case, and ones the caseworker may see.
    const documentIds = [...new Set(input.documentIds)];
    const shareable = documentIds.length
      ? await read<{ id: string }>`SELECT "id" FROM "Document" WHERE "caseId" = ${found.id} AND "id" IN (${documentIds}) AND ${documentScopeSql(viewer)}`
      : [];
    if (shareable.length !== documentIds.length) return { ok: false, field: "documentIds", problem: "referral.documentUnknown", status: 400 };
    const sharedFields = [...input.sharedFields, ...(documentIds.length ? ["documents"] : [])].join(",");
    const consent = await tx.consent.create({
      data: {
        personId: found.personId,
        purpose: "referral_sharing",
        recipientOrganizationId: service.organizationId,
        sharedFields,
        textVersion: "2026-01",
        method: input.consentMethod,
        recordedById: viewer.accountId,
      },
    });
    const now = new Date();
    const referral = await tx.referral.create({
      data: {
        caseId: found.id,
        goalId: goal.id,
        serviceId: service.id,
        organizationId: service.organizationId,
        status: "sent",
        request: input.request,
        sharedFields,
        consentId: consent.id,
        documents: { create: documentIds.map((documentId) => ({ documentId })) },
        createdById: viewer.accountId,
        sentAt: now,
        lastUpdateAt: now,
        history: {
          create: [
            { fromStatus: null, toStatus: "draft", actorId: viewer.accountId, at: now },
            { fromStatus: "draft", toStatus: "sent", actorId: viewer.accountId, at: new Date(now.getTime() + 1) },
          ],
        },
      },
    });
    await tellPartner(tx, service.organizationId, referral.id);
    await recordAudit(tx, { action: "referral.create", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "referral", entityId: referral.id, personId: found.personId });
    return { ok: true, referralId: referral.id };
  });
}

export async function cancelReferral(viewer: Viewer, caseId: string, input: z.infer<typeof cancelReferralForm>): Promise<ReferralChange> {
  return db().$transaction(async (tx): Promise<ReferralChange> => {
    const referral = foundOr404(
      await tx.referral.findFirst({
        where: { AND: [{ id: input.referralId, caseId }, referralScope(viewer)] },
        select: { id: true, status: true, version: true, organizationId: true, case: { select: { personId: true } } },
      }),
    );
    // A changed version first: the page is out of date, whatever the referral's status is now.
    if (referral.version !== input.version) return { ok: false, field: "form", problem: "form.stale", status: 409 };
    if (!OPEN_REFERRAL_STATUSES.includes(referral.status)) return { ok: false, field: "form", problem: "referral.notOpen", status: 400 };
    const { count } = await tx.referral.updateMany({
      where: { id: referral.id, version: input.version },
      data: { status: "cancelled", reasonNote: input.note || null, lastUpdateAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) return { ok: false, field: "form", problem: "form.stale", status: 409 };
    await tx.referralStatusChange.create({ data: { referralId: referral.id, fromStatus: referral.status, toStatus: "cancelled", note: input.note || null, actorId: viewer.accountId } });
    await tellPartner(tx, referral.organizationId, referral.id);
    await recordAudit(tx, { action: "referral.update", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "referral", entityId: referral.id, personId: referral.case.personId });
    return { ok: true, referralId: referral.id };
  });
}

/**
 * On closing a case: its open referrals are cancelled with the closing note, each with its
 * history entry, and each partner is told by a neutral email. In the closing's transaction.
 */
export async function cancelOpenReferrals(tx: Tx, actorId: string, caseId: string, note: string | null): Promise<string[]> {
  const open = await tx.referral.findMany({ where: { caseId, status: { in: OPEN_REFERRAL_STATUSES } }, select: { id: true, status: true, organizationId: true } });
  const now = new Date();
  for (const referral of open) {
    await tx.referral.update({ where: { id: referral.id }, data: { status: "cancelled", reasonNote: note, lastUpdateAt: now, flaggedAt: null, version: { increment: 1 } } });
    await tx.referralStatusChange.create({ data: { referralId: referral.id, fromStatus: referral.status, toStatus: "cancelled", note, actorId } });
    // A draft was never sent: its partner has nothing to hear.
    if (referral.status !== "draft") await tellPartner(tx, referral.organizationId, referral.id);
  }
  return open.map((referral) => referral.id);
}

/** The caseworker's message to the partner on a referral of the case (never a draft, which the partner does not see); the partner is told by a neutral email. */
export async function messagePartner(viewer: Viewer, caseId: string, input: z.infer<typeof referralMessageForm>): Promise<ReferralChange> {
  return db().$transaction(async (tx): Promise<ReferralChange> => {
    const referral = foundOr404(
      await tx.referral.findFirst({
        where: { AND: [{ id: input.referralId, caseId, status: { not: "draft" } }, referralScope(viewer)] },
        select: { id: true, organizationId: true, case: { select: { personId: true } } },
      }),
    );
    await tx.referralMessage.create({ data: { referralId: referral.id, authorId: viewer.accountId, body: input.body } });
    await tellPartner(tx, referral.organizationId, referral.id);
    await recordAudit(tx, { action: "referral.message", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "referral", entityId: referral.id, personId: referral.case.personId });
    return { ok: true, referralId: referral.id };
  });
}

/** A partner's answer, update, outcome or message on a referral addressed to their organisation. */
export async function actOnReferral(viewer: Viewer, referralId: string, action: PartnerAction): Promise<ReferralChange> {
  return db().$transaction(async (tx): Promise<ReferralChange> => {
    const referral = foundOr404(
      await tx.referral.findFirst({
        where: { AND: [{ id: referralId }, referralScope(viewer)] },
        select: { id: true, status: true, version: true, caseId: true, createdById: true, case: { select: { personId: true } } },
      }),
    );
    const audit = (name: "referral.update" | "referral.message") =>
      recordAudit(tx, { action: name, actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "referral", entityId: referral.id, personId: referral.case.personId });

    if (action.intent === "message") {
      await tx.referralMessage.create({ data: { referralId: referral.id, authorId: viewer.accountId, body: action.body } });
      await tellSender(tx, referral);
      await audit("referral.message");
      return { ok: true, referralId: referral.id };
    }
    if (action.version !== referral.version) return { ok: false, field: "form", problem: "form.stale", status: 409 };

    const now = new Date();
    let to: ReferralStatus = referral.status;
    if (action.intent === "progress") {
      if (!["accepted", "in_progress", "on_hold"].includes(referral.status)) return { ok: false, field: "form", problem: "referral.notOpen", status: 400 };
    } else {
      const rule = PARTNER_TRANSITIONS[action.intent];
      if (!rule.from.includes(referral.status)) return { ok: false, field: "form", problem: "referral.transitionNotAllowed", status: 400 };
      to = rule.to;
    }
    const reason = action.intent === "decline" || action.intent === "not-complete" ? action.reason : null;
    const note = "note" in action ? action.note || null : null;
    const { count } = await tx.referral.updateMany({
      where: { id: referral.id, version: action.version },
      data: {
        status: to,
        lastUpdateAt: now,
        flaggedAt: null,
        version: { increment: 1 },
        ...(referral.status === "sent" ? { respondedAt: now } : {}),
        ...(action.intent === "decline" ? { declineReason: action.reason, reasonNote: note } : {}),
        ...(action.intent === "not-complete" ? { notCompletedReason: action.reason, reasonNote: note } : {}),
        ...(action.intent === "complete" ? { outcome: action.outcome } : {}),
      },
    });
    if (count === 0) return { ok: false, field: "form", problem: "form.stale", status: 409 };
    await tx.referralStatusChange.create({
      data: { referralId: referral.id, fromStatus: referral.status, toStatus: to, reason, note: action.intent === "complete" ? action.outcome : note, actorId: viewer.accountId, at: now },
    });
    await tellSender(tx, referral);
    await audit("referral.update");
    return { ok: true, referralId: referral.id };
  });
}
