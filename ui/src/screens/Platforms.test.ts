// @vitest-environment happy-dom
// The national platforms: Les Communs and TeT files out, a TeT plan and an
// Aides-territoires file in (checked first), and the open aids of a project.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn() }));

import { open, save } from '@tauri-apps/plugin-dialog';
import type { AidSuggestion } from '../lib/bindings';
import { backend, calls, choose, corePlans, cleanup, click, dashboardData, detail, render, settle, text, texts, town, type } from '../test-support';

afterEach(() => {
  cleanup();
  vi.mocked(open).mockReset();
  vi.mocked(save).mockReset();
});

const other = { ...town, insee: '70467', name: 'Saint-Loup-sur-Semouse', departement: '70', is_demo: false };
const info = {
  version: '0.1.0', db_path: '/tmp/b.sqlite', schema_version: 9,
  catalogue: { catalogue_version: 3, communes_version: '6.0.0', communes: 34969, actors: 82, solutions: 21, schemes: 20 },
  sources: [],
};
const base = { list_towns: () => [town, other], app_info: () => info, list_rules: () => [], list_aids: () => [] };

function platforms(): Element {
  const el = document.querySelector('[data-testid=platforms]');
  if (!el) throw new Error('no platforms card');
  return el;
}

describe('national platforms in the settings', () => {
  it('exports for Les Communs in the chosen format and town', async () => {
    vi.mocked(save).mockResolvedValue('/tmp/projets.json');
    backend({ ...base, export_communs: () => 3 });
    render('#/settings');
    await settle();
    choose(document.querySelector('#platform-town')!, '70467');
    choose(document.querySelector('#communs-format')!, 'json');
    click(document.querySelector('[data-testid=export-communs]'));
    await settle();
    expect(vi.mocked(save).mock.calls[0]![0]!.filters, 'a JSON file').toEqual([{ name: 'Les Communs (JSON)', extensions: ['json'] }]);
    expect(calls('export_communs')).toEqual([{ format: 'json', town_insee: '70467', path: '/tmp/projets.json' }]);
    expect(text('[data-testid=platforms-done]')).toBe('3 projet(s) exporté(s) : /tmp/projets.json');
  });

  it('writes the experimental v0.2.0 draft into a folder, for every town', async () => {
    vi.mocked(open).mockResolvedValue('/tmp/communs-v02');
    backend({ ...base, export_communs: () => 5 });
    render('#/settings');
    await settle();
    choose(document.querySelector('#communs-format')!, 'draft_v02');
    click(document.querySelector('[data-testid=export-communs]'));
    await settle();
    expect(vi.mocked(open).mock.calls[0]![0], 'a folder is asked for').toMatchObject({ directory: true });
    expect(calls('export_communs')).toEqual([{ format: 'draft_v02', town_insee: null, path: '/tmp/communs-v02' }]);
  });

  it('asks for the town before importing a TeT plan, checks it, then imports', async () => {
    vi.mocked(open).mockResolvedValue('/tmp/plan.xlsx');
    backend({
      ...base,
      import_tet: ({ dry_run }) => ({ dry_run, created: 4, updated: 1, towns_added: [], actors_saved: 0, notes: ['1 financeur non reconnu'] }),
    });
    render('#/settings');
    await settle();
    click(document.querySelector('[data-testid=import-tet]'));
    await settle();
    expect(text('[data-testid=platforms] [role=alert]'), 'no town, no import').toContain('Choisissez la commune');
    expect(calls('import_tet')).toEqual([]);

    choose(document.querySelector('#platform-town')!, '29024');
    click(document.querySelector('[data-testid=import-tet]'));
    await settle();
    expect(vi.mocked(open).mock.calls[0]![0]!.filters).toEqual([{ name: 'Plan d’action Territoires en Transitions (XLSX, ODS)'.replace('’', "'"), extensions: ['xlsx', 'ods'] }]);
    expect(calls('import_tet'), 'a dry run first').toEqual([{ path: '/tmp/plan.xlsx', town_insee: '29024', dry_run: true }]);
    expect(text('[data-testid=platform-preview]')).toContain('4 projet(s) à créer et 1 à mettre à jour à Carhaix-Plouguer');
    expect(text('[data-testid=platform-preview]'), 'the core’s notes').toContain('1 financeur non reconnu');
    click(document.querySelector('[data-testid=platform-apply]'));
    await settle();
    expect(calls('import_tet')[1]).toEqual({ path: '/tmp/plan.xlsx', town_insee: '29024', dry_run: false });
    expect(text('[data-testid=platforms-done]')).toContain('Import terminé : 4 projet(s) créé(s), 1 mis à jour.');
  });

  it('imports aids with a default perimeter after a dry run, and lists the refused entries', async () => {
    vi.mocked(open).mockResolvedValue('/tmp/aides.json');
    let stored = 0;
    backend({
      ...base,
      list_aids: () => Array.from({ length: stored }, () => ({})),
      import_aids: ({ dry_run }) => {
        if (!dry_run) stored = 12;
        return { dry_run, read: 12, created: 12, updated: 0, closed: 2, unplaced: 0, notes_fr: ['2 aide(s) close(s) : conservée(s), marquée(s) closes.'], notes_en: [] };
      },
    });
    render('#/settings');
    await settle();
    expect(text('[data-testid=aid-count]')).toBe('0 aide(s) enregistrée(s).');
    type(document.querySelector<HTMLInputElement>('#aids-perimeter')!, ' departement:26 ');
    click(document.querySelector('[data-testid=import-aids]'));
    await settle();
    expect(calls('import_aids')).toEqual([{ path: '/tmp/aides.json', perimeter: 'departement:26', dry_run: true }]);
    expect(text('[data-testid=platform-preview]')).toContain('12 aide(s) lue(s), 12 à ajouter, 0 à mettre à jour');
    expect(text('[data-testid=platform-preview]')).toContain('2 aide(s) close(s)');
    click(document.querySelector('[data-testid=platform-apply]'));
    await settle();
    expect(calls('import_aids')[1]).toEqual({ path: '/tmp/aides.json', perimeter: 'departement:26', dry_run: false });
    expect(text('[data-testid=aid-count]'), 'the count follows').toBe('12 aide(s) enregistrée(s).');

    backend({
      ...base,
      import_aids: () => {
        throw { code: 'import', message: '2 problèmes', problems: [
          { field: 'name', line: 3, message: 'Aide n° 3 — Nom : ce champ est obligatoire' },
          { field: 'submission_deadline', line: 9, message: 'Aide n° 9 — Date de clôture : « 31/02/2027 » n’est pas une date' },
        ] };
      },
    });
    click(document.querySelector('[data-testid=import-aids]'));
    await settle();
    expect(texts('[data-testid=platforms] [data-testid=import-problem]'), 'one line per refused entry').toHaveLength(2);
    expect(document.querySelector('[data-testid=platform-preview]'), 'nothing to apply').toBeNull();
  });
});

const suggestion = (id: number, extra: Partial<AidSuggestion> = {}): AidSuggestion => ({
  aid_id: id, name: `Aide ${id}`, score: 5,
  reasons: [
    { code: 'perimeter', points: 3, fr: 'périmètre : Finistère', en: 'perimeter: Finistère' },
    { code: 'deadline', points: 0, fr: 'clôture le 31 mars 2027', en: 'closes on 31 March 2027' },
  ],
  submission_deadline: '2027-03-31', opens_on: null, financers: ['Région Bretagne'], aid_types: ['grant'], rate_min: 20, rate_max: 50,
  application_url: 'https://example.org/depot', origin_url: '', facts_fr: 'Région Bretagne · Subvention · 20–50 %', facts_en: 'Région Bretagne · Grant · 20–50 %',
  link: 'https://example.org/depot', ...extra,
});

function projectBackend(aids: () => unknown) {
  backend({
    list_towns: () => [town],
    get_project: () => detail(3, { stage: 5 }),
    list_actors: () => [],
    list_solutions: () => [],
    list_funding_schemes: () => [],
    plan_summary: () => corePlans['4'],
    suggest_aids: aids,
  });
}

describe('open aids on the project page', () => {
  it('lists the aids that fit with their facts, reasons, deadline and address', async () => {
    projectBackend(() => [suggestion(1), ...Array.from({ length: 6 }, (_, i) => suggestion(i + 2, { submission_deadline: null }))]);
    render('#/projects/3');
    await settle();
    const items = texts('[data-testid=aid-suggestion]');
    expect(items, 'five shown first').toHaveLength(5);
    expect(items[0]).toContain('Aide 1');
    expect(items[0], 'the deadline in its own place').toContain('Clôture le 31 mars 2027');
    expect(items[0], 'the core’s facts').toContain('Région Bretagne · Subvention · 20–50 %');
    expect(items[0], 'the reasons but the deadline').toContain('périmètre : Finistère');
    expect(items[0]).not.toContain('clôture le 31 mars');
    expect(items[0], 'where to apply, as text').toContain('https://example.org/depot');
    expect(items[1]).toContain('Sans date de clôture');
    expect(calls('suggest_aids')).toEqual([{ id: 3 }]);
    click(document.querySelector('[data-testid=aids-section] button'));
    await settle();
    expect(texts('[data-testid=aid-suggestion]'), 'then all').toHaveLength(7);
  });

  it('says where aids come from when none fits, and hides without the command', async () => {
    projectBackend(() => []);
    render('#/projects/3');
    await settle();
    expect(text('[data-testid=no-aid]')).toContain('Aucune aide ouverte ne correspond à ce projet');
    expect(document.querySelector<HTMLAnchorElement>('[data-testid=no-aid] a')!.getAttribute('href')).toBe('#/settings');
    cleanup();
    projectBackend(() => {
      throw 'Command suggest_aids not found';
    });
    render('#/projects/3');
    await settle();
    expect(document.querySelector('[data-testid=aids-section]'), 'an older core: no section').toBeNull();
  });
});

describe('aid closing dates on the dashboard', () => {
  it('names them as such', async () => {
    backend({
      list_towns: () => [town],
      dashboard: () => dashboardData({
        upcoming: [{ date: '2027-03-31', kind: 'aid_closes', project_id: 3, project_title: 'Halles', label: 'Aide au commerce' }],
        upcoming_total: 1,
      }),
    });
    render('#/dashboard');
    await settle();
    expect(text('[data-testid=upcoming-list]')).toContain("Clôture d'une aide");
    expect(text('[data-testid=upcoming-list]')).toContain('Aide au commerce');
  });
});

describe('catalogue updates in the settings', () => {
  it('checks a catalogue file, lists what would change, then applies it', async () => {
    vi.mocked(open).mockResolvedValue('/tmp/catalogue.json');
    const report = (dry_run: boolean) => ({
      dry_run, catalogue_version: 5,
      added: [{ kind: 'actor', id: 'reseau-fictif', name: 'Réseau fictif' }],
      changed: [{ kind: 'scheme', id: 'DETR', name: 'DETR' }],
      retired: [{ kind: 'actor', id: 'ancien', name: 'Réseau disparu' }],
      kept_user: [{ kind: 'actor', id: 'cress-bretagne', name: 'CRESS Bretagne' }],
      unchanged: 150,
    });
    backend({ ...base, update_catalogue: ({ dry_run }) => report(Boolean(dry_run)) });
    render('#/settings');
    await settle();
    click(document.querySelector('[data-testid=catalogue-update]'));
    await settle();
    expect(calls('update_catalogue')).toEqual([{ path: '/tmp/catalogue.json', dry_run: true }]);
    const preview = text('[data-testid=catalogue-preview]');
    expect(preview).toContain('1 ajout(s), 1 modification(s), 1 retrait(s) ; 150 entrée(s) déjà à jour.');
    expect(preview).toContain('Réseau fictif (acteur)');
    expect(preview).toContain('Retirés (gardés pour les projets qui les citent) (1)');
    expect(preview, 'the user’s edits stay').toContain('Laissés tels que vous les avez saisis ou modifiés (1)');
    click(document.querySelector('[data-testid=catalogue-apply]'));
    await settle();
    expect(calls('update_catalogue')[1]).toEqual({ path: '/tmp/catalogue.json', dry_run: false });
    expect(text('[data-testid=catalogue-done]')).toBe('Catalogue mis à jour : 1 ajout(s), 1 modification(s), 1 retrait(s).');
  });

  it('says when a file changes nothing, and lists the problems of a bad one', async () => {
    vi.mocked(open).mockResolvedValue('/tmp/catalogue.json');
    backend({ ...base, update_catalogue: () => ({ dry_run: true, catalogue_version: 4, added: [], changed: [], retired: [], kept_user: [], unchanged: 162 }) });
    render('#/settings');
    await settle();
    click(document.querySelector('[data-testid=catalogue-update]'));
    await settle();
    expect(text('[data-testid=catalogue-done]')).toBe('Le catalogue est déjà à jour : 162 entrée(s) identique(s).');
    expect(document.querySelector('[data-testid=catalogue-preview]')).toBeNull();
    backend({
      ...base,
      update_catalogue: () => {
        throw { code: 'import', message: '1 problème', problems: [{ field: 'verified_on', line: 8, message: 'Ligne 8 : Acteur n° 2 (x) : la date de vérification (verified_on, AAAA-MM-JJ) manque' }] };
      },
    });
    click(document.querySelector('[data-testid=catalogue-update]'));
    await settle();
    expect(texts('[data-testid=catalogue-card] [data-testid=import-problem]')).toEqual(['Ligne 8 : Acteur n° 2 (x) : la date de vérification (verified_on, AAAA-MM-JJ) manque']);
  });
});
