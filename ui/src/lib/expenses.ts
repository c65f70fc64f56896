// The expense side of the funding plan (*postes de dépenses*) as the page
// edits it: a new line, the VAT of a line for display, and keeping each
// line's `ineligible_for` (positions in the funding lines) true when a
// funding line is removed or moved. The project's cost and each funding
// line's eligible base are derived by the core from these lines.
import type { ExpenseLine } from './bindings';

/** The rates offered in the rate list (the core accepts any rate 0–100 with two decimals). */
export const VAT_RATES: readonly number[] = [20, 10, 5.5, 2.1, 0];

/** A new line: works, eligible to every funder, at the standard rate (20 %). */
export function newExpenseLine(): ExpenseLine {
  return { category: 'works', label: '', amount_excl_vat: 0, vat_rate_percent: 20, ineligible_for: [] };
}

/**
 * The VAT of a line in euros, rounded to the cent half away from zero, the
 * way the core rounds each line (`ExpenseLine::vat`), so that the row shows
 * what the core adds up. Integer arithmetic on cents and hundredths of a
 * percent: no floating-point drift.
 */
export function vatOf(line: Pick<ExpenseLine, 'amount_excl_vat' | 'vat_rate_percent'>): number {
  if (!Number.isFinite(line.amount_excl_vat) || !Number.isFinite(line.vat_rate_percent)) return 0;
  const cents = BigInt(Math.round(line.amount_excl_vat * 100));
  const bp = BigInt(Math.round(line.vat_rate_percent * 100));
  const num = cents * bp;
  const abs = num < 0n ? -num : num;
  const q = (abs + 5000n) / 10000n;
  return Number(num < 0n ? -q : q) / 100;
}

/** The amount including VAT of a line, in euros (HT + its rounded VAT). */
export function inclVatOf(line: Pick<ExpenseLine, 'amount_excl_vat' | 'vat_rate_percent'>): number {
  const cents = Math.round(line.amount_excl_vat * 100) + Math.round(vatOf(line) * 100);
  return cents / 100;
}

/** True when the funding line at `position` may count this expense. */
export function isEligible(line: ExpenseLine, position: number): boolean {
  return !line.ineligible_for.includes(position);
}

/** The line with its eligibility to the funding line at `position` set (positions kept sorted). */
export function withEligibility(line: ExpenseLine, position: number, eligible: boolean): ExpenseLine {
  const others = line.ineligible_for.filter((p) => p !== position);
  return { ...line, ineligible_for: eligible ? others : [...others, position].sort((a, b) => a - b) };
}

/**
 * Renumbers every line's `ineligible_for` after the funding lines changed
 * places: `newPosition(old)` is where the funding line that was at `old`
 * now is, or null when it is gone (its position is then dropped).
 * Positions stay sorted and unique.
 */
export function remapIneligible(lines: readonly ExpenseLine[], newPosition: (old: number) => number | null): ExpenseLine[] {
  return lines.map((line) => {
    const moved = line.ineligible_for.map(newPosition).filter((p): p is number => p !== null);
    return { ...line, ineligible_for: [...new Set(moved)].sort((a, b) => a - b) };
  });
}

/** After the funding line at `removed` is removed: its position goes, the later ones move up by one. */
export function afterFundingRemoved(lines: readonly ExpenseLine[], removed: number): ExpenseLine[] {
  return remapIneligible(lines, (p) => (p === removed ? null : p > removed ? p - 1 : p));
}

/** After the funding line at `from` is moved to `to` (the others shift to make room). */
export function afterFundingMoved(lines: readonly ExpenseLine[], from: number, to: number): ExpenseLine[] {
  return remapIneligible(lines, (p) => {
    if (p === from) return to;
    if (from < to && p > from && p <= to) return p - 1;
    if (to < from && p >= to && p < from) return p + 1;
    return p;
  });
}
