// Everything held about a person, for the person: their right of access. One gathering feeds
// the readable page and the JSON file, so the two never disagree. Restricted notes are left
// out and counted (docs/decisions/006-erasure-and-export.md). Names of other
// people's organisations appear only where the person consented to share with them; staff
// and partner staff appear by role, never by name.
import { recordAudit } from "~/audit/audit.server";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { foundOr404 } from "~/http/not-found";
import { ownPersonId, ownPersonScope } from "~/auth/policy";
import { readFile } from "~/documents/document-vault.server";
import { documentVault } from "~/documents/documents.server";
import { decimalAmount } from "~/assistance/money";

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const moment = (date: Date | null) => (date ? date.toISOString() : null);
const list = (codes: string) => (codes ? codes.split(",") : []);

/**
 * The person's data; the export is audited. `files`: the documents' contents too (base64, in
 * the JSON file; the readable page lists them without).
 */
export async function myData(viewer: Viewer, { files = false }: { files?: boolean } = {}) {
  const found = await db().$transaction(async (tx) => {
    const person = foundOr404(
      ownPersonId(viewer)
        ? await tx.person.findFirst({
            where: ownPersonScope(viewer),
            select: {
              caseCode: true,
              preferredName: true,
              fullName: true,
              fullNameLatin: true,
              birthDate: true,
              countryNow: true,
              cityNow: true,
              languages: true,
              releaseDate: true,
              detentionPlace: true,
              riskFlags: true,
              createdAt: true,
              account: { select: { email: true, locale: true, createdAt: true, lastSignInAt: true, totpSecret: true } },
              contacts: { select: { kind: true, value: true, safeTimes: true, preferred: true } },
              restrictions: { select: { kind: true, until: true, note: true } },
              consents: {
                select: { purpose: true, sharedFields: true, textVersion: true, method: true, givenAt: true, withdrawnAt: true, recipientOrganization: { select: { name: true } } },
                orderBy: { givenAt: "asc" },
              },
              requests: {
                select: {
                  code: true,
                  createdAt: true,
                  status: true,
                  language: true,
                  preferredName: true,
                  contactKind: true,
                  contactValue: true,
                  safeTimes: true,
                  country: true,
                  urgency: true,
                  message: true,
                  tracks: { select: { track: { select: { key: true } } } },
                },
                orderBy: { createdAt: "asc" },
              },
              cases: {
                select: {
                  openedAt: true,
                  status: true,
                  closedAt: true,
                  closeReason: true,
                  history: { select: { at: true, fromStatus: true, toStatus: true, reason: true, note: true }, orderBy: { at: "asc" } },
                  assessments: { select: { level: true, summary: true, assessedAt: true, track: { select: { key: true } } } },
                  goals: { select: { title: true, status: true, targetDate: true, track: { select: { key: true } } } },
                  activities: { select: { kind: true, occurredAt: true, note: true }, orderBy: { occurredAt: "asc" } },
                  // Practical support approved or paid for the person: what, how much, when; not the bookkeeping.
                  assistance: {
                    where: { status: { in: ["approved", "paid"] } },
                    select: { kind: true, amountMinor: true, currency: true, status: true, decidedAt: true, createdAt: true, paidOn: true },
                    orderBy: { createdAt: "asc" },
                  },
                  notes: { select: { body: true, createdAt: true, restricted: true }, orderBy: { createdAt: "asc" } },
                  tasks: { select: { title: true, dueOn: true, status: true }, orderBy: { dueOn: "asc" } },
                  referrals: {
                    where: { status: { not: "draft" } },
                    select: {
                      status: true,
                      request: true,
                      sharedFields: true,
                      outcome: true,
                      reasonNote: true,
                      sentAt: true,
                      service: { select: { name: true, organization: { select: { name: true } } } },
                      history: { select: { at: true, toStatus: true }, orderBy: { at: "asc" } },
                      messages: { select: { createdAt: true, body: true, author: { select: { role: true } } }, orderBy: { createdAt: "asc" } },
                    },
                  },
                  messages: { select: { createdAt: true, body: true, authorId: true, author: { select: { role: true } } }, orderBy: { createdAt: "asc" } },
                },
                orderBy: { openedAt: "asc" },
              },
              erasures: { select: { status: true, requestedAt: true, decidedAt: true }, orderBy: { requestedAt: "asc" } },
              documents: { select: { id: true, kind: true, title: true, mediaType: true, size: true, createdAt: true, visibleToPerson: true, storageName: true, wrappedKey: true }, orderBy: { createdAt: "asc" } },
            },
          })
        : null,
    );
    await recordAudit(tx, { action: "person.export", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "person", entityId: ownPersonId(viewer), personId: ownPersonId(viewer) });
    return person;
  });

  const { account } = found;
  return {
    exportedAt: new Date().toISOString(),
    account: account
      ? { email: account.email, language: account.locale, createdAt: moment(account.createdAt), lastSignInAt: moment(account.lastSignInAt), twoFactor: account.totpSecret !== null }
      : null,
    person: {
      caseCode: found.caseCode,
      preferredName: found.preferredName,
      fullName: found.fullName,
      fullNameLatin: found.fullNameLatin,
      birthDate: day(found.birthDate),
      countryNow: found.countryNow,
      cityNow: found.cityNow,
      languages: list(found.languages),
      releaseDate: day(found.releaseDate),
      detentionPlace: found.detentionPlace,
      riskFlags: list(found.riskFlags),
      recordCreatedAt: moment(found.createdAt),
    },
    contacts: found.contacts,
    restrictions: found.restrictions.map((r) => ({ kind: r.kind, until: day(r.until), note: r.note })),
    consents: found.consents.map((c) => ({
      purpose: c.purpose,
      recipient: c.recipientOrganization?.name ?? null,
      sharedFields: list(c.sharedFields),
      textVersion: c.textVersion,
      method: c.method,
      givenAt: moment(c.givenAt),
      withdrawnAt: moment(c.withdrawnAt),
    })),
    requests: found.requests.map(({ tracks, createdAt, ...r }) => ({ ...r, createdAt: moment(createdAt), tracks: tracks.map((t) => t.track.key) })),
    cases: found.cases.map((c) => ({
      openedAt: moment(c.openedAt),
      status: c.status,
      closedAt: moment(c.closedAt),
      closeReason: c.closeReason,
      history: c.history.map((h) => ({ at: moment(h.at), from: h.fromStatus, to: h.toStatus, reason: h.reason, note: h.note })),
      assessments: c.assessments.map((a) => ({ track: a.track.key, level: a.level, summary: a.summary, assessedAt: moment(a.assessedAt) })),
      goals: c.goals.map((g) => ({ track: g.track.key, title: g.title, status: g.status, targetDate: day(g.targetDate) })),
      activities: c.activities.map((a) => ({ kind: a.kind, on: day(a.occurredAt), note: a.note })),
      support: c.assistance.map((a) => ({
        kind: a.kind,
        amount: decimalAmount(a.amountMinor, a.currency),
        currency: a.currency,
        status: a.status,
        approvedOn: day(a.decidedAt ?? a.createdAt),
        paidOn: day(a.paidOn),
      })),
      notes: c.notes.filter((n) => !n.restricted).map((n) => ({ at: moment(n.createdAt), body: n.body })),
      restrictedNotesLeftOut: c.notes.filter((n) => n.restricted).length,
      tasks: c.tasks.map((t) => ({ title: t.title, dueOn: day(t.dueOn), status: t.status })),
      referrals: c.referrals.map((r) => ({
        organization: r.service.organization.name,
        service: r.service.name,
        status: r.status,
        sentAt: moment(r.sentAt),
        request: r.request,
        sharedFields: list(r.sharedFields),
        outcome: r.outcome,
        reasonNote: r.reasonNote,
        history: r.history.map((h) => ({ at: moment(h.at), status: h.toStatus })),
        messages: r.messages.map((m) => ({ at: moment(m.createdAt), from: m.author?.role ?? null, body: m.body })),
      })),
      messages: c.messages.map((m) => ({ at: moment(m.createdAt), fromMe: m.authorId === viewer.accountId, from: m.author?.role ?? null, body: m.body })),
    })),
    erasureRequests: found.erasures.map((e) => ({ status: e.status, requestedAt: moment(e.requestedAt), decidedAt: moment(e.decidedAt) })),
    // Documents the staff keep from the person (as restricted notes) are left out and counted.
    documents: found.documents
      .filter((d) => d.visibleToPerson)
      .map((d) => ({
        kind: d.kind,
        title: d.title,
        type: d.mediaType,
        bytes: d.size,
        addedAt: moment(d.createdAt),
        ...(files ? { contentBase64: readFile(documentVault(), d).toString("base64") } : {}),
      })),
    documentsLeftOut: found.documents.filter((d) => !d.visibleToPerson).length,
  };
}

export type MyData = Awaited<ReturnType<typeof myData>>;
