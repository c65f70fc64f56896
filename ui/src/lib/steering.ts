// What the project page and the Pilotage screen need to edit the steering
// data: new indicators (from the shipped list or the user's own), readings
// kept in date order like the core keeps them, phases, yearly amounts and
// payments, and the required values a line cannot be sent without. The
// figures (progress, lapse dates, the PPI) are the core's.
import type { FundingLine, FundingStatus, Indicator, IndicatorTemplate, Payment, PaymentKind, Phase, Reading, YearAmount } from './bindings';
import type { Lang } from './i18n';

/** An indicator picked from the shipped list, worded in `lang`. */
export function indicatorFrom(template: IndicatorTemplate, lang: Lang): Indicator {
  return {
    code: template.code,
    label: lang === 'en' ? template.en : template.fr,
    unit: lang === 'en' ? template.unit_en : template.unit_fr,
    direction: template.direction,
    baseline_value: null,
    baseline_date: null,
    target_value: null,
    target_date: null,
    readings: [],
  };
}

/** An indicator of the user's own (label to type). */
export function customIndicator(): Indicator {
  return { code: null, label: '', unit: '', direction: 'up', baseline_value: null, baseline_date: null, target_value: null, target_date: null, readings: [] };
}

/** Where the figure of an indicator usually comes from (its shipped entry), or ''. */
export function usualSource(code: string | null, templates: readonly IndicatorTemplate[], lang: Lang): string {
  const t = code ? templates.find((x) => x.code === code) : undefined;
  return t ? (lang === 'en' ? t.source_en : t.source_fr) : '';
}

/**
 * The readings with `reading` added in date order (after those of the same
 * day), the order the core stores them in: what is on screen is then what
 * the store holds.
 */
export function withReading(readings: readonly Reading[], reading: Reading): Reading[] {
  const at = readings.findIndex((r) => r.date > reading.date);
  const out = [...readings];
  out.splice(at < 0 ? out.length : at, 0, reading);
  return out;
}

export const newPhase = (): Phase => ({ kind: 'works', label: '', start: null, end: null, budget: null });

/** A new yearly amount: the year after the last one entered (or `year`), investment. */
export function newYearAmount(yearly: readonly YearAmount[], year: number): YearAmount {
  const last = yearly.reduce<number | null>((m, y) => (typeof y.year === 'number' && (m === null || y.year > m) ? y.year : m), null);
  return { year: last === null ? year : last + 1, nature: 'investment', forecast: 0, actual: null };
}

/** A new payment: the advance first, then instalments. */
export function newPayment(payments: readonly Payment[]): Payment {
  const kind: PaymentKind = payments.length === 0 ? 'advance' : 'instalment';
  return { kind, due_on: null, amount: 0, received_on: null, received: null };
}

/** Statuses at which a grant is awarded (the core's `FundingStatus::is_secured`). */
const AWARDED: readonly FundingStatus[] = ['awarded', 'partially_paid', 'paid'];

/** True when the line's payment schedule is edited: an awarded grant, or one that has a schedule. */
export function hasSchedule(line: Pick<FundingLine, 'status' | 'payments' | 'extended_to'>): boolean {
  return AWARDED.includes(line.status) || line.payments.length > 0 || line.extended_to !== null;
}

/**
 * Sums of the yearly amounts as typed, for display beside the editor: in
 * whole cents, so that 0.1 + 0.2 never shows a stray cent. (The core says
 * whether the years add up to the cost: a finding.)
 */
export function yearlySums(yearly: readonly YearAmount[]): { investment: number; operating: number; actual: number } {
  const cents = (v: number | null) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) : 0);
  let inv = 0;
  let op = 0;
  let act = 0;
  for (const y of yearly) {
    if (y.nature === 'investment') inv += cents(y.forecast);
    else op += cents(y.forecast);
    act += cents(y.actual);
  }
  return { investment: inv / 100, operating: op / 100, actual: act / 100 };
}

/** Required numbers left empty in a list of indicators (`indicators[0].readings[1].value`…). */
export function missingInIndicators(indicators: readonly Indicator[], list = 'indicators'): { dates: string[]; values: string[] } {
  const dates: string[] = [];
  const values: string[] = [];
  indicators.forEach((ind, i) =>
    ind.readings.forEach((r, j) => {
      if (!r.date) dates.push(`${list}[${i}].readings[${j}].date`);
      if (typeof r.value !== 'number' || !Number.isFinite(r.value)) values.push(`${list}[${i}].readings[${j}].value`);
    }),
  );
  return { dates, values };
}

/** Indicators as sent: an emptied date is none. */
export function tidyIndicators(indicators: readonly Indicator[]): Indicator[] {
  return indicators.map((ind) => ({
    ...ind,
    baseline_date: ind.baseline_date || null,
    target_date: ind.target_date || null,
    readings: ind.readings.map((r) => ({ ...r })),
  }));
}

/**
 * How an editor of a list (indicators) reaches its page's autosave: the
 * core's messages for a field, saving after a pause or at once, and
 * removing a line with its messages.
 */
export interface ListEditing {
  /** The core's messages for one field (`indicators[0].label`). */
  errs(field: string): string[];
  /** Something was typed: the autosave waits for a pause. */
  touch(): void;
  /** Leaving the editor saves what is pending. */
  flush(): void;
  /** Saves at once (a line added). */
  saveNow(): void;
  /** Removes the line at `index`, and the messages that named it, and saves. */
  remove(index: number): void;
}
