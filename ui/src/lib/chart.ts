// The geometry of an indicator's small chart: where each reading, the
// baseline and the target fall in the SVG box. Pure arithmetic of display
// (dates to x, values to y); the progress itself is the core's.
import type { Indicator } from './bindings';
import { parseIsoDate } from './format';

/** The drawing box, in SVG user units: its size and the margins around the plot. */
export type ChartBox = { width: number; height: number; top: number; right: number; bottom: number; left: number };

export const CHART_BOX: ChartBox = { width: 360, height: 170, top: 18, right: 12, bottom: 24, left: 12 };

export type ChartPoint = { x: number; y: number; date: string; value: number; source: string };

/** A horizontal reference line (baseline or target) across the plot, and its dated mark when it has a date. */
export type RefLine = { value: number; y: number; x1: number; x2: number; at: { x: number; y: number } | null };

export type ChartGeometry = {
  box: ChartBox;
  /** The readings in date order (undated or unusable readings are left out). */
  points: ChartPoint[];
  /** The line through the points ("M x y L x y …"); empty below two points. */
  path: string;
  baseline: RefLine | null;
  target: RefLine | null;
  /** The values at the bottom and the top of the plot. */
  yMin: number;
  yMax: number;
  /** The first and last dates of the x axis, with their x (none when nothing is dated). */
  xLabels: { x: number; date: string }[];
};

const DAY_MS = 86_400_000;
const round = (n: number) => Math.round(n * 10) / 10;

function dayOf(date: string | null | undefined): number | null {
  if (!date) return null;
  const d = parseIsoDate(date);
  return d ? Math.round(d.getTime() / DAY_MS) : null;
}

const usable = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Places an indicator's readings, baseline and target in `box`.
 * - x runs from the earliest to the latest of the readings', baseline's and
 *   target's dates; with a single date (or none) everything is centred.
 * - y runs over every value with a margin; equal values get a band around
 *   them so the line sits in the middle rather than on an edge.
 */
export function indicatorChart(
  ind: Pick<Indicator, 'baseline_value' | 'baseline_date' | 'target_value' | 'target_date' | 'readings'>,
  box: ChartBox = CHART_BOX,
): ChartGeometry {
  const readings = ind.readings
    .filter((r) => usable(r.value) && dayOf(r.date) !== null)
    .map((r) => ({ ...r, day: dayOf(r.date)! }))
    .sort((a, b) => a.day - b.day);

  const days = [...readings.map((r) => r.day), dayOf(ind.baseline_date), dayOf(ind.target_date)].filter((d): d is number => d !== null);
  const dMin = days.length ? Math.min(...days) : 0;
  const dMax = days.length ? Math.max(...days) : 0;
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const x = (day: number) => round(dMax === dMin ? box.left + plotW / 2 : box.left + ((day - dMin) / (dMax - dMin)) * plotW);

  const values = [...readings.map((r) => r.value), ind.baseline_value, ind.target_value].filter(usable);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (hi === lo) {
    const pad = Math.abs(lo) * 0.1 || 1;
    lo -= pad;
    hi += pad;
  } else {
    const pad = (hi - lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const y = (v: number) => round(box.top + ((hi - v) / (hi - lo)) * plotH);

  const points = readings.map((r) => ({ x: x(r.day), y: y(r.value), date: r.date, value: r.value, source: r.source }));
  const path = points.length < 2 ? '' : points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');

  const ref = (value: number | null, date: string | null): RefLine | null => {
    if (!usable(value)) return null;
    const day = dayOf(date);
    return { value, y: y(value), x1: box.left, x2: box.width - box.right, at: day === null ? null : { x: x(day), y: y(value) } };
  };

  const dated = [...readings.map((r) => ({ day: r.day, date: r.date })), { day: dayOf(ind.baseline_date), date: ind.baseline_date }, { day: dayOf(ind.target_date), date: ind.target_date }].filter(
    (d): d is { day: number; date: string } => d.day !== null && !!d.date,
  );
  const first = dated.reduce<{ day: number; date: string } | null>((a, d) => (a === null || d.day < a.day ? d : a), null);
  const last = dated.reduce<{ day: number; date: string } | null>((a, d) => (a === null || d.day > a.day ? d : a), null);
  const xLabels = first === null ? [] : first.day === last!.day ? [{ x: x(first.day), date: first.date }] : [first, last!].map((d) => ({ x: x(d.day), date: d.date }));

  return {
    box,
    points,
    path,
    baseline: ref(ind.baseline_value, ind.baseline_date),
    target: ref(ind.target_value, ind.target_date),
    yMin: lo,
    yMax: hi,
    xLabels,
  };
}
