import { describe, expect, it } from 'vitest';
import { fold, localActorId, matchesQuery } from './text';

describe('fold', () => {
  it('drops case, accents and ligatures', () => {
    expect(fold('Épicerie Cœur'), 'like the core’s fold').toBe('epicerie coeur');
  });
});

describe('matchesQuery', () => {
  it('needs every word, in any text, without accents', () => {
    expect(matchesQuery('tiers lieu', ['Réseau des tiers-lieux de Bretagne']), 'both words present').toBe(true);
    expect(matchesQuery('coeur ville', ['Action cœur de ville']), 'ligature folded').toBe(true);
    expect(matchesQuery('tiers velo', ['Réseau des tiers-lieux']), 'a missing word fails').toBe(false);
    expect(matchesQuery('  ', ['x']), 'an empty query matches all').toBe(true);
  });
});

describe('localActorId', () => {
  it('makes a valid local id from any name', () => {
    expect(localActorId('Coopérative « Le Champ Commun »'), 'lower-case ascii and dashes').toBe('local-cooperative-le-champ-commun');
    expect(localActorId('!!!'), 'a name without letters still gives an id').toBe('local-acteur');
    expect(localActorId('x'.repeat(200)).length, 'ids stay short').toBeLessThanOrEqual(66);
  });
});
