// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));

import type { ProjectFilter, ProjectSummary } from './lib/bindings';
import { backend, button, calls, cleanup, click, render, settle, summary, text, texts, town, type } from './test-support';

const hostile = '<img src=x onerror="globalThis.pwned=1"><b>gras</b>';

const projects: ProjectSummary[] = [
  summary(7, { title: "Tiers-lieu de l'ancienne école", stage: 3, health: 'late', priority: 'high', cost_excl_vat: 1250000, next_deadline: '2026-11-23' }),
  summary(8, { title: hostile, health: 'weird<code>' as ProjectSummary['health'], priority: 'low' }),
];

function listCalls(): ProjectFilter[] {
  return calls('list_projects').map((a) => a.filter as ProjectFilter);
}

beforeEach(() => {
  document.documentElement.lang = 'fr';
  (globalThis as { pwned?: number }).pwned = undefined;
});
afterEach(cleanup);

describe('first run', () => {
  it('offers the town search and the demo when no town is followed', async () => {
    let followed = false;
    backend({
      list_towns: () => (followed ? [{ ...town, is_demo: false }] : []),
      search_communes: ({ text: q }) =>
        String(q).startsWith('saint') ? [{ ...town, insee: '42218', name: 'Saint-Étienne', population: 173089, is_demo: undefined }] : [],
      add_town: ({ insee }) => {
        followed = true;
        return { ...town, insee, is_demo: false };
      },
      dashboard: () => ({ total_projects: 0, stage_counts: [], late_or_blocked: [], upcoming: [], overdue: [], total_cost_excl_vat: 0, funding_secured: 0, funding_pending: 0, funding_by_funder: [] }),
    });
    render();
    await settle();
    expect(text('#screen-title'), 'the first-run screen greets the user').toBe('Bienvenue dans Bourgade');
    expect(document.querySelector('nav[aria-label="Navigation principale"]'), 'no navigation before a town exists').toBeNull();

    vi.useFakeTimers();
    type(document.querySelector<HTMLInputElement>('[data-testid=commune-search]')!, 'saint etienne');
    await vi.advanceTimersByTimeAsync(250);
    vi.useRealTimers();
    await settle();
    expect(calls('search_communes').at(-1), 'the core searches, accents and all').toEqual({ text: 'saint etienne', limit: 12 });
    const result = text('[data-testid=commune-result]');
    expect(result, 'the result shows population, département and EPCI').toContain('173 089 habitants');
    expect(result).toContain('Finistère (29)');
    expect(result).toContain('CC Poher Communauté');

    click(document.querySelector('[data-testid=commune-result] input'));
    expect(text('[data-testid=ceiling-warning]'), 'above 20,000 inhabitants: a warning, not a refusal').toContain('plus de 20 000 habitants');
    click(document.querySelector('[data-testid=follow-town]'));
    await settle();
    expect(calls('add_town'), 'following adds the town in the core').toEqual([{ insee: '42218' }]);
    expect(document.querySelector('nav[aria-label="Navigation principale"]'), 'then the app opens').not.toBeNull();
    expect(location.hash, 'on the dashboard').toBe('#/dashboard');
  });

  it('loads the demo', async () => {
    let loaded = false;
    backend({
      list_towns: () => (loaded ? [town] : []),
      load_demo: () => {
        loaded = true;
        return { dry_run: false, created: 16, updated: 0, towns_added: ['29024'], actors_saved: 0, notes: [] };
      },
      dashboard: () => ({ total_projects: 16, stage_counts: [{ stage: 0, count: 16 }], late_or_blocked: [], upcoming: [], overdue: [], total_cost_excl_vat: 0, funding_secured: 0, funding_pending: 0, funding_by_funder: [] }),
    });
    render();
    await settle();
    click(document.querySelector('[data-testid=load-demo]'));
    await settle();
    expect(calls('load_demo'), 'the demo is loaded by the core').toHaveLength(1);
    expect(text('[data-testid=demo-banner]'), 'demo data is labelled as such').toContain('Données de démonstration');
    expect(text('[data-testid=kpi-projects]'), 'the dashboard shows the demo projects').toBe('16');
  });
});

describe('navigation', () => {
  it('marks the current screen and follows the hash', async () => {
    backend({ list_towns: () => [town], list_projects: () => projects, dashboard: () => ({ total_projects: 2, stage_counts: [], late_or_blocked: [], upcoming: [], overdue: [], total_cost_excl_vat: 0, funding_secured: 0, funding_pending: 0, funding_by_funder: [] }) });
    render('#/projects');
    await settle();
    expect(texts('nav a'), 'five entries, in French').toEqual(['Tableau de bord', 'Projets', 'Liste', 'Catalogue', 'Paramètres']);
    expect(text('nav a[aria-current=page]'), 'the list is current').toBe('Liste');

    location.hash = '#/dashboard';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle();
    expect(text('nav a[aria-current=page]'), 'the dashboard becomes current').toBe('Tableau de bord');
    expect(document.activeElement?.id, 'the focus moves to the new screen title').toBe('screen-title');
  });
});

describe('project list screen', () => {
  function listBackend(overrides: Record<string, (a: Record<string, unknown>) => unknown> = {}) {
    backend({ list_towns: () => [town], list_projects: () => projects, ...overrides });
  }

  it('shows the projects with formatted values', async () => {
    listBackend();
    render('#/projects');
    await settle();

    const rows = document.querySelectorAll('[data-testid="project-row"]');
    expect(rows, 'one row per project').toHaveLength(2);
    const first = rows[0]!;
    expect(first.querySelector('[data-testid="project-title"]')!.textContent).toBe("Tiers-lieu de l'ancienne école");
    expect(first.querySelector('a')!.getAttribute('href'), 'the title links to the project page').toBe('#/projects/7');
    expect(first.textContent, 'stage label from the taxonomy').toContain('Faisabilité et plan de financement');
    expect(first.textContent, 'health label').toContain('En retard');
    expect(first.textContent!.replace(/\s/g, ' '), 'French money').toContain('1 250 000 €');
    expect(first.textContent, 'French date').toContain('23 nov. 2026');
    expect(document.body.textContent).toContain('2 projets');
    expect(listCalls()[0], 'no filter at first').toEqual({ town_insee: null, stage: null, search: null });
  });

  it('renders user text as text, never as HTML', async () => {
    listBackend();
    render('#/projects');
    await settle();

    const title = document.querySelectorAll('[data-testid="project-title"]')[1]!;
    expect(title.textContent, 'the title is shown verbatim').toBe(hostile);
    expect(title.children, 'and creates no element').toHaveLength(0);
    expect(document.querySelector('main img, main b'), 'no injected markup anywhere').toBeNull();
    const row = document.querySelectorAll('[data-testid="project-row"]')[1]!;
    expect(row.textContent, 'an unknown code shows as text').toContain('weird<code>');
    expect(row.querySelector('.dot')!.className, 'and is not used as a class name').toContain('health-unknown');
    expect((globalThis as { pwned?: number }).pwned, 'no script ran').toBeUndefined();
  });

  it('filters by the town of the header switcher and remembers it', async () => {
    listBackend();
    render('#/projects');
    await settle();

    const select = document.querySelector<HTMLSelectElement>('#town-select')!;
    expect(document.querySelector('label[for="town-select"]')!.textContent).toBe('Commune');
    expect([...select.options].map((o) => o.textContent!.trim()), 'every followed town').toEqual(['Toutes les communes', 'Carhaix-Plouguer (dép. 29)']);
    select.value = '29024';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(listCalls().at(-1), 'the list is filtered by town').toEqual({ town_insee: '29024', stage: null, search: null });
    expect(localStorage.getItem('bourgade.town'), 'the choice is remembered').toBe('29024');
  });

  it('debounces the search by 200 ms and sends null when empty', async () => {
    vi.useFakeTimers();
    listBackend();
    render('#/projects');
    await vi.advanceTimersByTimeAsync(250);
    const before = listCalls().length;

    const input = document.querySelector<HTMLInputElement>('#search-input')!;
    for (const value of ['é', 'éc', 'éco']) {
      type(input, value);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(listCalls().length, 'nothing sent while typing').toBe(before);
    await vi.advanceTimersByTimeAsync(200);
    expect(listCalls().length, 'one request after the pause').toBe(before + 1);
    expect(listCalls().at(-1)!.search).toBe('éco');

    type(input, '   ');
    await vi.advanceTimersByTimeAsync(250);
    expect(listCalls().at(-1)!.search, 'blank search is no search').toBeNull();
  });

  it('shows command errors in an alert region, without a misleading empty state', async () => {
    listBackend({
      list_projects: () => {
        throw { code: 'database', message: 'La base de données est verrouillée.', problems: [] };
      },
    });
    render('#/projects');
    await settle();
    expect(text('[data-testid=error-alert]'), 'the core’s French message').toContain('La base de données est verrouillée.');
    expect(document.querySelector('[data-testid="empty-state"]'), 'no "0 projet" beside an error').toBeNull();
  });

  it('switches language, remembers it and sets <html lang>', async () => {
    listBackend();
    render('#/projects');
    await settle();
    expect(document.documentElement.lang).toBe('fr');

    click(button('EN'));
    await settle();
    expect(document.documentElement.lang, 'assistive technologies read English').toBe('en');
    expect(localStorage.getItem('bourgade.lang'), 'remembered').toBe('en');
    expect(calls('set_lang').at(-1), 'the core words its errors in English too').toEqual({ lang: 'en' });
    expect(texts('nav a'), 'navigation in English').toEqual(['Dashboard', 'Projects', 'List', 'Catalogue', 'Settings']);
    const first = document.querySelector('[data-testid="project-row"]')!;
    expect(first.textContent, 'labels in English').toContain('Late');
    expect(first.textContent, 'money in English').toContain('€1,250,000');
    expect(first.textContent, 'dates in English').toContain('23 Nov 2026');

    click(button('FR'));
    await settle();
    expect(texts('nav a')[0], 'and back to French').toBe('Tableau de bord');
  });

  it('starts in the remembered language', async () => {
    localStorage.setItem('bourgade.lang', 'en');
    listBackend();
    render('#/projects');
    await settle();
    expect(document.documentElement.lang).toBe('en');
    expect(document.querySelector('label[for="town-select"]')!.textContent).toBe('Town');
  });
});

describe('dashboard', () => {
  it('shows counts per stage as bars with written values, and funding by funder', async () => {
    backend({
      list_towns: () => [town],
      dashboard: ({ town_insee }) => ({
        total_projects: 3,
        stage_counts: [0, 1, 2, 3, 4, 5, 6, 7, 8].map((stage) => ({ stage, count: stage === 3 ? 2 : stage === 0 ? 1 : 0 })),
        late_or_blocked: [summary(5, { title: 'Halles', health: 'blocked' })],
        upcoming: [{ date: '2026-12-01', kind: 'funding_deadline', project_id: 5, project_title: 'Halles', label: 'DETR' }],
        overdue: [],
        total_cost_excl_vat: 1000000,
        funding_secured: 250000,
        funding_pending: 500000,
        funding_by_funder: [{ funder: 'state', secured: 250000, pending: 300000 }, { funder: 'region', secured: 0, pending: 200000 }],
        town: town_insee,
      }),
    });
    render('#/dashboard');
    await settle();
    expect(calls('dashboard')[0], 'for every town at first').toEqual({ town_insee: null });
    expect(text('[data-testid=kpi-projects]')).toBe('3');
    const row = [...document.querySelectorAll('[data-testid=stage-chart] tr')][3]!;
    expect(row.querySelector('th')!.textContent, 'each stage row names the stage').toBe('3 · Faisabilité et plan de financement');
    expect(row.querySelector('.value')!.textContent, 'and says its count in words').toBe('2 projets');
    expect(text('[data-testid=stage-chart] caption'), 'the chart table is named').toBe('Projets par étape');
    const bars = [...document.querySelectorAll('[data-testid=stage-chart] rect.bar')].map((r) => parseFloat(r.getAttribute('width')!));
    expect(bars[3], 'the longest bar spans the track').toBe(100);
    expect(bars[0], 'one project draws half of two').toBe(50);
    expect(bars[1], 'an empty stage draws no bar').toBe(0);
    expect(document.querySelector('[data-testid=stage-chart] svg')!.getAttribute('aria-hidden'), 'bars are decoration beside the written values').toBe('true');
    expect(text('[data-testid=funding-chart]'), 'amounts are written, not only drawn').toContain('250 000 € acquis');
    expect(text('[data-testid=late-list]'), 'blocked projects are listed with their health').toContain('Bloqué');
    expect(text('[data-testid=upcoming-list]'), 'upcoming deadlines with their kind').toContain('Dossier de financement DETR');
    expect(text('main').replace(/\s/g, ' '), '25 % of the cost secured').toContain('25 % du coût');
  });
});
