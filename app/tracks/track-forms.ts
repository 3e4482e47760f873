// The administrator's forms for support tracks. Messages are catalogue keys.
import { z } from "zod";
import { versionField } from "~/components/forms";

const name = z.string().trim().max(100, "form.tooLong").pipe(z.string().min(1, "tracks.nameRequired"));
const position = z.coerce.number({ message: "tracks.positionInvalid" }).int("tracks.positionInvalid").min(0, "tracks.positionInvalid").max(999, "tracks.positionInvalid");

export const addTrackForm = z.object({
  intent: z.literal("add-track"),
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, "tracks.keyInvalid"),
  nameBe: name,
  nameRu: name,
  nameEn: name,
  position,
});

export const editTrackForm = z.object({
  intent: z.literal("edit-track"),
  trackId: z.string().min(1).max(40),
  version: versionField,
  nameBe: name,
  nameRu: name,
  nameEn: name,
  position,
  active: z.literal("on").optional(),
});

export const trackForm = z.discriminatedUnion("intent", [addTrackForm, editTrackForm]);
