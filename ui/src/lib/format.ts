import { LOCALES, type Lang } from './i18n';

/** Plain numbers (counts): "5 523" in French, "5,523" in English. */
export { formatNumber } from './i18n';

/** Shown when a value is unknown. */
export const NONE = '—';

const moneyFormats = new Map<Lang, Intl.NumberFormat>();
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

/** 1250000 → "1 250 000 €" (fr) / "€1,250,000" (en); null → "—". */
export function formatMoney(amount: number | null | undefined, lang: Lang = 'fr'): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return NONE;
  let fmt = moneyFormats.get(lang);
  if (!fmt) {
    fmt = new Intl.NumberFormat(LOCALES[lang], {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    });
    moneyFormats.set(lang, fmt);
  }
  return fmt.format(amount);
}

const centFormats = new Map<Lang, Intl.NumberFormat>();

/** Like formatMoney, with the cents when there are some: "67,90 €", "1 200 €". */
export function formatAmount(amount: number | null | undefined, lang: Lang = 'fr'): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return NONE;
  if (Math.round(amount * 100) % 100 === 0) return formatMoney(amount, lang);
  let fmt = centFormats.get(lang);
  if (!fmt) {
    fmt = new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    centFormats.set(lang, fmt);
  }
  return fmt.format(amount);
}

/**
 * Parse a calendar date "YYYY-MM-DD" (an RFC 3339 timestamp is cut to its date).
 * Returns a Date at midnight UTC, or null when invalid.
 */
export function parseIsoDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return date;
}

/** "2026-11-23" → "23 nov. 2026" (fr) / "23 Nov 2026" (en); null or invalid → "—". */
export function formatDate(value: string | null | undefined, lang: Lang = 'fr'): string {
  if (!value) return NONE;
  const date = parseIsoDate(value);
  if (!date) return NONE;
  let fmt = dateFormats.get(lang);
  if (!fmt) {
    // Calendar dates have no time zone: format in UTC so the day never shifts.
    fmt = new Intl.DateTimeFormat(LOCALES[lang], {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(lang, fmt);
  }
  return fmt.format(date);
}

const longDateFormats = new Map<Lang, Intl.DateTimeFormat>();

/**
 * "2027-03-14" → "14 mars 2027", "1er décembre 2026" (fr) / "14 March 2027"
 * (en), the way the core words dates in sentences; null or invalid → "—".
 */
export function formatLongDate(value: string | null | undefined, lang: Lang = 'fr'): string {
  if (!value) return NONE;
  const date = parseIsoDate(value);
  if (!date) return NONE;
  let fmt = longDateFormats.get(lang);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    longDateFormats.set(lang, fmt);
  }
  const text = fmt.format(date);
  return lang === 'fr' && date.getUTCDate() === 1 ? text.replace(/^1(?=\s)/, '1er') : text;
}

const oneDecimal = new Map<Lang, Intl.NumberFormat>();

/** A percentage with at most one decimal: "28,3 %" (fr), "28.3%" (en); null → "—". */
export function formatPercent(value: number | null | undefined, lang: Lang = 'fr'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  let fmt = oneDecimal.get(lang);
  if (!fmt) {
    fmt = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 });
    oneDecimal.set(lang, fmt);
  }
  return lang === 'fr' ? `${fmt.format(value)}\u00a0%` : `${fmt.format(value)}%`;
}
