import { describe, expect, it } from 'vitest';
import type { ExpenseLine } from './bindings';
import { afterFundingMoved, afterFundingRemoved, inclVatOf, isEligible, newExpenseLine, remapIneligible, vatOf, withEligibility } from './expenses';

const line = (amount: number, rate: number, ineligible: number[] = []): ExpenseLine => ({
  category: 'works',
  label: 'Travaux',
  amount_excl_vat: amount,
  vat_rate_percent: rate,
  ineligible_for: ineligible,
});

describe('the VAT of an expense line', () => {
  // The core's own cases (core/src/model/expense.rs, vat_is_rounded_to_the_cent).
  it('is rounded to the cent as the core rounds it', () => {
    expect(vatOf(line(1234.57, 5.5)), '1 234,57 € × 5,5 % = 67,90135 € → 67,90 €').toBe(67.9);
    expect(vatOf(line(0.05, 10)), '0,005 € rounds half away from zero to 0,01 €').toBe(0.01);
    expect(inclVatOf(line(850000, 20)), '850 000 € HT at 20 % is 1 020 000 € TTC').toBe(1020000);
    expect(vatOf(line(10, 0)), 'no VAT at 0 %').toBe(0);
  });

  it('keeps exact cents on large amounts and odd rates', () => {
    expect(vatOf(line(99_999_999_999.99, 2.1)), 'no floating-point drift near the ceiling').toBe(2_100_000_000);
    expect(inclVatOf(line(0.1, 20)), '0,10 € + 0,02 €').toBe(0.12);
    expect(vatOf(line(-100, 20)), 'a negative amount (refused by the core) still rounds symmetrically').toBe(-20);
  });

  it('starts a new line on works at 20 %, eligible to all', () => {
    expect(newExpenseLine()).toEqual({ category: 'works', label: '', amount_excl_vat: 0, vat_rate_percent: 20, ineligible_for: [] });
  });
});

describe('eligibility', () => {
  it('is ticked by default and unticked by listing the funding line', () => {
    const l = withEligibility(line(1, 20), 2, false);
    expect(l.ineligible_for, 'position 2 listed').toEqual([2]);
    expect(isEligible(l, 2), 'not eligible to funding line 3').toBe(false);
    expect(isEligible(l, 0), 'still eligible to the others').toBe(true);
    expect(withEligibility(withEligibility(l, 0, false), 2, true).ineligible_for, 'sorted, each once').toEqual([0]);
  });
});

describe('when funding lines change places', () => {
  it('drops a removed funding line and moves the later ones up', () => {
    const lines = [line(1, 20, [0, 2, 3]), line(2, 20, [1]), line(3, 20)];
    expect(afterFundingRemoved(lines, 1).map((l) => l.ineligible_for), 'line 2 removed: 2→1, 3→2; its own position goes').toEqual([[0, 1, 2], [], []]);
    expect(afterFundingRemoved(lines, 3).map((l) => l.ineligible_for), 'the last removed: nothing shifts').toEqual([[0, 2], [1], []]);
    expect(lines[0]!.ineligible_for, 'the input is left untouched').toEqual([0, 2, 3]);
  });

  it('follows a moved funding line', () => {
    const lines = [line(1, 20, [0]), line(2, 20, [2]), line(3, 20, [1, 3])];
    // Funding line 1 moved to the third place: 1→3rd, 2nd→1st, 3rd→2nd.
    expect(afterFundingMoved(lines, 0, 2).map((l) => l.ineligible_for)).toEqual([[2], [1], [0, 3]]);
    // And back.
    expect(afterFundingMoved(afterFundingMoved(lines, 0, 2), 2, 0).map((l) => l.ineligible_for), 'a move and its reverse cancel out').toEqual(
      lines.map((l) => l.ineligible_for),
    );
  });

  it('remaps any permutation, keeping positions sorted and unique', () => {
    const swapped = remapIneligible([line(1, 20, [0, 1])], (p) => (p === 0 ? 1 : p === 1 ? 0 : p));
    expect(swapped[0]!.ineligible_for).toEqual([0, 1]);
    const merged = remapIneligible([line(1, 20, [0, 1])], () => 0);
    expect(merged[0]!.ineligible_for, 'never listed twice').toEqual([0]);
  });
});
