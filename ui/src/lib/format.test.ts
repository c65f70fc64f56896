import { describe, expect, it } from 'vitest';
import { NONE, formatDate, formatLongDate, formatMoney, formatNumber, formatPercent, parseIsoDate } from './format';

describe('formatMoney', () => {
  it('formats euros in French without decimals', () => {
    const s = formatMoney(1250000, 'fr');
    expect(s).toContain('1');
    expect(s).toContain('250');
    expect(s).toContain('000');
    expect(s).toContain('€');
    // French: group separators are spaces (narrow no-break), the sign comes last
    expect(s.replace(/\s/g, ' ')).toBe('1 250 000 €');
  });

  it('defaults to French', () => {
    expect(formatMoney(1250000)).toBe(formatMoney(1250000, 'fr'));
  });

  it('formats euros in English', () => {
    expect(formatMoney(1250000, 'en')).toBe('€1,250,000');
  });

  it('rounds to whole euros', () => {
    expect(formatMoney(999.6, 'en')).toBe('€1,000');
    expect(formatMoney(0, 'en')).toBe('€0');
  });

  it('shows a dash when unknown', () => {
    expect(formatMoney(null)).toBe(NONE);
    expect(formatMoney(undefined)).toBe('—');
    expect(formatMoney(Number.NaN)).toBe('—');
  });
});

describe('formatDate', () => {
  it('formats a calendar date in French, short month', () => {
    expect(formatDate('2026-11-23', 'fr')).toBe('23 nov. 2026');
    expect(formatDate('2026-02-01', 'fr')).toBe('1 févr. 2026');
  });

  it('formats a calendar date in English', () => {
    expect(formatDate('2026-11-23', 'en')).toBe('23 Nov 2026');
  });

  it('never shifts the day (no time-zone conversion)', () => {
    expect(formatDate('2026-01-01', 'fr')).toBe('1 janv. 2026');
    expect(formatDate('2026-12-31', 'fr')).toBe('31 déc. 2026');
  });

  it('accepts an RFC 3339 timestamp (date part)', () => {
    expect(formatDate('2026-10-01T14:12:00Z', 'fr')).toBe('1 oct. 2026');
  });

  it('shows a dash when missing or invalid', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('not a date')).toBe('—');
    expect(formatDate('2026-02-30')).toBe('—');
  });

  it('parseIsoDate validates', () => {
    expect(parseIsoDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseIsoDate('2025-02-29')).toBeNull();
  });
});

describe('formatNumber', () => {
  it('groups thousands the French way, with a narrow no-break space', () => {
    expect(formatNumber(5523, 'fr')).toBe('5\u202f523');
    expect(formatNumber(1234567)).toBe('1\u202f234\u202f567');
    expect(formatNumber(42, 'fr')).toBe('42');
  });
  it('and the English way', () => {
    expect(formatNumber(5523, 'en')).toBe('5,523');
  });
});

describe('formatLongDate and formatPercent', () => {
  it('words a date the way the core does in sentences', () => {
    expect(formatLongDate('2027-03-14')).toBe('14 mars 2027');
    expect(formatLongDate('2026-12-01'), 'the first of the month').toBe('1er décembre 2026');
    expect(formatLongDate('2027-03-14', 'en')).toBe('14 March 2027');
    expect(formatLongDate(null)).toBe(NONE);
  });
  it('writes a percentage with one decimal at most', () => {
    expect(formatPercent(28.3)).toBe('28,3\u00a0%');
    expect(formatPercent(50)).toBe('50\u00a0%');
    expect(formatPercent(28.3, 'en')).toBe('28.3%');
    expect(formatPercent(null)).toBe(NONE);
  });
});
