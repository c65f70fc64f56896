// Reading and writing amounts typed by the user. The core checks ranges and
// rules; here only the text ↔ number conversion, in the user's conventions.
import { LOCALES, type Lang } from './i18n';

export type Parsed = { ok: true; value: number | null } | { ok: false };

// Spaces a French number may hold: plain, no-break, narrow no-break.
const SPACES = /[\s\u00a0\u202f]/g;

/**
 * Parses an amount in euros: "1 250 000,50", "1250000.5", "1 250 000 €" (French);
 * "1,250,000.50", "€1,250,000" (English). Empty text means "no amount" (null).
 * At most two decimals; anything else is refused, never guessed.
 */
export function parseMoney(text: string, lang: Lang = 'fr'): Parsed {
  if (text.replace(SPACES, '') === '') return { ok: true, value: null };
  let s = text.replace(SPACES, '').replace(/€/g, '');
  if (lang === 'en') {
    // Commas group thousands in English: only where a group of three follows.
    if (!/^-?\d{1,3}(,\d{3})*(\.\d*)?$/.test(s) && !/^-?\d*(\.\d*)?$/.test(s)) return { ok: false };
    s = s.replace(/,/g, '');
  } else {
    s = s.replace(',', '.');
  }
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return { ok: false };
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return { ok: false };
  const value = cents / 100;
  return { ok: true, value: m[1] === '-' ? -value : value };
}

/** Parses a percentage ("80", "12,5", "12.5 %"); empty → null. */
export function parsePercent(text: string): Parsed {
  const s = text.replace(SPACES, '').replace(/%$/, '').replace(',', '.');
  if (s === '') return { ok: true, value: null };
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { ok: false };
  return { ok: true, value: Number(s) };
}

/**
 * An amount as it is shown in an input box: groups of three, decimals only
 * when there are cents ("1 250 000", "1 250 000,50"); null → "".
 * Plain spaces so the user can edit it; parseMoney reads it back.
 */
export function moneyInputText(value: number | null | undefined, lang: Lang = 'fr'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const cents = Math.round(value * 100);
  const whole = cents % 100 === 0;
  const text = new Intl.NumberFormat(LOCALES[lang], {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
    useGrouping: true,
  }).format(cents / 100);
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** A percentage as shown in an input box: "80", "12,5" (fr), "12.5" (en); null → "". */
export function percentInputText(value: number | null | undefined, lang: Lang = 'fr'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const text = String(value);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

/** Parses a whole number ("2", " 12 "); empty → null; anything else is refused. */
export function parseInteger(text: string): Parsed {
  const s = text.replace(SPACES, '');
  if (s === '') return { ok: true, value: null };
  if (!/^\d{1,9}$/.test(s)) return { ok: false };
  return { ok: true, value: Number(s) };
}

/** A whole number as shown in an input box; null → "". */
export function integerInputText(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);
}

/**
 * Parses a measured value ("14,1", "1 400", "-2,5" in French; "1,400.5" in
 * English); empty → null; anything else is refused, never guessed.
 */
export function parseDecimal(text: string, lang: Lang = 'fr'): Parsed {
  let s = text.replace(SPACES, '');
  if (s === '') return { ok: true, value: null };
  if (lang === 'en') {
    if (!/^-?\d{1,3}(,\d{3})*(\.\d+)?$/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) return { ok: false };
    s = s.replace(/,/g, '');
  } else {
    if (!/^-?\d+([.,]\d+)?$/.test(s)) return { ok: false };
    s = s.replace(',', '.');
  }
  const value = Number(s);
  return Number.isFinite(value) && Math.abs(value) <= 1e15 ? { ok: true, value } : { ok: false };
}

/** A measured value as shown in an input box: "1 400", "14,1" (fr); null → "". */
export function decimalInputText(value: number | null | undefined, lang: Lang = 'fr'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 6, useGrouping: true }).format(value).replace(/[\u00a0\u202f]/g, ' ');
}
