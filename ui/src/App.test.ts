// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));

import type { Deadline, Finding, ProjectFilter, ProjectSummary } from './lib/bindings';
import { backend, button, calls, cleanup, click, corePlans, dashboardData, render, settle, summary, text, texts, town, type } from './test-support';

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
      dashboard: () => dashboardData(),
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
      dashboard: () => dashboardData({ total_projects: 16, stage_counts: [{ stage: 0, count: 16 }] }),
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
    backend({ list_towns: () => [town], list_projects: () => projects, count_projects: () => projects.length, dashboard: () => dashboardData({ total_projects: 2 }) });
    render('#/projects');
    await settle();
    expect(texts('nav a'), 'six entries, in French').toEqual(['Tableau de bord', 'Projets', 'Liste', 'Pilotage', 'Catalogue', 'Paramètres']);
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
    backend({ list_towns: () => [town], list_projects: () => projects, count_projects: () => projects.length, ...overrides });
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
    expect(listCalls()[0], 'no filter at first, the first page').toEqual({ town_insee: null, stage: null, search: null, limit: 200, offset: 0 });
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
    expect([...select.options].map((o) => o.textContent!.trim()), 'every followed town').toEqual(['Toutes les communes', 'Carhaix-Plouguer (Finistère)']);
    select.value = '29024';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(listCalls().at(-1), 'the list is filtered by town').toEqual({ town_insee: '29024', stage: null, search: null, limit: 200, offset: 0 });
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

  describe('a page at a time', () => {
    const all = [...Array(450).keys()].map((i) => summary(i + 1, { stage: i % 2 }));
    const selected = (f: ProjectFilter) => all.filter((p) => f.stage === null || p.stage === f.stage);
    /** list_projects honours limit and offset; `hold` keeps the next appended page until released. */
    function pagedBackend() {
      const held: { release?: () => void; hold: boolean } = { hold: false };
      backend({
        list_towns: () => [town],
        list_projects: ({ filter }) => {
          const f = filter as ProjectFilter;
          const offset = f.offset ?? 0;
          const page = selected(f).slice(offset, f.limit === undefined ? undefined : offset + f.limit);
          if (offset > 0 && held.hold) {
            held.hold = false;
            return new Promise((resolve) => (held.release = () => resolve(page)));
          }
          return page;
        },
        count_projects: ({ filter }) => selected(filter as ProjectFilter).length,
      });
      return held;
    }
    const titles = () => [...document.querySelectorAll<HTMLElement>('[data-testid="project-title"]')];

    it('shows the first 200 of 450, then appends the next pages on demand', async () => {
      pagedBackend();
      render('#/projects');
      await settle();
      expect(titles(), 'the first page only').toHaveLength(200);
      expect(listCalls()[0], 'asked for the first 200').toEqual({ town_insee: null, stage: null, search: null, limit: 200, offset: 0 });
      expect(calls('count_projects')[0], 'and how many there are, same filter').toEqual({ filter: { town_insee: null, stage: null, search: null } });
      expect(text('[data-testid=list-count]'), 'says what is shown out of how many').toBe('200 projets affichés sur 450');

      const more = document.querySelector<HTMLButtonElement>('[data-testid=list-more]')!;
      expect(more.tagName, 'a real button, reachable by keyboard').toBe('BUTTON');
      expect(text('[data-testid=list-more]')).toBe('Afficher les 200 suivants');
      click(more);
      await settle();
      expect(listCalls().at(-1), 'the next page starts after the rows shown').toEqual({ town_insee: null, stage: null, search: null, limit: 200, offset: 200 });
      expect(titles(), 'appended, not replaced').toHaveLength(400);
      expect(titles()[0]!.textContent).toBe('Projet 1');
      expect(titles()[200]!.textContent).toBe('Projet 201');
      expect(document.activeElement, 'the focus goes to the first project added').toBe(titles()[200]);
      expect(text('[data-testid=list-count]')).toBe('400 projets affichés sur 450');
      expect(text('[data-testid=list-more]'), 'only 50 left').toBe('Afficher les 50 suivants');

      click(document.querySelector('[data-testid=list-more]'));
      await settle();
      expect(titles(), 'everything').toHaveLength(450);
      expect(titles()[449]!.textContent).toBe('Projet 450');
      expect(text('[data-testid=list-count]'), 'no “sur” once all are shown').toBe('450 projets');
      expect(document.querySelector('[data-testid=list-more]'), 'nothing more to show').toBeNull();
      expect(calls('count_projects'), 'counted once for the filter').toHaveLength(1);
    });

    it('a filter change goes back to the first page and drops a page still on its way', async () => {
      const held = pagedBackend();
      render('#/projects');
      await settle();
      held.hold = true;
      click(document.querySelector('[data-testid=list-more]'));
      await settle();
      expect(titles(), 'the next page is still on its way').toHaveLength(200);

      const stage = document.querySelector<HTMLSelectElement>('#list-stage')!;
      stage.value = '1';
      stage.dispatchEvent(new Event('change', { bubbles: true }));
      await settle();
      expect(listCalls().at(-1), 'the first page of the new filter').toEqual({ town_insee: null, stage: 1, search: null, limit: 200, offset: 0 });
      expect(text('[data-testid=list-count]')).toBe('200 projets affichés sur 225');

      held.release!();
      await settle();
      expect(titles(), 'the old filter’s page is not appended').toHaveLength(200);
      expect(new Set(titles().map((t) => Number(t.textContent!.replace('Projet ', '')) % 2)), 'only stage-1 projects').toEqual(new Set([0]));
      expect(text('[data-testid=list-more]'), 'the rest of the new filter').toBe('Afficher les 25 suivants');
    });

    it('opens on the stage the address gives', async () => {
      pagedBackend();
      render('#/projects?stage=1');
      await settle();
      expect(listCalls()[0], 'filtered by stage from the start').toEqual({ town_insee: null, stage: 1, search: null, limit: 200, offset: 0 });
      expect(document.querySelector<HTMLSelectElement>('#list-stage')!.value, 'the select box says so').toBe('1');
      expect(text('nav a[aria-current=page]'), 'still the list').toBe('Liste');
    });
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
    expect(texts('nav a'), 'navigation in English').toEqual(['Dashboard', 'Projects', 'List', 'Steering', 'Catalogue', 'Settings']);
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
        late_or_blocked_total: 1,
        upcoming: [{ date: '2026-12-01', kind: 'funding_deadline', project_id: 5, project_title: 'Halles', label: 'DETR' }],
        upcoming_total: 1,
        overdue: [],
        overdue_total: 0,
        to_handle: { first: [], blocking: 0, warnings: 0 },
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

  it('counts with the totals and says how many more the capped lists leave out', async () => {
    const deadline = (i: number): Deadline => ({ date: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`, kind: 'milestone', project_id: i + 1, project_title: `Projet ${i + 1}`, label: `Jalon ${i + 1}` });
    // The core's finding on the demo's solar plant (plan below its cost), numbered anew.
    const model = corePlans['12']!.findings.find((f) => f.code === 'plan_below_cost')!;
    const finding = (i: number, severity: Finding['severity']): Finding => ({
      ...model, severity, project_id: i + 1, project_title: `Projet ${i + 1}`,
    });
    const range = (n: number) => [...Array(n).keys()];
    backend({
      list_towns: () => [town],
      list_projects: () => [],
      dashboard: () =>
        dashboardData({
          total_projects: 12345,
          // The core sends the first 50 of each list and the totals.
          late_or_blocked: range(50).map((i) => summary(i + 1, { health: 'late' })),
          late_or_blocked_total: 1284,
          overdue: range(50).map(deadline),
          overdue_total: 75,
          upcoming: range(50).map(deadline),
          upcoming_total: 120,
          to_handle: { first: range(50).map((i) => finding(i, 'blocking')), blocking: 60, warnings: 1000 },
        }),
    });
    render('#/dashboard');
    await settle();

    const raw = (sel: string) => document.querySelector(sel)?.textContent?.trim();
    expect(raw('[data-testid=kpi-projects]'), 'French thousands: a narrow no-break space').toBe('12\u202f345');
    expect(raw('[data-testid=kpi-late]'), 'the total, not the 50 listed').toBe('1\u202f284');
    expect(raw('[data-testid=kpi-overdue]'), 'the total of overdue milestones').toBe('75');
    expect(raw('[data-testid=kpi-to-handle]'), 'blocking and warnings together').toBe('1\u202f060');
    expect(text('[data-testid=kpi-to-handle-kinds]'), 'and of each kind').toBe('60 bloquants · 1 000 alertes');

    expect(document.querySelectorAll('[data-testid=late-list] li'), 'the 50 sent are listed').toHaveLength(50);
    expect(text('[data-testid=late-more]'), 'the rest is counted').toBe('… et 1 234 autres projets en retard ou bloqués.');
    expect(document.querySelectorAll('[data-testid=overdue-list] li')).toHaveLength(50);
    expect(text('[data-testid=overdue-more]')).toBe('… et 25 autres jalons dépassés.');
    expect(document.querySelectorAll('[data-testid=upcoming-list] li'), 'ten deadlines shown').toHaveLength(10);
    expect(text('[data-testid=upcoming-more]'), 'the others counted from the total').toBe('… et 110 autre(s) échéance(s) dans les 60 jours.');
    expect(document.querySelectorAll('[data-testid=to-handle] li'), 'the first findings').toHaveLength(50);
    expect(text('[data-testid=to-handle-more]'), 'the findings left out, of each kind').toBe('… et 1 010 autres points à traiter (10 bloquants, 1 000 alertes).');

    click(button('EN'));
    await settle();
    expect(raw('[data-testid=kpi-late]'), 'English thousands').toBe('1,284');
    expect(text('[data-testid=late-more]')).toBe('… and 1,234 more late or blocked projects.');
    expect(text('[data-testid=to-handle-more]')).toBe('… and 1,010 more points to handle (10 blocking, 1,000 warnings).');
  });

  it('says nothing more when the lists hold everything', async () => {
    backend({
      list_towns: () => [town],
      list_projects: () => [],
      dashboard: () => dashboardData({ total_projects: 1, late_or_blocked: [summary(1, { health: 'late' })], late_or_blocked_total: 1 }),
    });
    render('#/dashboard');
    await settle();
    expect(text('[data-testid=kpi-late]')).toBe('1');
    expect(document.querySelector('[data-testid=late-more]'), 'no “… et 0 autres”').toBeNull();
    expect(document.querySelector('[data-testid=to-handle-more]')).toBeNull();
    expect(document.querySelector('[data-testid=kpi-to-handle-kinds]'), 'no kinds for zero findings').toBeNull();
  });
});
