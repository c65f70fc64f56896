// Accent- and case-insensitive matching for filters done in the window
// (catalogue lists), like the core's `text::fold` for its own search.

/** Lower case, no diacritics, œ → oe, æ → ae. */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** True when every word of `query` appears in one of `texts` (empty query: true). */
export function matchesQuery(query: string, texts: readonly string[]): boolean {
  const words = fold(query).split(/[\s'’-]+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = fold(texts.join(' \u0001 '));
  return words.every((w) => hay.includes(w));
}

/** An actor id from its name: "local-" + lower-case ASCII words joined by dashes. */
export function localActorId(name: string): string {
  const slug = fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `local-${slug || 'acteur'}`;
}
