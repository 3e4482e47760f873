// Charts drawn on the server as SVG, with d3-scale and d3-shape for the geometry and JSX for the
// markup: no script, no style attribute (the CSP allows neither), colours from CSS classes
// (app.css, also for forced colours and print). Each has a <title> and a text summary, and the
// page puts the same numbers in a table beneath it (Tor Browser's safest mode shows no SVG).
// A withheld count ("fewer" than 5, or "withheld" to protect another) is drawn as a marked bar or
// point of one fixed size, never from its number.
import { scaleBand, scaleLinear } from "d3-scale";
import { line, stack } from "d3-shape";
import type { Shown } from "./suppression";

// Drawn in a 320-unit wide box that the CSS scales to the page: 1:1 on a phone.
const WIDTH = 320;
const WITHHELD_WIDTH = 10;

/** The words for a count not shown: "fewer than 5", "withheld". */
export type Words = Record<Exclude<Shown, number>, string>;
type Frame = { id: string; title: string; summary: string; words: Words };

/** The outer <svg>: named by its title and described by its summary. */
function ChartFrame({ id, title, summary, height, children }: Omit<Frame, "words"> & { height: number; children: React.ReactNode }) {
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {children}
      </svg>
      <figcaption className="chart-summary">{summary}</figcaption>
    </figure>
  );
}

export type Bar = { label: string; value: Shown };

/** Bars side by side (lying down, so that their labels read on a phone), each labelled and valued. */
export function BarChart({ bars, words, ...frame }: Frame & { bars: Bar[] }) {
  const ROW = 34;
  const height = Math.max(bars.length, 1) * ROW + 4;
  const largest = Math.max(1, ...bars.map((bar) => measured(bar.value)));
  const length = scaleLinear().domain([0, largest]).range([0, WIDTH - 70]);
  return (
    <ChartFrame {...frame} height={height}>
      {bars.map((bar, index) => {
        const y = index * ROW;
        return (
          <g key={bar.label} className="chart-row">
            <text x={0} y={y + 12} className="chart-label">
              {bar.label}
            </text>
            {typeof bar.value !== "number" ? (
              <Withheld x={0} y={y + 16} text={words[bar.value]} />
            ) : (
              <>
                <rect x={0} y={y + 16} width={length(bar.value)} height={12} className="bar" />
                <text x={length(bar.value) + 4} y={y + 26} className="chart-value">
                  {bar.value}
                </text>
              </>
            )}
          </g>
        );
      })}
    </ChartFrame>
  );
}

/** What a count adds to the drawing: its number, or nothing when it is not shown. */
function measured(value: Shown): number {
  return typeof value === "number" ? value : 0;
}

/** A count not shown: one fixed-size, dashed mark, and its words ("fewer than 5"). */
function Withheld({ x, y, text }: { x: number; y: number; text: string }) {
  return (
    <>
      <rect x={x} y={y} width={WITHHELD_WIDTH} height={12} className="bar-withheld" />
      <text x={x + WITHHELD_WIDTH + 4} y={y + 10} className="chart-value">
        {text}
      </text>
    </>
  );
}

export type StackedRow = { label: string; parts: Shown[] };

/** Each row's parts one after another (goals per track: achieved, ongoing, not achieved). */
export function StackedBarChart({ rows, keys, words, ...frame }: Frame & { rows: StackedRow[]; keys: string[] }) {
  const ROW = 34;
  const LEGEND = 20;
  const height = LEGEND + Math.max(rows.length, 1) * ROW + 4;
  // Withheld parts are stacked as nothing and marked after the measured ones.
  const data = rows.map((row) => Object.fromEntries(row.parts.map((part, index) => [String(index), measured(part)])));
  const series = stack<Record<string, number>>().keys(keys.map((_, index) => String(index)))(data);
  const largest = Math.max(1, ...rows.map((row) => row.parts.reduce<number>((sum, part) => sum + measured(part), 0)));
  const length = scaleLinear().domain([0, largest]).range([0, WIDTH - 90]);
  const legend = scaleBand<number>().domain(keys.map((_, index) => index)).range([0, WIDTH]);
  return (
    <ChartFrame {...frame} height={height}>
      <g className="chart-legend">
        {keys.map((key, index) => (
          <g key={key}>
            <rect x={legend(index)} y={2} width={10} height={10} className={`part part-${index}`} />
            <text x={legend(index)! + 14} y={11} className="chart-value">
              {key}
            </text>
          </g>
        ))}
      </g>
      {rows.map((row, rowIndex) => {
        const y = LEGEND + rowIndex * ROW;
        const end = length(series.at(-1)?.[rowIndex]?.[1] ?? 0);
        const hidden = row.parts.find((part): part is Exclude<Shown, number> => typeof part !== "number");
        return (
          <g key={row.label} className="chart-row">
            <text x={0} y={y + 12} className="chart-label">
              {row.label}
            </text>
            {series.map((part, index) => {
              const [from, to] = part[rowIndex]!;
              return to > from ? <rect key={index} x={length(from)} y={y + 16} width={length(to) - length(from)} height={12} className={`part part-${index}`} /> : null;
            })}
            {hidden ? <Withheld x={end + (end ? 2 : 0)} y={y + 16} text={words[hidden]} /> : null}
          </g>
        );
      })}
    </ChartFrame>
  );
}

export type Line = { label: string; values: Shown[] };

/**
 * Lines over time (this period and the one before), point by point. A withheld point breaks the
 * line and is marked on the base line.
 */
export function LineChart({ lines, pointLabels, words, ...frame }: Frame & { lines: Line[]; pointLabels: string[] }) {
  const [top, bottom, left, right] = [24, 150, 28, 8];
  const points = Math.max(2, ...lines.map((one) => one.values.length));
  const largest = Math.max(1, ...lines.flatMap((one) => one.values.map(measured)));
  const x = scaleLinear().domain([0, points - 1]).range([left, WIDTH - right]);
  const y = scaleLinear().domain([0, largest]).nice().range([bottom, top]);
  const path = line<Shown>()
    .defined((value) => typeof value === "number")
    .x((_, index) => x(index))
    .y((value) => y(measured(value)));
  // A label every few points, so that they do not run into each other.
  const every = Math.ceil(pointLabels.length / 4);
  return (
    <ChartFrame {...frame} height={bottom + 30}>
      <g className="chart-legend">
        {lines.map((one, index) => (
          <g key={one.label}>
            <line x1={left + index * 150} x2={left + index * 150 + 16} y1={8} y2={8} className={`series series-${index}`} />
            <text x={left + index * 150 + 20} y={12} className="chart-value">
              {one.label}
            </text>
          </g>
        ))}
      </g>
      {y.ticks(4).map((tick) => (
        <g key={tick} className="chart-grid">
          <line x1={left} x2={WIDTH - right} y1={y(tick)} y2={y(tick)} />
          <text x={left - 4} y={y(tick) + 4} className="chart-tick" textAnchor="end">
            {tick}
          </text>
        </g>
      ))}
      {pointLabels.map((label, index) =>
        index % every === 0 ? (
          <text key={label} x={x(index)} y={bottom + 14} className="chart-tick" textAnchor={index === 0 ? "start" : index === pointLabels.length - 1 ? "end" : "middle"}>
            {label}
          </text>
        ) : null,
      )}
      {lines.map((one, index) => (
        <g key={one.label}>
          <path d={path(one.values) ?? ""} className={`series series-${index}`} />
          {one.values.map((value, point) =>
            typeof value !== "number" ? (
              <rect key={point} x={x(point) - 3} y={bottom - 3} width={6} height={6} className="point-withheld">
                <title>{words[value]}</title>
              </rect>
            ) : (
              <circle key={point} cx={x(point)} cy={y(value)} r={2.5} className={`point series-${index}`} />
            ),
          )}
        </g>
      ))}
      <text x={left} y={bottom + 28} className="chart-tick">
        {lines.some((one) => one.values.some((value) => typeof value !== "number")) ? `▫ ${words.fewer} / ${words.withheld}` : ""}
      </text>
    </ChartFrame>
  );
}

export type Step = { label: string; value: Shown };

/** A funnel: each step a bar centred under the one before (sent → accepted → completed). */
export function FunnelChart({ steps, words, ...frame }: Frame & { steps: Step[] }) {
  const ROW = 34;
  const largest = Math.max(1, ...steps.map((step) => measured(step.value)));
  const length = scaleLinear().domain([0, largest]).range([0, WIDTH - 20]);
  return (
    <ChartFrame {...frame} height={steps.length * ROW + 4}>
      {steps.map((step, index) => {
        const y = index * ROW;
        const width = typeof step.value !== "number" ? WITHHELD_WIDTH : length(step.value);
        const x = (WIDTH - width) / 2;
        return (
          <g key={step.label} className="chart-row">
            <text x={WIDTH / 2} y={y + 12} className="chart-label" textAnchor="middle">
              {step.label}: {typeof step.value === "number" ? step.value : words[step.value]}
            </text>
            {typeof step.value !== "number" ? <rect x={x} y={y + 16} width={WITHHELD_WIDTH} height={12} className="bar-withheld" /> : <rect x={x} y={y + 16} width={width} height={12} className={`bar step-${index}`} />}
          </g>
        );
      })}
    </ChartFrame>
  );
}
