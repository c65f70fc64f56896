import { describe, expect, it } from 'vitest';
import { hasSchedule, indicatorFrom, missingInIndicators, newPayment, newYearAmount, usualSource, withReading, yearlySums } from './steering';
import type { IndicatorTemplate, Reading } from './bindings';

const r = (date: string, value = 1): Reading => ({ date, value, source: '' });
const vacancy: IndicatorTemplate = {
  code: 'commercial_vacancy', fr: 'Taux de vacance commerciale', en: 'Commercial vacancy rate', unit_fr: '%', unit_en: '%',
  direction: 'down', source_fr: 'Comptage de la commune', source_en: "The town's own count",
};

describe('steering helpers', () => {
  it('puts a reading in date order, after those of the same day, as the core stores them', () => {
    const list = [r('2024-01-01'), r('2025-01-01', 2)];
    expect(withReading(list, r('2024-06-01', 9)).map((x) => x.date)).toEqual(['2024-01-01', '2024-06-01', '2025-01-01']);
    expect(withReading(list, r('2026-01-01')).map((x) => x.date)).toEqual(['2024-01-01', '2025-01-01', '2026-01-01']);
    expect(withReading(list, r('2025-01-01', 3)).map((x) => x.value), 'same day: after').toEqual([1, 2, 3]);
    expect(list, 'the list given is left as it was').toHaveLength(2);
  });

  it('fills an indicator from the shipped list in the user’s language, and says where its figure comes from', () => {
    expect(indicatorFrom(vacancy, 'fr')).toMatchObject({ code: 'commercial_vacancy', label: 'Taux de vacance commerciale', unit: '%', direction: 'down', readings: [] });
    expect(indicatorFrom(vacancy, 'en').label).toBe('Commercial vacancy rate');
    expect(usualSource('commercial_vacancy', [vacancy], 'fr')).toBe('Comptage de la commune');
    expect(usualSource(null, [vacancy], 'fr'), 'one’s own indicator').toBe('');
  });

  it('offers the year after the last one, and the advance first', () => {
    expect(newYearAmount([], 2026).year).toBe(2026);
    expect(newYearAmount([{ year: 2028, nature: 'investment', forecast: 1, actual: null }, { year: 2027, nature: 'operating', forecast: 1, actual: null }], 2026).year).toBe(2029);
    expect(newPayment([]).kind).toBe('advance');
    expect(newPayment([newPayment([])]).kind).toBe('instalment');
  });

  it('edits a payment schedule for an awarded grant, or one that already has one', () => {
    expect(hasSchedule({ status: 'awarded', payments: [], extended_to: null })).toBe(true);
    expect(hasSchedule({ status: 'partially_paid', payments: [], extended_to: null })).toBe(true);
    expect(hasSchedule({ status: 'filed', payments: [], extended_to: null })).toBe(false);
    expect(hasSchedule({ status: 'filed', payments: [newPayment([])], extended_to: null }), 'never hides what is entered').toBe(true);
  });

  it('adds up the yearly amounts in cents', () => {
    expect(
      yearlySums([
        { year: 2026, nature: 'investment', forecast: 0.1, actual: 0.1 },
        { year: 2027, nature: 'investment', forecast: 0.2, actual: null },
        { year: 2027, nature: 'operating', forecast: 45000, actual: 44999.99 },
      ]),
    ).toEqual({ investment: 0.3, operating: 45000, actual: 45000.09 });
  });

  it('names the readings left without a date or a value', () => {
    const ind = { code: null, label: 'x', unit: '', direction: 'up' as const, baseline_value: null, baseline_date: null, target_value: null, target_date: null, readings: [r(''), { date: '2026-01-01', value: null as unknown as number, source: '' }] };
    expect(missingInIndicators([ind])).toEqual({ dates: ['indicators[0].readings[0].date'], values: ['indicators[0].readings[1].value'] });
  });
});
