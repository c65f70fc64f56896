// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn() }));

import { open, save } from '@tauri-apps/plugin-dialog';
import { backend, calls, cleanup, click, coreRules, render, settle, text, texts, town } from '../test-support';

afterEach(cleanup);

const info = {
  version: '0.1.0',
  db_path: '/home/chef/.local/share/bourgade/bourgade.sqlite',
  schema_version: 3,
  catalogue: { catalogue_version: 2, communes_version: '4.0.0', communes: 34969, actors: 82, solutions: 21, schemes: 14 },
  sources: [{ name: '@etalab/decoupage-administratif', version: '4.0.0', licence: 'Licence Ouverte 2.0', url: 'https://github.com/etalab/decoupage-administratif' }],
};

describe('settings', () => {
  it('shows the database, versions and data sources', async () => {
    backend({ list_towns: () => [town], app_info: () => info });
    render('#/settings');
    await settle();
    expect(text('[data-testid=db-path]'), 'where the data lives').toBe(info.db_path);
    expect(text('[data-testid=app-version]')).toBe('0.1.0');
    expect(texts('.sources tbody tr')[0], 'each source with its licence').toContain('Licence Ouverte 2.0');
    expect(text('[data-testid=followed-towns]'), 'followed towns with their facts').toContain('7 412 habitants');
  });

  it('lists the money rules with their texts, from the core', async () => {
    backend({ list_towns: () => [town], app_info: () => info });
    render('#/settings');
    await settle();
    const rules = texts('[data-testid=rule]');
    expect(rules, 'every rule of the core').toHaveLength(coreRules.length);
    expect(rules[0], 'the owner’s minimum share with its article and version').toContain(
      'Code général des collectivités territoriales, art. L1111-10, III — version en vigueur depuis le 31 mars 2024',
    );
    expect(rules[0], 'its exceptions').toContain('Monuments protégés au titre du code du patrimoine');
    expect(rules[3], 'a rule of good practice says it has no text').toContain('Règle de bonne gestion (pas de texte de loi)');
    expect(text('[role=alert]'), 'no error').toBe('');
  });

  it('exports through the save dialog and says where', async () => {
    vi.mocked(save).mockResolvedValue('/tmp/export.csv');
    backend({ list_towns: () => [town], app_info: () => info, export_file: () => 16 });
    render('#/settings');
    await settle();
    click(document.querySelector('[data-testid=export-csv]'));
    await settle();
    expect(vi.mocked(save).mock.calls[0]![0]!.filters, 'the dialog offers CSV').toEqual([{ name: 'Tableur (CSV)', extensions: ['csv'] }]);
    expect(calls('export_file'), 'the core writes the chosen file').toEqual([{ format: 'csv', path: '/tmp/export.csv' }]);
    expect(text('[data-testid=done-message]'), 'the result is said').toBe('16 projet(s) exporté(s) vers /tmp/export.csv');
  });

  it('checks an import first, then applies it', async () => {
    vi.mocked(open).mockResolvedValue('/tmp/projets.json');
    backend({
      list_towns: () => [town],
      app_info: () => info,
      import_file: ({ dry_run }) => ({ dry_run, created: 2, updated: 1, towns_added: [], actors_saved: 0, notes: [] }),
    });
    render('#/settings');
    await settle();
    click(document.querySelector('[data-testid=import-file]'));
    await settle();
    expect(calls('import_file'), 'a dry run first').toEqual([{ path: '/tmp/projets.json', dry_run: true }]);
    expect(text('[data-testid=import-preview]'), 'what would happen').toContain('2 projet(s) à créer, 1 à mettre à jour');
    click(document.querySelector('[data-testid=import-apply]'));
    await settle();
    expect(calls('import_file')[1], 'then for real').toEqual({ path: '/tmp/projets.json', dry_run: false });
    expect(text('[data-testid=done-message]'), 'the report').toContain('Import terminé : 2 projet(s) créé(s), 1 mis à jour.');
  });

  it('lists the line-level problems of a refused import', async () => {
    vi.mocked(open).mockResolvedValue('/tmp/erreurs.csv');
    backend({
      list_towns: () => [town],
      app_info: () => info,
      import_file: () => {
        throw {
          code: 'import',
          message: '2 problème(s) dans le fichier importé',
          problems: [
            { field: 'title', line: 3, message: 'Ligne 3 : Titre du projet : ce champ est obligatoire' },
            { field: 'stage', line: 7, message: "Étape : 12 n'existe pas" },
          ],
        };
      },
    });
    render('#/settings');
    await settle();
    click(document.querySelector('[data-testid=import-file]'));
    await settle();
    expect(texts('[data-testid=import-problem]'), 'one item per problem, each with its line').toEqual([
      'Ligne 3 : Titre du projet : ce champ est obligatoire',
      "Ligne 7 — Étape : 12 n'existe pas",
    ]);
    expect(document.querySelector('[data-testid=import-preview]'), 'nothing to apply').toBeNull();
  });

  it('switches the language from the settings', async () => {
    backend({ list_towns: () => [town], app_info: () => info });
    render('#/settings');
    await settle();
    click(document.querySelector('#lang-en'));
    await settle();
    expect(document.documentElement.lang, 'English').toBe('en');
    expect(text('#screen-title'), 'the screen follows').toBe('Settings');
  });
});
