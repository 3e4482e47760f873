// The name comparison against the labelled pairs (tests/fixtures/name-pairs.ts): precision
// (of the pairs it calls one person, how many are) and recall (of the pairs that are one
// person, how many it finds) must each be at least 0.95.
import { describe, expect, it } from "vitest";
import { compareNames } from "~/persons/duplicates.server";
import { NAME_PAIRS } from "../fixtures/name-pairs";

describe("the labelled name pairs", () => {
  it("are enough, and of both kinds", () => {
    expect(NAME_PAIRS.length).toBeGreaterThanOrEqual(80);
    expect(NAME_PAIRS.filter((pair) => !pair.same).length).toBeGreaterThanOrEqual(20);
  });

  it("are told apart with precision and recall of at least 0.95", () => {
    const called = NAME_PAIRS.map((pair) => ({ ...pair, called: compareNames(pair.a, pair.b) !== null }));
    const truePositives = called.filter((pair) => pair.same && pair.called).length;
    const falsePositives = called.filter((pair) => !pair.same && pair.called);
    const missed = called.filter((pair) => pair.same && !pair.called);
    const precision = truePositives / (truePositives + falsePositives.length);
    const recall = truePositives / (truePositives + missed.length);
    console.log(
      `name pairs: ${NAME_PAIRS.length}; precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n` +
        [...falsePositives.map((p) => `  taken for one person: ${p.a} / ${p.b} (${p.why})`), ...missed.map((p) => `  missed: ${p.a} / ${p.b} (${p.why})`)].join("\n"),
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
