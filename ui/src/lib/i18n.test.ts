import { describe, expect, it } from 'vitest';
import { LANGS, countText, messages, projectCount, t, labelText, isLang } from './i18n';

describe('i18n dictionary', () => {
  const frKeys = Object.keys(messages.fr).sort();

  it.each(LANGS)('language %s has exactly the same keys as French', (lang) => {
    expect(Object.keys(messages[lang]).sort()).toEqual(frKeys);
  });

  it.each(LANGS)('language %s has no empty string', (lang) => {
    for (const [key, value] of Object.entries(messages[lang])) {
      expect(typeof value, key).toBe('string');
      expect(value.trim(), key).not.toBe('');
    }
  });

  it.each(LANGS)('language %s uses the same placeholders as French', (lang) => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of frKeys) {
      const k = key as keyof typeof messages.fr;
      expect(placeholders(messages[lang][k]), key).toEqual(placeholders(messages.fr[k]));
    }
  });

  it('has no HTML markup in any string', () => {
    for (const lang of LANGS) {
      for (const [key, value] of Object.entries(messages[lang])) {
        expect(value, `${lang}.${key}`).not.toMatch(/<[a-z/!]/i);
      }
    }
  });
});

describe('t()', () => {
  it('translates and fills placeholders', () => {
    expect(t('fr', 'townAll')).toBe('Toutes les communes');
    expect(t('en', 'townAll')).toBe('All towns');
    expect(t('fr', 'townOption', { name: 'Carhaix-Plouguer', dep: 'Finistère' })).toBe('Carhaix-Plouguer (Finistère)');
  });

  it('leaves unknown placeholders untouched', () => {
    expect(t('fr', 'townOption', { name: 'X' })).toBe('X ({dep})');
  });

  it('does not interpret replacement patterns in values', () => {
    expect(t('fr', 'townOption', { name: '$&$1', dep: '29' })).toBe('$&$1 (29)');
  });
});

describe('projectCount()', () => {
  it('uses French plural rules (0 and 1 singular)', () => {
    expect(projectCount('fr', 0)).toBe('0 projet');
    expect(projectCount('fr', 1)).toBe('1 projet');
    expect(projectCount('fr', 12)).toBe('12 projets');
  });
  it('writes large numbers with thousands separators', () => {
    expect(projectCount('fr', 5523)).toBe('5\u202f523 projets');
    expect(projectCount('en', 5523)).toBe('5,523 projects');
  });
  it('fills the other placeholders', () => {
    expect(countText('fr', 'listShown', 200, { total: '5\u202f523' })).toBe('200 projets affichés sur 5\u202f523');
    expect(countText('fr', 'listMore', 1)).toBe('Afficher le projet suivant');
    expect(countText('en', 'boardMore', 1)).toBe('+ 1 more project at this stage — see the whole stage in the list');
  });
  it('uses English plural rules', () => {
    expect(projectCount('en', 0)).toBe('0 projects');
    expect(projectCount('en', 1)).toBe('1 project');
    expect(projectCount('en', 2)).toBe('2 projects');
  });
});

describe('helpers', () => {
  it('labelText picks the language', () => {
    const label = { code: 'late', fr: 'En retard', en: 'Late' };
    expect(labelText(label, 'fr')).toBe('En retard');
    expect(labelText(label, 'en')).toBe('Late');
  });
  it('isLang accepts only fr and en', () => {
    expect(isLang('fr')).toBe(true);
    expect(isLang('en')).toBe(true);
    expect(isLang('de')).toBe(false);
    expect(isLang(null)).toBe(false);
  });
});
