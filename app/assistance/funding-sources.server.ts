// Funding sources, kept by administrators: a donor's grant or the organisation's own funds, with
// a currency (fixed once made: the records drawn on it are counted in it), a period, a budget,
// an approval threshold and, optionally, the one support track it pays for. Audited.
import { recordAudit } from "~/audit/audit.server";
import { mayAdminister } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { db } from "~/db/client.server";
import { notFound } from "~/http/not-found";
import { changeSourceForm, newSourceForm } from "./assistance-forms";
import { committedBySource } from "./assistance.server";

/** Every source, closed ones too, with what approved and paid records take of it and what paid ones spent. */
export async function allFundingSources() {
  const sources = await db().fundingSource.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
  });
  const ids = sources.map((source) => source.id);
  const [committed, paid] = await Promise.all([
    committedBySource(db(), ids),
    db().assistance.groupBy({
      by: ["fundingSourceId"],
      where: { fundingSourceId: { in: ids }, status: "paid" },
      _sum: { sourceAmountMinor: true },
    }),
  ]);
  const paidBy = new Map(paid.map((sum) => [sum.fundingSourceId, sum._sum.sourceAmountMinor ?? 0]));
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
    committedMinor: committed.get(source.id) ?? 0,
    paidMinor: paidBy.get(source.id) ?? 0,
  }));
}

export type SourceAnswer = { ok: true } | { ok: false; errors: FieldErrors; status: 400 | 409 };

const day = (text: string) => new Date(`${text}T00:00:00Z`);

/** Adds a source (no `sourceId`) or changes one at the version its form showed. */
export async function saveFundingSource(admin: Viewer, values: Record<string, string>): Promise<SourceAnswer> {
  if (!mayAdminister(admin)) throw notFound();
  if (!values.sourceId) {
    const parsed = newSourceForm.safeParse(values);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), status: 400 };
    const { startsOn, endsOn, active: _active, ...source } = parsed.data;
    return db().$transaction(async (tx) => {
      const made = await tx.fundingSource.create({
        data: {
          ...source,
          trackId: source.trackId ?? null,
          startsOn: day(startsOn),
          endsOn: day(endsOn),
        },
      });
      await recordAudit(tx, {
        action: "funding.change",
        actorId: admin.accountId,
        sessionRef: admin.sessionRef,
        entityType: "funding_source",
        entityId: made.id,
      });
      return { ok: true } as const;
    });
  }
  const found = await db().fundingSource.findUnique({
    where: { id: values.sourceId },
    select: { currency: true },
  });
  if (!found) throw notFound();
  const parsed = changeSourceForm(found.currency).safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), status: 400 };
  const { sourceId, version, startsOn, endsOn, ...source } = parsed.data;
  return db().$transaction(async (tx) => {
    const { count } = await tx.fundingSource.updateMany({
      where: { id: sourceId, version },
      data: {
        ...source,
        trackId: source.trackId ?? null,
        startsOn: day(startsOn),
        endsOn: day(endsOn),
        version: { increment: 1 },
      },
    });
    if (count === 0)
      return {
        ok: false,
        errors: { form: "form.stale" },
        status: 409,
      } as const;
    await recordAudit(tx, {
      action: "funding.change",
      actorId: admin.accountId,
      sessionRef: admin.sessionRef,
      entityType: "funding_source",
      entityId: sourceId,
    });
    return { ok: true } as const;
  });
}
