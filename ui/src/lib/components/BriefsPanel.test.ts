// @vitest-environment happy-dom
// The council meeting pack on the dashboard: the agenda starts with the
// projects at stage 4 only (never the whole portfolio), others are added by
// searching, and the pack gets the checked projects in agenda order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn() }));

import { save } from '@tauri-apps/plugin-dialog';
import type { ProjectFilter, ProjectSummary } from '../bindings';
import { backend, button, calls, choose, cleanup, click, dashboardData, render, settle, summary, text, texts, town, type } from '../../test-support';

const hostile = '<img src=x onerror="globalThis.pwned=1"><b>gras</b>';

/** A big portfolio: 10,000 projects, three of them at stage 4 (sent out of order). */
const portfolio: ProjectSummary[] = [
  ...[...Array(10_000).keys()].map((i) => summary(i + 100, { title: `Projet ${i + 100}`, stage: i % 4 })),
  summary(42, { title: 'Halles couvertes', stage: 4 }),
  summary(7, { title: 'Tiers-lieu', stage: 4 }),
  summary(19, { title: 'Voie verte', stage: 4 }),
  summary(5, { title: 'Maison de santé', stage: 2 }),
  summary(3, { title: hostile, stage: 1 }),
];

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** list_projects as the core answers it: filtered, then cut at `limit`. */
function listProjects(f: ProjectFilter): ProjectSummary[] {
  const q = f.search ? fold(f.search) : null;
  const found = portfolio.filter(
    (p) => (f.town_insee === null || p.town_insee === f.town_insee) && (f.stage === null || p.stage === f.stage) && (q === null || fold(p.title).includes(q)),
  );
  return f.limit === undefined ? found : found.slice(0, f.limit);
}

function panelCalls(): ProjectFilter[] {
  return calls('list_projects').map((a) => a.filter as ProjectFilter);
}

const agendaRows = () => texts('[data-testid=agenda-list] li');
const agendaBoxes = () => [...document.querySelectorAll<HTMLInputElement>('[data-testid=agenda-list] input[type=checkbox]')];
const searchInput = () => document.querySelector<HTMLInputElement>('[data-testid=agenda-search]')!;

function standardBackend(extra: Record<string, (a: Record<string, unknown>) => unknown> = {}) {
  backend({
    list_towns: () => [town],
    dashboard: () => dashboardData(),
    list_projects: ({ filter }) => listProjects(filter as ProjectFilter),
    ...extra,
  });
}

/** Types into the search box and lets the debounce run out. */
async function search(value: string) {
  vi.useFakeTimers();
  type(searchInput(), value);
  await vi.advanceTimersByTimeAsync(250);
  vi.useRealTimers();
  await settle();
}

beforeEach(() => {
  document.documentElement.lang = 'fr';
  (globalThis as { pwned?: number }).pwned = undefined;
});
afterEach(() => {
  cleanup();
  vi.mocked(save).mockReset();
});

describe('council agenda', () => {
  it('loads only the projects at stage 4, capped, checked and by number', async () => {
    standardBackend();
    render('#/dashboard');
    await settle();
    expect(panelCalls(), 'one request: stage 4 with a limit, never the whole portfolio').toEqual([
      { town_insee: null, stage: 4, search: null, limit: 201 },
    ]);
    expect(agendaRows(), 'the stage-4 projects, by number').toEqual([
      '7 · Tiers-lieu (4 · Décision du conseil (délibération))',
      '19 · Voie verte (4 · Décision du conseil (délibération))',
      '42 · Halles couvertes (4 · Décision du conseil (délibération))',
    ]);
    expect(agendaBoxes().map((b) => b.checked), 'on the agenda by default').toEqual([true, true, true]);
    expect(document.querySelector('[data-testid=agenda-result]'), 'no search, no results').toBeNull();
    expect(document.querySelector('[data-testid=brief-portfolio-stage]'), 'the portfolio brief is still offered').not.toBeNull();
  });

  it('asks again, stage 4 only, for the town chosen in the switcher', async () => {
    standardBackend();
    localStorage.setItem('bourgade.town', '29024');
    render('#/dashboard');
    await settle();
    expect(panelCalls(), 'the town remembered from the last run').toEqual([{ town_insee: '29024', stage: 4, search: null, limit: 201 }]);
    choose(document.querySelector<HTMLSelectElement>('#town-select')!, '');
    await settle();
    expect(panelCalls().at(-1), 'then every town, still stage 4 only').toEqual({ town_insee: null, stage: 4, search: null, limit: 201 });
    expect(agendaRows()).toHaveLength(3);
  });

  it('says how far the stage-4 list goes when it is capped', async () => {
    backend({
      list_towns: () => [town],
      dashboard: () => dashboardData(),
      list_projects: ({ filter }) => {
        const f = filter as ProjectFilter;
        return [...Array(f.limit ?? 500).keys()].map((i) => summary(i + 1, { stage: 4 }));
      },
    });
    render('#/dashboard');
    await settle();
    expect(agendaBoxes(), 'no more than the limit').toHaveLength(200);
    expect(text('[data-testid=agenda-capped]')).toContain('200 premiers projets');
  });

  it('finds a project by search, debounced, and adds it to the agenda, checked', async () => {
    standardBackend();
    render('#/dashboard');
    await settle();
    const input = searchInput();
    expect(input.type, 'a search field').toBe('search');
    expect(document.querySelector(`label[for="${input.id}"]`)!.textContent, 'named by its label').toBe("Ajouter un projet à l'ordre du jour");

    const before = panelCalls().length;
    vi.useFakeTimers();
    for (const value of ['m', 'ma', 'mai']) {
      type(input, value);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(panelCalls().length, 'nothing sent while typing').toBe(before);
    await vi.advanceTimersByTimeAsync(200);
    vi.useRealTimers();
    await settle();
    expect(panelCalls().slice(before), 'one search after the pause, any stage, a few results').toEqual([
      { town_insee: null, stage: null, search: 'mai', limit: 20 },
    ]);
    const found = [...document.querySelectorAll<HTMLButtonElement>('[data-testid=agenda-result]')];
    expect(found.map((b) => b.tagName), 'real buttons, reachable by keyboard').toEqual(['BUTTON']);
    expect(text('[data-testid=agenda-result]')).toBe('5 · Maison de santé (2 · Recherche de porteur et de partenaires)');

    click(found[0]!);
    expect(agendaRows().at(-1), 'added at the end of the agenda').toMatch(/^5 · Maison de santé/);
    expect(agendaBoxes().at(-1)!.checked, 'and checked').toBe(true);
    expect(text('[data-testid=agenda-result]'), 'the result says it is on the agenda now').toContain("déjà à l'ordre du jour");
    expect(text('[data-testid=announcer]'), 'screen readers are told').toBe("Projet 5 ajouté à l'ordre du jour : Maison de santé");

    click(found[0]!);
    expect(agendaRows().filter((r) => r.startsWith('5 ·')), 'never twice').toHaveLength(1);

    await search('   ');
    expect(document.querySelector('[data-testid=agenda-result]'), 'blank text: no results').toBeNull();
    expect(panelCalls().filter((f) => f.search !== null && f.search.trim() === ''), 'and no request').toHaveLength(0);
  });

  it('re-checks a project of the agenda chosen again from the search', async () => {
    standardBackend();
    render('#/dashboard');
    await settle();
    click(agendaBoxes()[1]!); // unchecks 19
    expect(agendaBoxes()[1]!.checked).toBe(false);
    await search('voie');
    click(document.querySelector('[data-testid=agenda-result]'));
    expect(agendaRows(), 'still in its place, not added again').toHaveLength(3);
    expect(agendaBoxes()[1]!.checked, 'checked again').toBe(true);
  });

  it('ignores the answer of a search typed over', async () => {
    let release: (() => void) | undefined;
    standardBackend({
      list_projects: ({ filter }) => {
        const f = filter as ProjectFilter;
        const answer = listProjects(f);
        if (f.search === 'halles') return new Promise((resolve) => (release = () => resolve(answer)));
        return answer;
      },
    });
    render('#/dashboard');
    await settle();
    await search('halles');
    expect(release, 'the first search is on its way').toBeDefined();
    await search('tiers');
    expect(texts('[data-testid=agenda-result]')).toEqual(["7 · Tiers-lieu (4 · Décision du conseil (délibération)) · déjà à l'ordre du jour"]);
    release!();
    await settle();
    expect(texts('[data-testid=agenda-result]'), 'the late answer to “halles” is dropped').toEqual([
      "7 · Tiers-lieu (4 · Décision du conseil (délibération)) · déjà à l'ordre du jour",
    ]);
  });

  it('shows a hostile title as text and says when nothing matches', async () => {
    standardBackend();
    render('#/dashboard');
    await settle();
    await search('img');
    expect(document.querySelector('[data-testid=agenda-result] img'), 'no markup from the data').toBeNull();
    expect(text('[data-testid=agenda-result]')).toContain(hostile);
    click(document.querySelector('[data-testid=agenda-result]'));
    expect(document.querySelector('[data-testid=agenda-list] img, [data-testid=agenda-list] b'), 'nor in the agenda').toBeNull();
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();

    await search('zzz');
    expect(document.querySelector('[data-testid=agenda-result]')).toBeNull();
    expect(text('#agenda-search-results')).toBe('Aucun projet ne correspond à « zzz ».');
  });

  it('does not submit the meeting pack when Enter is pressed in the search box', async () => {
    standardBackend();
    render('#/dashboard');
    await settle();
    const input = searchInput();
    type(input, 'halles');
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    input.dispatchEvent(enter);
    expect(enter.defaultPrevented, 'Enter stays in the search box').toBe(true);
  });

  it('passes the checked projects to the meeting pack in agenda order', async () => {
    vi.mocked(save).mockResolvedValue('/tmp/dossier.pdf');
    standardBackend({ brief_council: ({ path }) => path });
    render('#/dashboard');
    await settle();

    click(agendaBoxes()[1]!); // 19 off the agenda
    await search('maison');
    click(document.querySelector('[data-testid=agenda-result]')); // 5, added first
    await search('projet 100');
    const hundred = [...document.querySelectorAll<HTMLButtonElement>('[data-testid=agenda-result]')].find((b) =>
      (b.textContent ?? '').trim().startsWith('100 ·'),
    );
    click(hundred!); // 100, added second
    await search('img');
    click(document.querySelector('[data-testid=agenda-result]')); // 3, added third…
    click(agendaBoxes().at(-1)!); // …then unchecked
    click(agendaBoxes()[0]!);
    click(agendaBoxes()[0]!); // 7 unchecked and checked again: it keeps its place
    expect(agendaRows().map((r) => Number(r.split(' ')[0])), 'stage 4 by number, then as added').toEqual([7, 19, 42, 5, 100, 3]);

    const date = document.querySelector<HTMLInputElement>('#council-date')!;
    type(date, '2026-12-14');
    click(button('Générer le dossier de séance'));
    await settle();
    expect(calls('brief_council'), 'the checked projects, in agenda order').toEqual([
      { town_insee: null, meeting_date: '2026-12-14', project_ids: [7, 42, 5, 100], path: '/tmp/dossier.pdf', open: true },
    ]);
    expect(text('.briefs .brief-notice')).toBe('Note enregistrée : /tmp/dossier.pdf');
  });

  it('asks for a project when none is checked', async () => {
    standardBackend({ brief_council: ({ path }) => path });
    render('#/dashboard');
    await settle();
    for (const box of agendaBoxes()) click(box);
    click(button('Générer le dossier de séance'));
    await settle();
    expect(calls('brief_council')).toHaveLength(0);
    expect(vi.mocked(save)).not.toHaveBeenCalled();
    expect(text('.brief-notice')).toBe("Choisissez au moins un projet pour l'ordre du jour.");
  });
});
