// Which counts a report shows, and the periods it covers.
import { describe, expect, it } from "vitest";
import { following, periodFrom, periodOf, pointsOf, previous } from "~/reports/period";
import { shownCount, shownParts } from "~/reports/suppression";

describe("withholding small counts", () => {
  it("withholds 1 to 4, shows 0 and 5", () => {
    expect([0, 1, 4, 5, 12].map((count) => shownCount(count, 5))).toEqual([0, "fewer", "fewer", 5, 12]);
  });

  it("withholds a second count where the total would give a single one away", () => {
    expect(shownParts([12, 3, 0], 15, 5)).toEqual({ parts: ["withheld", "fewer", 0], total: 15 });
    // The smallest other count goes with it.
    expect(shownParts([20, 3, 7], 30, 5)).toEqual({ parts: [20, "fewer", "withheld"], total: 30 });
    // Two small ones hide each other already.
    expect(shownParts([20, 3, 2], 25, 5)).toEqual({ parts: [20, "fewer", "fewer"], total: 25 });
    // A small total is withheld too.
    expect(shownParts([3, 0], 3, 5)).toEqual({ parts: ["fewer", 0], total: "fewer" });
  });

  it("never lets a withheld count be worked out from the total and the counts shown", () => {
    for (let seed = 1; seed < 500; seed++) {
      const parts = Array.from({ length: 1 + (seed % 5) }, (_, index) => (seed * (index + 7)) % 13);
      const total = parts.reduce((a, b) => a + b, 0);
      const shown = shownParts(parts, total, 5);
      const hidden = shown.parts.filter((part) => typeof part !== "number").length;
      // With a shown total, the hidden counts are never just one.
      if (typeof shown.total === "number") expect(hidden === 0 || hidden >= 2, `${parts}`).toBe(true);
      shown.parts.forEach((part, index) => typeof part === "number" && expect(part).toBe(parts[index]));
    }
  });
});

describe("periods", () => {
  it("months, quarters and years, and the one before and after", () => {
    expect(periodOf("quarter", "2026-08-15")).toEqual({ kind: "quarter", first: "2026-07-01", last: "2026-09-30", next: "2026-10-01" });
    expect(previous(periodOf("month", "2026-03-31"))).toEqual({ kind: "month", first: "2026-02-01", last: "2026-02-28", next: "2026-03-01" });
    expect(following(periodOf("year", "2026-12-31")).first).toBe("2027-01-01");
    expect(previous({ kind: "range", first: "2026-07-10", last: "2026-07-19", next: "2026-07-20" })).toEqual({ kind: "range", first: "2026-06-30", last: "2026-07-09", next: "2026-07-10" });
  });

  it("lines over weeks for a month, over months beyond", () => {
    expect(pointsOf(periodOf("month", "2026-07-01"))).toEqual(["2026-07-01", "2026-07-08", "2026-07-15", "2026-07-22", "2026-07-29"]);
    expect(pointsOf(periodOf("quarter", "2026-07-01"))).toEqual(["2026-07-01", "2026-08-01", "2026-09-01"]);
    expect(pointsOf({ kind: "range", first: "2026-06-15", last: "2026-08-20", next: "2026-08-21" })).toEqual(["2026-06-15", "2026-07-01", "2026-08-01"]);
  });

  it("reads the address: the last full quarter by default, a wrong range refused next to its field", () => {
    expect(periodFrom(new URLSearchParams(), "2026-12-03").period).toMatchObject({ kind: "quarter", first: "2026-07-01" });
    expect(periodFrom(new URLSearchParams("period=month&start=2026-02-14"), "2026-12-03").period).toMatchObject({ first: "2026-02-01", last: "2026-02-28" });
    expect(periodFrom(new URLSearchParams("period=range&from=2026-02-30&to=2026-03-01"), "2026-12-03").problems).toEqual([{ field: "from", message: "report.dayInvalid" }]);
    expect(periodFrom(new URLSearchParams("period=range&from=2010-01-01&to=2026-03-01"), "2026-12-03").problems).toEqual([{ field: "to", message: "report.rangeTooLong" }]);
    expect(periodFrom(new URLSearchParams("period=week&start=2026-02-01"), "2026-12-03")).toMatchObject({ problems: [], period: { kind: "quarter" } });
  });
});
