import { describe, expect, it } from 'vitest';
import { decimalInputText, moneyInputText, parseDecimal, parseMoney, parsePercent, percentInputText } from './money';

describe('parseMoney (French)', () => {
  it('reads French grouping and decimal comma', () => {
    expect(parseMoney('1 250 000,50'), 'spaces group thousands, comma is the decimal mark').toEqual({ ok: true, value: 1250000.5 });
    expect(parseMoney('1\u202f250\u202f000 €'), 'narrow no-break spaces and the euro sign as printed').toEqual({ ok: true, value: 1250000 });
    expect(parseMoney('1\u00a0250,5'), 'no-break space, one decimal').toEqual({ ok: true, value: 1250.5 });
  });

  it('accepts a plain number with a dot, like the core', () => {
    expect(parseMoney('1250000.5'), 'the core reads a dot as decimal mark too').toEqual({ ok: true, value: 1250000.5 });
    expect(parseMoney('42'), 'whole euros').toEqual({ ok: true, value: 42 });
  });

  it('reads empty text as no amount', () => {
    expect(parseMoney(''), 'an emptied box clears the amount').toEqual({ ok: true, value: null });
    expect(parseMoney('   '), 'only spaces is empty too').toEqual({ ok: true, value: null });
  });

  it('refuses what it would have to guess', () => {
    for (const bad of ['abc', '12,345,6', '1,234', '1.2.3', '12,3456', '1e6', '€', '--5', '5-']) {
      // "1,234" in French has three decimals: refused rather than read as 1234.
      expect(parseMoney(bad).ok, `"${bad}" is not an amount in euros`).toBe(false);
    }
  });

  it('keeps cents exact', () => {
    expect(parseMoney('0,10'), 'ten cents').toEqual({ ok: true, value: 0.1 });
    expect(parseMoney('1234567890,12'), 'large amount with cents, no float drift').toEqual({ ok: true, value: 1234567890.12 });
  });

  it('passes a minus sign on for the core to judge', () => {
    expect(parseMoney('-100'), 'negative amounts are the core validation’s business').toEqual({ ok: true, value: -100 });
  });
});

describe('parseMoney (English)', () => {
  it('reads commas as thousands separators', () => {
    expect(parseMoney('1,250,000.50', 'en'), 'English grouping').toEqual({ ok: true, value: 1250000.5 });
    expect(parseMoney('€1,250,000', 'en'), 'as formatMoney prints it').toEqual({ ok: true, value: 1250000 });
    expect(parseMoney('1250000', 'en'), 'no grouping').toEqual({ ok: true, value: 1250000 });
  });

  it('refuses misplaced commas', () => {
    expect(parseMoney('12,50', 'en').ok, 'a comma not followed by three digits is not grouping').toBe(false);
  });
});

describe('moneyInputText', () => {
  it('round-trips through parseMoney', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const v of [0, 5, 1250000, 1250000.5, 99.99, 1234567890.12]) {
        expect(parseMoney(moneyInputText(v, lang), lang), `${v} in ${lang} reads back as itself`).toEqual({ ok: true, value: v });
      }
    }
  });

  it('writes French groups with plain spaces and cents only when present', () => {
    expect(moneyInputText(1250000, 'fr'), 'editable plain spaces').toBe('1 250 000');
    expect(moneyInputText(1250000.5, 'fr'), 'two decimals when there are cents').toBe('1 250 000,50');
    expect(moneyInputText(null), 'no amount is an empty box').toBe('');
  });
});

describe('percentages', () => {
  it('parse and print in both conventions', () => {
    expect(parsePercent('12,5'), 'decimal comma').toEqual({ ok: true, value: 12.5 });
    expect(parsePercent('80 %'), 'percent sign allowed').toEqual({ ok: true, value: 80 });
    expect(parsePercent(''), 'empty is no rate').toEqual({ ok: true, value: null });
    expect(parsePercent('quatre-vingts').ok, 'words are refused').toBe(false);
    expect(percentInputText(12.5, 'fr'), 'French decimal comma').toBe('12,5');
    expect(percentInputText(12.5, 'en'), 'English decimal point').toBe('12.5');
  });
});

describe('parseDecimal (measured values)', () => {
  it('reads French and English numbers, with grouping and decimals', () => {
    expect(parseDecimal('14,1'), 'French decimal comma').toEqual({ ok: true, value: 14.1 });
    expect(parseDecimal('1 400'), 'grouped').toEqual({ ok: true, value: 1400 });
    expect(parseDecimal('1\u202f400,5'), 'narrow no-break space').toEqual({ ok: true, value: 1400.5 });
    expect(parseDecimal('-2,5'), 'below zero').toEqual({ ok: true, value: -2.5 });
    expect(parseDecimal('1,400.5', 'en'), 'English grouping').toEqual({ ok: true, value: 1400.5 });
    expect(parseDecimal('  '), 'empty is no value').toEqual({ ok: true, value: null });
  });
  it('refuses what is not a number rather than guessing', () => {
    for (const bad of ['douze', '1,2,3', '12 %', '1e5', '1.400,5']) expect(parseDecimal(bad).ok, bad).toBe(false);
    expect(parseDecimal('1,4', 'en').ok, 'a comma is not a decimal point in English').toBe(false);
  });
  it('writes a value back the way it is read', () => {
    expect(decimalInputText(1400.5, 'fr')).toBe('1 400,5');
    expect(decimalInputText(14.1, 'en')).toBe('14.1');
    expect(decimalInputText(null)).toBe('');
    expect(parseDecimal(decimalInputText(12345.678, 'fr'))).toEqual({ ok: true, value: 12345.678 });
  });
});
