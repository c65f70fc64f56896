// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));

import type { Actor, ActorView } from '../lib/bindings';
import { backend, calls, choose, cleanup, click, render, settle, texts, town, type } from '../test-support';

afterEach(cleanup);

/** An actor as the core lists it: with its area in codes and in words. */
function actor(id: string, extra: Partial<ActorView>): ActorView {
  const a = {
    id, name: id, kind: 'network', scope: 'national', territories: [], themes: [], stages: [], services: [], legal_forms: [],
    description_fr: '', description_en: '', website: null, source: 'Site public', ...extra,
  } as Actor;
  return {
    ...a, actor_id: a.id, local: false,
    serves_towns: a.scope === 'national' || a.territories.includes('53') ? ['29024'] : [],
    regions: a.scope === 'regional' ? a.territories : [],
    departements: a.scope === 'departemental' ? a.territories : [],
    area_fr: a.scope === 'national' ? 'France entière' : a.territories.join(', '),
    area_en: a.scope === 'national' ? 'All of France' : a.territories.join(', '),
    ...extra,
  };
}

const actors: ActorView[] = [
  actor('cress-bretagne', { name: 'CRESS Bretagne', kind: 'cress', scope: 'regional', territories: ['53'], themes: ['employment'] }),
  actor('cress-occitanie', { name: 'CRESS Occitanie', kind: 'cress', scope: 'regional', territories: ['76'], themes: ['employment'] }),
  actor('tiers-lieux', { name: 'France Tiers-Lieux', kind: 'third_place_network', themes: ['third_places'], description_fr: 'Réseau national des tiers-lieux' }),
];

function catalogueBackend(list: ActorView[] = actors) {
  const saved = [...list];
  backend({
    list_towns: () => [town],
    list_actors: () => [...saved],
    list_solutions: () => [],
    list_funding_schemes: () => [],
    save_actor: ({ actor: a }) => {
      const x = a as Actor;
      const i = saved.findIndex((s) => s.id === x.id);
      if (i >= 0) saved[i] = actor(x.id, x);
      else saved.push(actor(x.id, x));
      return x;
    },
  });
}

const names = () => texts('[data-testid=actor-entry] h3');

describe('catalogue', () => {
  it('searches without accents and filters by theme and territory', async () => {
    catalogueBackend();
    render('#/catalogue');
    await settle();
    expect(names(), 'every actor, by name').toEqual(['CRESS Bretagne', 'CRESS Occitanie', 'France Tiers-Lieux']);

    type(document.querySelector<HTMLInputElement>('#cat-search')!, 'reseau tiers lieux');
    expect(names(), 'words found in the description, accents ignored').toEqual(['France Tiers-Lieux']);
    type(document.querySelector<HTMLInputElement>('#cat-search')!, '');

    choose(document.querySelector<HTMLSelectElement>('#cat-territory')!, '29024');
    expect(names(), 'useful to Carhaix: national actors and those of Brittany (53)').toEqual(['CRESS Bretagne', 'France Tiers-Lieux']);
    choose(document.querySelector<HTMLSelectElement>('#cat-theme')!, 'employment');
    expect(names(), 'and the employment theme').toEqual(['CRESS Bretagne']);
  });

  it('adds a local actor with its contacts, then edits it', async () => {
    catalogueBackend();
    render('#/catalogue');
    await settle();
    click(document.querySelector('[data-testid=add-local-actor]'));
    await settle();
    type(document.querySelector<HTMLInputElement>('#actor-name')!, 'Épicerie solidaire « Le Panier »');
    type(document.querySelector<HTMLTextAreaElement>('#actor-desc')!, 'Contact : Mme Durand, 01 99 00 12 34');
    click(document.querySelector('#actor-terr-242900744'));
    click(document.querySelector('[data-testid=save-actor]'));
    await settle();
    const saved = calls('save_actor')[0]!.actor as Actor;
    expect(saved, 'a local actor of the followed EPCI, id made from its name').toMatchObject({
      id: 'local-epicerie-solidaire-le-panier', kind: 'local', scope: 'local', territories: ['242900744'], description_fr: 'Contact : Mme Durand, 01 99 00 12 34',
    });
    expect(names()[0], 'local actors come first').toBe('Épicerie solidaire « Le Panier »');

    click(document.querySelector('[data-testid=actor-entry] button'));
    await settle();
    type(document.querySelector<HTMLTextAreaElement>('#actor-desc')!, 'Contact : M. Le Gall');
    click(document.querySelector('[data-testid=save-actor]'));
    await settle();
    const edited = calls('save_actor')[1]!.actor as Actor;
    expect(edited.id, 'editing keeps the id').toBe('local-epicerie-solidaire-le-panier');
    expect(edited.description_fr, 'with the new contact').toBe('Contact : M. Le Gall');
  });
});

describe('catalogue places and dates', () => {
  it('names régions and départements, shows when an entry was checked, and hides retired ones', async () => {
    catalogueBackend([
      actor('cress-occitanie', { name: 'CRESS Occitanie', kind: 'cress', scope: 'regional', territories: ['76'], area_fr: 'Occitanie', verified_on: '2026-12-05' }),
      actor('fa-bourgogne', { name: 'France Active Bourgogne', kind: 'financer', scope: 'departemental', territories: ['21', '58', '71', '89'], area_fr: "Côte-d'Or, Nièvre, Saône-et-Loire, Yonne" }),
      actor('ancien', { name: 'Réseau disparu', retired: true }),
    ]);
    render('#/catalogue');
    await settle();
    const entries = texts('[data-testid=actor-entry]');
    expect(entries, 'retired entries are not offered').toHaveLength(2);
    expect(entries[0]).toContain('Régional — Occitanie');
    expect(entries[0], 'no code shown for a place').not.toContain('76');
    expect(entries[0]).toMatch(/Vérifié le\s*5 décembre 2026/);
    expect(entries[1]).toContain("Départemental — Côte-d'Or, Nièvre, Saône-et-Loire, Yonne");
  });
});
