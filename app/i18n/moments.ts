// Moments in the organisation's time zone (TIME_ZONE): a day and a time of day typed on a form
// become an instant, and an instant is shown as a date and a time with its zone, in the page's
// language (Intl.DateTimeFormat). Used on the server, so that the browser shows what was sent.
import type { Locale } from "./catalogue";

/** How far ahead of UTC the zone's clock is at this instant, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - Math.floor(instant / 1000) * 1000;
}

/** The instant when the zone's clocks show this day ("2026-12-03") and time ("09:30"). */
export function instantOf(day: string, time: string, zone: string): Date {
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  // Twice: the offset at the first guess may differ from the offset at the answer (a clock change between).
  const first = asUtc - offsetAt(asUtc, zone);
  return new Date(asUtc - offsetAt(first, zone));
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "03.12.2026, 09:30 GMT+2": a date and a time of day in the zone, labelled with it, in the page's language. */
export function momentText(at: Date | string, locale: Locale, zone: string): string {
  const key = `${locale} ${zone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
    formats.set(key, format);
  }
  return format.format(typeof at === "string" ? new Date(at) : at);
}

type Stored = Date | string | null | undefined;
const isoOf = (at: Date | string) => (typeof at === "string" && at.length === 10 ? at : new Date(at).toISOString());

/**
 * Each shown instant as words, keyed by its ISO string (what the page receives): a loader names
 * them so that the browser shows what the server sent. Missing values are left out.
 */
export function momentsOf(instants: readonly Stored[], locale: Locale, zone: string): Record<string, string> {
  return Object.fromEntries(instants.filter((at): at is Date | string => Boolean(at)).map((at) => [isoOf(at), momentText(at, locale, zone)]));
}

/** Each shown day (a due date "2026-12-03", or an instant) as words, keyed like momentsOf. */
export function daysOf(days: readonly Stored[], locale: Locale): Record<string, string> {
  return Object.fromEntries(days.filter((day): day is Date | string => Boolean(day)).map((day) => [isoOf(day), dayText(day, locale)]));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "3 снежня 2026": a calendar day (a due date, stored as midnight UTC), in the page's language. */
export function dayText(day: Date | string, locale: Locale): string {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" });
    dayFormats.set(locale, format);
  }
  return format.format(typeof day === "string" ? new Date(day.length === 10 ? `${day}T00:00:00Z` : day) : day);
}

/** The day ("2026-12-03") it is in the zone at this instant. */
export function dayIn(zone: string, at: Date = new Date()): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
