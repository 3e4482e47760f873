// Counts that cannot identify a person. A count from 1 to under the threshold (REPORT_MIN_CELL,
// 5 by default) is withheld before a loader returns (what a loader returns is in the page's
// source), and reads "fewer than 5" wherever it is shown. Where counts add up to a total that
// is shown, one withheld count could be worked back from the total, so a second count is withheld
// with it (the smallest other one); that one reads "withheld", as it may be any size. Zero is
// shown: it says nobody, about nobody. See docs/decisions/015.

/** A count as it may be shown: a number, "fewer" (than the threshold), or "withheld" (to protect another). */
export type Shown = number | "fewer" | "withheld";

export function isSmall(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}

/** One count on its own (no total beside it that it adds up to). */
export function shownCount(count: number, threshold: number): Shown {
  return isSmall(count, threshold) ? "fewer" : count;
}

/**
 * Counts that add up to `total`, with the total: each under the threshold withheld, a second one
 * where a single one would follow from the total, and the total itself when it is small.
 */
export function shownParts(parts: number[], total: number, threshold: number): { parts: Shown[]; total: Shown } {
  const shown: Shown[] = parts.map((count) => shownCount(count, threshold));
  if (shown.filter((value) => value === "fewer").length === 1) {
    // The smallest other count that is not zero, so that the two together hide each other.
    let second = -1;
    parts.forEach((count, index) => {
      if (typeof shown[index] === "number" && count > 0 && (second < 0 || count < parts[second]!)) second = index;
    });
    if (second >= 0) shown[second] = "withheld";
    // With no other count to pair it with, only the total could give it away: withhold that.
    else return { parts: shown, total: "fewer" };
  }
  return { parts: shown, total: shownCount(total, threshold) };
}
