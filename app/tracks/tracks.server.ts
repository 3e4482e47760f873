// Support tracks: the kinds of help (medical, housing, ...). An administrator adds tracks and
// renames, orders or retires them; a retired track stays on the records that used it and is no
// longer offered. Every change is audited.
import type { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { MessageKey } from "~/i18n/en";
import type { addTrackForm, editTrackForm } from "./track-forms";
import { mayAdminister } from "~/auth/policy";
import { notFound } from "~/http/not-found";

/** Every track, retired ones too, in their order. */
export function allTracks() {
  return db().supportTrack.findMany({
    select: { id: true, key: true, nameBe: true, nameRu: true, nameEn: true, position: true, active: true, version: true },
    orderBy: [{ position: "asc" }, { key: "asc" }],
  });
}

export type TrackChange = { ok: true } | { ok: false; field: string; problem: MessageKey; status: 400 | 409 };

export async function addTrack(admin: Viewer, input: z.infer<typeof addTrackForm>): Promise<TrackChange> {
  if (!mayAdminister(admin)) throw notFound();
  return db().$transaction(async (tx) => {
    if (await tx.supportTrack.findUnique({ where: { key: input.key }, select: { id: true } })) return { ok: false, field: "key", problem: "tracks.keyTaken", status: 400 } as const;
    const track = await tx.supportTrack.create({ data: { key: input.key, nameBe: input.nameBe, nameRu: input.nameRu, nameEn: input.nameEn, position: input.position } });
    await recordAudit(tx, { action: "track.change", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "support_track", entityId: track.id });
    return { ok: true } as const;
  });
}

/** Saves names, order and whether the track is offered; an edit of a changed track is refused. */
export async function editTrack(admin: Viewer, input: z.infer<typeof editTrackForm>): Promise<TrackChange> {
  if (!mayAdminister(admin)) throw notFound();
  return db().$transaction(async (tx) => {
    const { count } = await tx.supportTrack.updateMany({
      where: { id: input.trackId, version: input.version },
      data: { nameBe: input.nameBe, nameRu: input.nameRu, nameEn: input.nameEn, position: input.position, active: input.active === "on", version: { increment: 1 } },
    });
    if (count === 0) return { ok: false, field: "form", problem: "form.stale", status: 409 } as const;
    await recordAudit(tx, { action: "track.change", actorId: admin.accountId, sessionRef: admin.sessionRef, entityType: "support_track", entityId: input.trackId });
    return { ok: true } as const;
  });
}
