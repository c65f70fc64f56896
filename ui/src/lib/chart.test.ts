import { describe, expect, it } from 'vitest';
import { indicatorChart, type ChartBox } from './chart';
import type { Indicator } from './bindings';

/** A 100 × 100 plot at (10, 10): easy figures. */
const box: ChartBox = { width: 120, height: 120, top: 10, right: 10, bottom: 10, left: 10 };

function ind(extra: Partial<Indicator> = {}): Indicator {
  return { code: null, label: 'Logements', unit: 'logements', direction: 'up', baseline_value: null, baseline_date: null, target_value: null, target_date: null, readings: [], ...extra };
}

describe('indicatorChart', () => {
  it('places readings by date and value, with the baseline and the target as reference lines', () => {
    // Baseline 0 on 2024-01-01, target 100 on 2024-01-11: 10 days over 100 units of
    // width; values widened by a tenth on each side (−10 … 110 over 100 units of height),
    // so y(v) = 10 + (110 − v) / 120 × 100.
    const g = indicatorChart(
      ind({
        baseline_value: 0,
        baseline_date: '2024-01-01',
        target_value: 100,
        target_date: '2024-01-11',
        readings: [
          { date: '2024-01-06', value: 50, source: 'comptage' },
          { date: '2024-01-02', value: 10, source: '' },
        ],
      }),
      box,
    );
    expect(g.points.map((p) => [p.date, p.x, p.y]), 'in date order, x by day, y by value').toEqual([
      ['2024-01-02', 20, 93.3],
      ['2024-01-06', 60, 60],
    ]);
    expect(g.points[1]!.source, 'each point keeps its source').toBe('comptage');
    expect(g.path, 'one line through the points').toBe('M20 93.3 L60 60');
    expect(g.baseline, 'the baseline across the plot, marked at its date').toEqual({ value: 0, y: 101.7, x1: 10, x2: 110, at: { x: 10, y: 101.7 } });
    expect(g.target, 'the target too').toEqual({ value: 100, y: 18.3, x1: 10, x2: 110, at: { x: 110, y: 18.3 } });
    expect([g.yMin, g.yMax], 'a margin around the values').toEqual([-10, 110]);
    expect(g.xLabels, 'the first and last dates of the axis').toEqual([
      { x: 10, date: '2024-01-01' },
      { x: 110, date: '2024-01-11' },
    ]);
  });

  it('keeps the target inside the plot when it is below every reading (direction down)', () => {
    const g = indicatorChart(
      ind({ direction: 'down', baseline_value: 18.5, target_value: 12, readings: [{ date: '2023-06-30', value: 17, source: '' }, { date: '2026-06-30', value: 14.1, source: '' }] }),
      box,
    );
    const ys = [...g.points.map((p) => p.y), g.baseline!.y, g.target!.y];
    for (const y of ys) expect(y, 'within the plot').toBeGreaterThanOrEqual(10);
    for (const y of ys) expect(y, 'within the plot').toBeLessThanOrEqual(110);
    expect(g.target!.y, 'the lower value is lower on the chart').toBeGreaterThan(g.baseline!.y);
    expect(g.baseline!.at, 'an undated baseline has no mark').toBeNull();
  });

  it('draws no point and no line without readings, but still the reference lines', () => {
    const g = indicatorChart(ind({ baseline_value: 0, baseline_date: '2026-01-19', target_value: 12, target_date: '2027-12-31' }), box);
    expect(g.points).toEqual([]);
    expect(g.path).toBe('');
    expect(g.baseline?.value).toBe(0);
    expect(g.target?.value).toBe(12);
  });

  it('draws nothing at all for an empty indicator, without dividing by zero', () => {
    const g = indicatorChart(ind(), box);
    expect(g.points).toEqual([]);
    expect(g.baseline).toBeNull();
    expect(g.target).toBeNull();
    expect(g.xLabels).toEqual([]);
    expect([g.yMin, g.yMax].every(Number.isFinite), 'a usable scale').toBe(true);
  });

  it('centres a single reading (one date, one value) and draws no line', () => {
    const g = indicatorChart(ind({ readings: [{ date: '2025-06-30', value: 17, source: '' }] }), box);
    expect(g.points).toEqual([{ x: 60, y: 60, date: '2025-06-30', value: 17, source: '' }]);
    expect(g.path, 'a line needs two points').toBe('');
    expect(g.xLabels, 'one date on the axis').toEqual([{ x: 60, date: '2025-06-30' }]);
    expect(g.yMin).toBeLessThan(17);
    expect(g.yMax).toBeGreaterThan(17);
  });

  it('gives a band to a value that never changes, even zero', () => {
    const g = indicatorChart(ind({ baseline_value: 0, target_value: 0, readings: [{ date: '2025-01-01', value: 0, source: '' }, { date: '2026-01-01', value: 0, source: '' }] }), box);
    expect([g.yMin, g.yMax]).toEqual([-1, 1]);
    expect(g.points.map((p) => p.y), 'in the middle').toEqual([60, 60]);
  });

  it('leaves out a reading that has no date or no usable value yet (being typed)', () => {
    const g = indicatorChart(
      ind({
        readings: [
          { date: '', value: 3, source: '' },
          { date: '2025-01-01', value: Number.NaN, source: '' },
          { date: '2025-02-01', value: 4, source: '' },
        ],
      }),
      box,
    );
    expect(g.points.map((p) => p.date)).toEqual(['2025-02-01']);
  });
});
