// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { ProjectFilter, ProjectSummary, Taxonomy, Town } from './lib/bindings';

vi.mock('@tauri-apps/api/core', () => ({
  isTauri: () => true,
  invoke: vi.fn(),
}));

import { invoke } from '@tauri-apps/api/core';
import App from './App.svelte';

const invokeMock = vi.mocked(invoke);

const town: Town = {
  insee: '29024',
  name: 'Carhaix-Plouguer',
  departement: '29',
  departement_name: 'Finistère',
  region: '53',
  region_name: 'Bretagne',
  population: 7412,
  epci_code: '242900744',
  epci_name: 'CC Poher Communauté',
  is_demo: true,
  postcodes: ['29270'],
};

const hostile = '<img src=x onerror="globalThis.pwned=1"><b>gras</b>';

const projects: ProjectSummary[] = [
  { id: 7, uid: 'a', town_insee: '29024', town_name: 'Carhaix-Plouguer', title: "Tiers-lieu de l'ancienne école", stage: 3, health: 'late', priority: 'high', ort_axis: null, themes: [], cost_excl_vat: 1250000, next_deadline: '2026-11-23', updated_at: '2026-10-01T14:12:00Z' },
  { id: 8, uid: 'b', town_insee: '29024', town_name: 'Carhaix-Plouguer', title: hostile, stage: 0, health: 'weird<code>', priority: 'low', ort_axis: null, themes: [], cost_excl_vat: null, next_deadline: null, updated_at: '2026-10-01T14:12:00Z' },
];

const taxonomy: Taxonomy = {
  stages: [
    { code: '0', fr: 'Besoin repéré / idée', en: 'Need identified / idea' },
    { code: '3', fr: 'Faisabilité et plan de financement', en: 'Feasibility and funding plan' },
  ],
  health: [{ code: 'late', fr: 'En retard', en: 'Late' }],
  priority: [],
  themes: [],
  axes: [],
};

type Handler = (cmd: string, args?: Record<string, unknown>) => unknown;

function backend(overrides: Partial<Record<string, Handler>> = {}) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const a = args as Record<string, unknown> | undefined;
    if (overrides[cmd]) return overrides[cmd]!(cmd, a);
    switch (cmd) {
      case 'list_towns':
        return [town];
      case 'get_taxonomy':
        return taxonomy;
      case 'list_projects':
        return projects;
    }
    throw { code: 'unknown_command', message: cmd };
  });
}

async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
  flushSync();
}

function listCalls(): ProjectFilter[] {
  return invokeMock.mock.calls
    .filter(([cmd]) => cmd === 'list_projects')
    .map(([, args]) => (args as { filter: ProjectFilter }).filter);
}

let app: ReturnType<typeof mount> | null = null;

function render() {
  app = mount(App, { target: document.body });
  flushSync();
}

beforeEach(() => {
  document.body.innerHTML = '';
  document.documentElement.lang = 'fr';
  localStorage.clear();
  invokeMock.mockReset();
  (globalThis as { pwned?: number }).pwned = undefined;
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
  vi.useRealTimers();
});

describe('project list screen', () => {
  it('shows the projects with formatted values', async () => {
    backend();
    render();
    await settle();

    const rows = document.querySelectorAll('[data-testid="project-row"]');
    expect(rows).toHaveLength(2);
    const first = rows[0]!;
    expect(first.querySelector('[data-testid="project-title"]')!.textContent).toBe("Tiers-lieu de l'ancienne école");
    expect(first.textContent).toContain('Faisabilité et plan de financement');
    expect(first.textContent).toContain('En retard');
    expect(first.textContent!.replace(/\s/g, ' ')).toContain('1 250 000 €');
    expect(first.textContent).toContain('23 nov. 2026');
    expect(document.body.textContent).toContain('2 projets');
    expect(document.querySelector('caption')!.textContent).toBe('Projets suivis');
    expect([...document.querySelectorAll('thead th')].map((th) => th.textContent!.trim())).toEqual([
      'N°', 'Projet', 'Commune', 'Étape', 'Santé', 'Coût HT', 'Prochaine échéance',
    ]);
    expect(listCalls()[0]).toEqual({ town_insee: null, stage: null, search: null });
  });

  it('renders user text as text, never as HTML', async () => {
    backend();
    render();
    await settle();

    const title = document.querySelectorAll('[data-testid="project-title"]')[1]!;
    expect(title.textContent).toBe(hostile);
    expect(title.children).toHaveLength(0);
    expect(document.querySelector('main img, main b')).toBeNull();
    // unknown health code: shown as text, not used as a class name
    const row = document.querySelectorAll('[data-testid="project-row"]')[1]!;
    expect(row.textContent).toContain('weird<code>');
    expect(row.querySelector('.dot')!.className).toContain('health-unknown');
    expect(row.textContent).toContain('—');
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('lists the followed towns and the demo banner', async () => {
    backend();
    render();
    await settle();

    const select = document.querySelector<HTMLSelectElement>('#town-select')!;
    expect(document.querySelector('label[for="town-select"]')!.textContent).toBe('Commune');
    expect([...select.options].map((o) => o.textContent!.trim())).toEqual([
      'Toutes les communes',
      'Carhaix-Plouguer (dép. 29)',
    ]);
    expect(document.querySelector('[data-testid="demo-banner"]')!.textContent).toContain(
      'Données de démonstration — projets fictifs sur une commune réelle',
    );

    select.value = '29024';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(listCalls().at(-1)).toEqual({ town_insee: '29024', stage: null, search: null });
  });

  it('has no demo banner without a demo town', async () => {
    backend({ list_towns: () => [{ ...town, is_demo: false }] });
    render();
    await settle();
    expect(document.querySelector('[data-testid="demo-banner"]')).toBeNull();
  });

  it('debounces the search by 200 ms and sends null when empty', async () => {
    vi.useFakeTimers();
    backend();
    render();
    await vi.advanceTimersByTimeAsync(250);
    const before = listCalls().length;

    const input = document.querySelector<HTMLInputElement>('#search-input')!;
    expect(document.querySelector('label[for="search-input"]')!.textContent).toBe('Rechercher');
    for (const value of ['é', 'éc', 'éco']) {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      flushSync();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(listCalls().length).toBe(before);
    await vi.advanceTimersByTimeAsync(200);
    expect(listCalls().length).toBe(before + 1);
    expect(listCalls().at(-1)!.search).toBe('éco');

    input.value = '   ';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    await vi.advanceTimersByTimeAsync(250);
    expect(listCalls().at(-1)!.search).toBeNull();
  });

  it('shows an empty state', async () => {
    backend({ list_projects: () => [] });
    render();
    await settle();
    expect(document.querySelectorAll('[data-testid="project-row"]')).toHaveLength(0);
    expect(document.querySelector('[data-testid="empty-state"]')!.textContent).toContain('Aucun projet');
    expect(document.body.textContent).toContain('0 projet');
  });

  it('shows command errors in an alert region', async () => {
    backend({
      list_projects: () => {
        throw { code: 'db', message: 'La base de données est verrouillée.' };
      },
    });
    render();
    await settle();
    const alert = document.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('La base de données est verrouillée.');
    // no misleading "0 projet" / empty state next to the error
    expect(document.querySelector('[data-testid="empty-state"]')).toBeNull();
  });

  it('switches language, remembers it and sets <html lang>', async () => {
    backend();
    render();
    await settle();
    expect(document.documentElement.lang).toBe('fr');

    const button = document.querySelector<HTMLButtonElement>('button.lang-toggle')!;
    expect(button.textContent!.trim()).toBe('EN');
    button.click();
    flushSync();

    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('bourgade.lang')).toBe('en');
    expect(document.body.textContent).toContain('Small towns of tomorrow — project tracker');
    expect(document.body.textContent).toContain('Demo data — fictional projects on a real town');
    const first = document.querySelector('[data-testid="project-row"]')!;
    expect(first.textContent).toContain('Late');
    expect(first.textContent).toContain('€1,250,000');
    expect(first.textContent).toContain('23 Nov 2026');
    expect(document.querySelector('#town-select option')!.textContent).toBe('All towns');
  });

  it('starts in the remembered language', async () => {
    localStorage.setItem('bourgade.lang', 'en');
    backend();
    render();
    await settle();
    expect(document.documentElement.lang).toBe('en');
    expect(document.querySelector('label[for="town-select"]')!.textContent).toBe('Town');
  });
});
