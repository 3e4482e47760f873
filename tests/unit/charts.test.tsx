// Every chart, rendered as the server renders it: an <svg> named by a <title>, no script, no
// style attribute (the CSP allows neither), and bars whose lengths are in proportion to the
// numbers passed in; a count not shown is a mark of one size, whatever it stands for.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, FunnelChart, LineChart, StackedBarChart } from "~/reports/charts";

const frame = { id: "chart", title: "Help requests by urgency", summary: "Largest: Normal, 30.", words: { fewer: "fewer than 5", withheld: "withheld" } };

/** The drawn <rect>s of a class, with their widths, in order. */
function rects(markup: string, className: string): { x: number; width: number }[] {
  return [...markup.matchAll(/<rect ([^>]*)>/g)]
    .map((match) => match[1]!)
    .filter((attributes) => new RegExp(`class="${className}"`).test(attributes))
    .map((attributes) => ({ x: Number(/ x="([^"]+)"/.exec(` ${attributes}`)![1]), width: Number(/width="([^"]+)"/.exec(attributes)![1]) }));
}

function expectSafeSvg(markup: string) {
  expect(markup).toMatch(/^<figure class="chart"><svg [^>]*role="img"[^>]*><title id="chart-title">Help requests by urgency<\/title><desc id="chart-desc">/);
  expect(markup).not.toMatch(/<script/i);
  expect(markup).not.toMatch(/\sstyle=/i);
  expect(markup).not.toMatch(/\son[a-z]+=/i);
}

describe("charts", () => {
  it("bars: lengths in proportion to the counts; a withheld count is a fixed mark that says so", () => {
    const markup = renderToStaticMarkup(
      <BarChart
        {...frame}
        bars={[
          { label: "Urgent", value: 10 },
          { label: "Normal", value: 30 },
          { label: "Low", value: 15 },
          { label: "Other", value: "fewer" },
        ]}
      />,
    );
    expectSafeSvg(markup);
    const [urgent, normal, low] = rects(markup, "bar");
    expect(normal!.width / urgent!.width).toBeCloseTo(3, 6);
    expect(low!.width / urgent!.width).toBeCloseTo(1.5, 6);
    expect(markup).toContain("fewer than 5");
    // The same mark for a withheld count beside any other counts.
    const other = renderToStaticMarkup(<BarChart {...frame} bars={[{ label: "Other", value: "fewer" }, { label: "Urgent", value: 1000 }]} />);
    expect(rects(other, "bar-withheld")).toEqual(rects(markup, "bar-withheld"));
  });

  it("stacked bars: each part as long as its count, on one scale across the rows", () => {
    const markup = renderToStaticMarkup(
      <StackedBarChart
        {...frame}
        keys={["Achieved", "Ongoing", "Not achieved"]}
        rows={[
          { label: "Housing", parts: [6, 12, 0] },
          { label: "Medical", parts: [9, "withheld", "fewer"] },
        ]}
      />,
    );
    expectSafeSvg(markup);
    const [housingAchieved, medicalAchieved] = rects(markup, "part part-0").slice(1);
    const [housingOngoing] = rects(markup, "part part-1").slice(1);
    expect(housingOngoing!.width / housingAchieved!.width).toBeCloseTo(2, 6);
    expect(medicalAchieved!.width / housingAchieved!.width).toBeCloseTo(1.5, 6);
    // The ongoing part starts where the achieved one ends.
    expect(housingOngoing!.x).toBeCloseTo(housingAchieved!.x + housingAchieved!.width, 6);
    expect(rects(markup, "bar-withheld")).toHaveLength(1);
    expect(markup).toContain("withheld");
  });

  it("lines: each point's height in proportion to its count; a withheld point breaks the line at the base", () => {
    const markup = renderToStaticMarkup(
      <LineChart
        {...frame}
        pointLabels={["Jul", "Aug", "Sep"]}
        lines={[
          { label: "This period", values: [10, 20, "fewer"] },
          { label: "Before", values: [5, 0, 15] },
        ]}
      />,
    );
    expectSafeSvg(markup);
    const points = [...markup.matchAll(/<circle cx="([^"]+)" cy="([^"]+)"/g)].map((match) => Number(match[2]));
    // The base line: the y of a count of 0 (the second line's second point).
    const base = points[3]!;
    const height = (y: number) => base - y;
    expect(height(points[1]!) / height(points[0]!)).toBeCloseTo(2, 6);
    expect(height(points[4]!) / height(points[2]!)).toBeCloseTo(3, 6);
    expect(points).toHaveLength(5);
    expect(markup.match(/class="point-withheld"/g)).toHaveLength(1);
    // Two paths; the first stops before the withheld point (one segment: M then one L).
    const [first] = [...markup.matchAll(/<path d="([^"]*)" class="series series-0"/g)].map((match) => match[1]!);
    expect(first!.match(/[ML]/g)).toEqual(["M", "L"]);
  });

  it("funnel: each step as long as its count", () => {
    const markup = renderToStaticMarkup(
      <FunnelChart
        {...frame}
        steps={[
          { label: "Sent", value: 40 },
          { label: "Accepted", value: 30 },
          { label: "Completed", value: "fewer" },
        ]}
      />,
    );
    expectSafeSvg(markup);
    const sent = rects(markup, "bar step-0")[0]!;
    const accepted = rects(markup, "bar step-1")[0]!;
    expect(accepted.width / sent.width).toBeCloseTo(0.75, 6);
    expect(rects(markup, "bar-withheld")).toHaveLength(1);
    expect(markup).toContain("Completed: fewer than 5");
  });
});
