// Funding sources, kept by administrators: a donor's grant or the organisation's own funds, with
// a currency (fixed once made: the records drawn on it are counted in it), a period, a budget,
// an approval threshold and, optionally, the one support track it pays for. Audited.
import { recordAudit } from "~/audit/audit.server";
import { mayAdminister } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { db, type Tx } from "~/db/client.server";
import { notFound } from "~/http/not-found";
import { changeSourceForm, newSourceForm } from "./assistance-forms";

/**
 * Every source, closed ones too, with what approved and paid records take of it and what paid
 * ones spent (kept on the source by triggers on "Assistance": migration source_totals).
 */
export async function allFundingSources() {
  const sources = await db().fundingSource.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
  });
  return sources.map((source) => ({
    id: source.id,
    name: source.name,
    currency: source.currency,
    startsOn: source.startsOn.toISOString().slice(0, 10),
    endsOn: source.endsOn.toISOString().slice(0, 10),
    budgetMinor: source.budgetMinor,
    approvalThresholdMinor: source.approvalThresholdMinor,
    trackId: source.trackId,
    active: source.active,
    version: source.version,
    committedMinor: source.committedMinor,
    paidMinor: source.paidMinor,
  }));
}

export type SourceAnswer = { ok: true } | { ok: false; errors: FieldErrors; status: 400 | 409 };

/** Adds a source (no `sourceId`) or changes one at the version its form showed. */
export async function saveFundingSource(admin: Viewer, values: Record<string, string>): Promise<SourceAnswer> {
  if (!mayAdminister(admin)) throw notFound();
  const audited = (tx: Tx, entityId: string) => recordAudit(tx, { action: "funding.change", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "funding_source", entityId });
  if (!values.sourceId) {
    const parsed = newSourceForm.safeParse(values);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), status: 400 };
    // A new source is open for requests, whatever was sent.
    const { active: _active, ...columns } = parsed.data;
    return db().$transaction(async (tx) => {
      await audited(tx, (await tx.fundingSource.create({ data: columns })).id);
      return { ok: true } as const;
    });
  }
  const found = await db().fundingSource.findUnique({ where: { id: values.sourceId }, select: { currency: true } });
  if (!found) throw notFound();
  const parsed = changeSourceForm(found.currency).safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), status: 400 };
  const { sourceId, version, ...columns } = parsed.data;
  return db().$transaction(async (tx) => {
    const { count } = await tx.fundingSource.updateMany({ where: { id: sourceId, version }, data: { ...columns, version: { increment: 1 } } });
    if (count === 0) return { ok: false, errors: { form: "form.stale" }, status: 409 } as const;
    await audited(tx, sourceId);
    return { ok: true } as const;
  });
}
