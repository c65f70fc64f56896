// @vitest-environment happy-dom
// The Pilotage screen: the multi-year plan from the core (programme) with
// its XLSX, the comité de projet pack, and the convention's indicators.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

import { save } from '@tauri-apps/plugin-dialog';
import coreFixtures from '../lib/core-fixtures.json';
import type { Indicator, IndicatorTemplate, IndicatorView, Programme, Town } from '../lib/bindings';
import { today } from '../lib/project';
import { backend, calls, choose, cleanup, click, render, settle, text, texts, town, type } from '../test-support';

afterEach(() => {
  cleanup();
  vi.mocked(save).mockReset();
});

const fixtures = coreFixtures as unknown as { programme: Programme; town_indicators: IndicatorView[]; indicator_templates: IndicatorTemplate[] };
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const thisYear = Number(today().slice(0, 4));

function steeringBackend(extra: Record<string, (a: Record<string, unknown>) => unknown> = {}, towns: Town[] = [town]) {
  backend({
    list_towns: () => towns,
    programme: () => fixtures.programme,
    town_indicators: () => fixtures.town_indicators,
    indicator_templates: () => fixtures.indicator_templates,
    ...extra,
  });
}

function input(selector: string): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
}

/** The cells of a row of the plan's totals, by year. */
function totals(row: string): string[] {
  return texts(`[data-testid=programme-totals] tr[data-row=${row}] td`).map(plain);
}

describe('the multi-year plan', () => {
  it('shows the core’s plan of the town, years as columns, a group of rows per project and the totals', async () => {
    steeringBackend();
    render('#/pilotage');
    await settle();
    expect(text('nav a[aria-current=page]'), 'its entry in the navigation').toBe('Pilotage');
    expect(text('#screen-title'), 'the only town followed is steered').toBe('Pilotage — Carhaix-Plouguer');
    expect(calls('programme'), 'this year and the four next, for the town').toEqual([{ town_insee: '29024', from: thisYear, to: thisYear + 4 }]);
    expect(texts('[data-testid=programme-table] thead th'), 'one column per year').toEqual(['Projet', 'Poste', '2026', '2027', '2028', '2029', '2030']);
    expect(texts('[data-testid=programme-project] th[scope=rowgroup] a'), 'the projects with figures, by number').toEqual(fixtures.programme.projects.map((p) => p.title));
    expect(texts('[data-testid=programme-project]:first-of-type th[scope=row]'), 'each with spending, receipts and the net burden').toEqual([
      'Dépenses d\'investissement',
      'Dépenses de fonctionnement',
      'Recettes (subventions)',
      'Charge nette',
    ]);
    expect(totals('investment'), 'spending of the town by year, as the core added it').toEqual(['2 130 000 €', '2 600 000 €', '1 200 000 €', '500 000 €', '0 €']);
    expect(totals('operating')).toEqual(['0 €', '45 000 €', '0 €', '0 €', '0 €']);
    expect(totals('receipts')).toEqual(['438 000 €', '987 000 €', '0 €', '0 €', '0 €']);
    expect(totals('net'), 'the net burden').toEqual(['1 692 000 €', '1 658 000 €', '1 200 000 €', '500 000 €', '0 €']);
    const health = [...document.querySelectorAll('[data-testid=programme-project]')].find((g) => g.textContent?.includes('Maison de santé'))!;
    expect(plain(health.querySelector('tr[data-row=net] td[data-year="2027"]')!.textContent!), 'a net below zero: receipts above spending').toBe('-12 500 €');
    expect(plain(health.querySelector('th[scope=rowgroup]')!.textContent!), 'its cost and the grants with no schedule').toContain('Subventions sans échéancier : 462 000 €');
    expect(plain(text('[data-testid=programme-unscheduled]'))).toContain('1 537 000 €');
  });

  it('asks the core again for other years and shows its refusal under the years', async () => {
    steeringBackend({
      programme: ({ from, to }) => {
        if ((from as number) > (to as number)) {
          const message = `Années : de ${from} à ${to} n'est pas une période de 1 à 31 ans entre 2000 et 2100`;
          throw { code: 'invalid', message, problems: [{ field: 'years', line: null, message }] };
        }
        return fixtures.programme;
      },
    });
    render('#/pilotage');
    await settle();
    const to = input('#ppi-to');
    to.dispatchEvent(new FocusEvent('focus'));
    type(to, '2020');
    to.dispatchEvent(new FocusEvent('blur'));
    await settle();
    expect(calls('programme').at(-1), 'the years typed').toEqual({ town_insee: '29024', from: thisYear, to: 2020 });
    expect(text('#err-years'), 'the core’s words').toContain('n\'est pas une période de 1 à 31 ans');
    expect(to.getAttribute('aria-invalid')).toBe('true');
  });

  it('writes the XLSX for the finance department where the save dialog says', async () => {
    steeringBackend({ programme_xlsx: ({ path }) => path });
    vi.mocked(save).mockResolvedValue('/home/chef/ppi.xlsx');
    render('#/pilotage');
    await settle();
    click(document.querySelector('[data-testid=programme-export]'));
    await settle();
    expect(vi.mocked(save).mock.calls[0]![0]!.defaultPath, 'a dated default name').toMatch(/^ppi-29024-2026-2030-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(calls('programme_xlsx')).toEqual([{ town_insee: '29024', from: 2026, to: 2030, path: '/home/chef/ppi.xlsx' }]);
    expect(plain(text('[data-testid=programme-notice]'))).toBe('Tableau enregistré : /home/chef/ppi.xlsx');
  });

  it('asks for a town when several are followed and none is chosen', async () => {
    const other: Town = { ...town, insee: '70467', name: 'Saint-Loup-sur-Semouse', departement: '70', is_demo: false };
    steeringBackend({}, [town, other]);
    render('#/pilotage');
    await settle();
    expect(calls('programme'), 'nothing asked before a town is chosen').toHaveLength(0);
    choose(document.querySelector<HTMLSelectElement>('#steering-town')!, '70467');
    await settle();
    expect(calls('programme').at(-1)!.town_insee, 'the town picked').toBe('70467');
    expect(document.querySelector<HTMLSelectElement>('#town-select')!.value, 'and the header follows').toBe('70467');
  });
});

describe('the comité de projet', () => {
  it('writes the pack where the save dialog says and names the file', async () => {
    steeringBackend({ brief_committee: ({ path }) => path });
    vi.mocked(save).mockResolvedValue('/home/chef/comite.pdf');
    render('#/pilotage');
    await settle();
    type(input('#committee-since'), '2026-09-15');
    type(input('#committee-date'), '2026-12-10');
    click(document.querySelector('[data-testid=committee-generate]'));
    await settle();
    expect(vi.mocked(save).mock.calls[0]![0]!.defaultPath).toBe('comite-de-projet-2026-12-10.pdf');
    expect(calls('brief_committee')).toEqual([{ town_insee: '29024', since: '2026-09-15', date: '2026-12-10', path: '/home/chef/comite.pdf', open: true }]);
    expect(plain(text('[data-testid=committee-notice]'))).toBe('Dossier du comité enregistré : /home/chef/comite.pdf');
  });

  it('sends no meeting date when it is left empty, and asks for the date of the last committee', async () => {
    steeringBackend({ brief_committee: ({ path }) => path });
    vi.mocked(save).mockResolvedValue('/tmp/c.pdf');
    render('#/pilotage');
    await settle();
    type(input('#committee-since'), '');
    click(document.querySelector('[data-testid=committee-generate]'));
    await settle();
    expect(text('#err-committee-since')).toBe('Indiquez la date du dernier comité');
    expect(calls('brief_committee'), 'nothing asked').toHaveLength(0);
    type(input('#committee-since'), '2026-09-15');
    type(input('#committee-date'), '');
    click(document.querySelector('[data-testid=committee-generate]'));
    await settle();
    expect(calls('brief_committee')[0]!.date, 'the core takes the day').toBeNull();
  });

  it('puts the core’s refusal of a date under that date', async () => {
    steeringBackend({
      brief_committee: () => {
        const message = 'Date du comité : elle précède la date du dernier comité';
        throw { code: 'invalid', message, problems: [{ field: 'date', line: null, message }] };
      },
    });
    vi.mocked(save).mockResolvedValue('/tmp/c.pdf');
    render('#/pilotage');
    await settle();
    type(input('#committee-since'), '2026-09-15');
    type(input('#committee-date'), '2026-09-01');
    click(document.querySelector('[data-testid=committee-generate]'));
    await settle();
    expect(input('#committee-date').getAttribute('aria-invalid')).toBe('true');
    expect(text('#err-committee-date')).toContain('elle précède la date du dernier comité');
    expect(document.querySelector('[data-testid=committee] [data-testid=error-alert]'), 'not said twice').toBeNull();
  });

  it('says so when this version of the app cannot make the pack yet', async () => {
    steeringBackend({
      // Tauri's own words for a command the shell lacks.
      brief_committee: () => {
        throw 'Command brief_committee not found';
      },
    });
    vi.mocked(save).mockResolvedValue('/tmp/c.pdf');
    render('#/pilotage');
    await settle();
    click(document.querySelector('[data-testid=committee-generate]'));
    await settle();
    expect(text('[data-testid=committee] [data-testid=error-alert]')).toContain('pas disponible dans cette version');
    expect(text('[data-testid=committee-notice]')).toBe('');
  });
});

describe('the convention’s indicators', () => {
  it('shows each with the core’s progress and chart, and saves a reading added', async () => {
    let saved: Indicator[] | null = null;
    steeringBackend({
      save_town_indicators: ({ insee, indicators }) => {
        expect(insee).toBe('29024');
        saved = indicators as Indicator[];
        return fixtures.town_indicators.map((v, i) => (i === 0 ? { indicator: saved![0]!, progress: { ...v.progress, percent: 84.6, latest: saved![0]!.readings.at(-1)! } } : v));
      },
    });
    render('#/pilotage');
    await settle();
    expect(texts('[data-testid=town-indicators] [data-testid=indicator] > legend').map(plain), 'the three of the demo').toEqual([
      'Indicateur n° 1 — Taux de vacance commerciale du centre-ville',
      'Indicateur n° 2 — Logements vacants depuis plus de deux ans',
      'Indicateur n° 3 — Surfaces désimperméabilisées',
    ]);
    expect(texts('[data-testid=town-indicators] [data-testid=progress-percent]').map(plain), 'the core’s progress').toEqual(['67,7 %', '48,8 %', '35 %']);
    const firstChart = document.querySelector('[data-testid=town-indicators] [data-testid=indicator-chart]')!;
    expect(firstChart.querySelectorAll('[data-testid=chart-point]'), 'four readings').toHaveLength(4);

    type(input('#f-indicators-0-new_date'), '2026-11-30');
    const value = input('#f-indicators-0-new_value');
    value.dispatchEvent(new FocusEvent('focus'));
    type(value, '13');
    value.dispatchEvent(new FocusEvent('blur'));
    flushSync();
    click(document.querySelector('[data-testid=town-indicators] [data-testid=add-reading]'));
    await settle();
    expect(saved, 'saved at once').not.toBeNull();
    expect(saved![0]!.readings.map((r) => r.value), 'the new reading last').toEqual([17, 15.8, 14.9, 14.1, 13]);
    expect(saved!.length, 'the other indicators sent unchanged').toBe(3);
    expect(firstChart.querySelectorAll('[data-testid=chart-point]'), 'one more point').toHaveLength(5);
    expect(plain(texts('[data-testid=town-indicators] [data-testid=progress-percent]')[0]!), 'the core’s new progress').toBe('84,6 %');
    expect(text('[data-testid=save-status]'), 'the header says it is saved').toBe('✓ Enregistré');
  });
});
