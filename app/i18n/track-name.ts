// A support track's name in the page's language. Tracks live in the database (an admin can
// add them), so their names are columns, not catalogue keys.
import type { Locale } from "./catalogue";

export type NamedTrack = { nameBe: string; nameRu: string; nameEn: string };

export function trackName(track: NamedTrack, locale: Locale): string {
  return locale === "be" ? track.nameBe : locale === "ru" ? track.nameRu : track.nameEn;
}

/** The name of the first of `tracks` that `match` picks, or undefined when none does. */
export function nameOfTrack<T extends NamedTrack>(tracks: readonly T[], match: (track: T) => boolean, locale: Locale): string | undefined {
  const track = tracks.find(match);
  return track ? trackName(track, locale) : undefined;
}
