// @vitest-environment happy-dom
// The project page's expense lines, application facts, dossier, and what it
// saves while a field is refused.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

import { ask, open } from '@tauri-apps/plugin-dialog';
import type { ExpenseLine, FundingLine, IpcProblem, ProjectDetail, ProjectFields, ProjectLines } from '../lib/bindings';
import { leaveGuard } from '../lib/leave';
import { backend, calls, choose, cleanup, click, corePlans, detail, render, settle, text, texts, town, type } from '../test-support';

afterEach(() => {
  cleanup();
  vi.mocked(ask).mockReset();
  vi.mocked(open).mockReset();
});

const funding = (extra: Partial<FundingLine> = {}): FundingLine => ({
  funder: 'state', scheme: 'DETR', kind: 'grant', nature: 'investment', eligible_base_excl_vat: null, rate_percent: 30,
  amounts_incl_vat: false, amount_requested: null, amount_awarded: null, amount_paid: null, status: 'to_request',
  deadline: null, filed_on: null, notified_on: null, paid_on: null, note: '', payments: [], extended_to: null, ...extra,
});
const expense = (extra: Partial<ExpenseLine> = {}): ExpenseLine => ({
  category: 'works', label: 'Gros œuvre', amount_excl_vat: 100000, vat_rate_percent: 20, ineligible_for: [], ...extra,
});

/**
 * A store for one project that derives the cost and the bases the way the
 * core says it does: the test writes the derived figures it expects for
 * its own lines (the UI never computes them).
 */
function pageBackend(d: ProjectDetail, derived: (lines: ProjectLines) => Partial<ProjectDetail> = () => ({}), overrides: Record<string, (a: Record<string, unknown>) => unknown> = {}) {
  let stored = structuredClone(d);
  backend({
    list_towns: () => [town],
    get_project: () => structuredClone(stored),
    plan_summary: () => corePlans['4'],
    list_actors: () => [],
    list_solutions: () => [],
    list_funding_schemes: () => [],
    update_project: ({ fields }) => {
      stored = { ...stored, ...(fields as ProjectFields), updated_at: '2026-11-23T10:00:00Z' };
      return structuredClone(stored);
    },
    save_project_lines: ({ lines }) => {
      stored = { ...stored, ...(lines as ProjectLines), ...derived(lines as ProjectLines) };
      return structuredClone(stored);
    },
    ...overrides,
  });
  return { stored: () => stored };
}

function input(selector: string): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
}

/** Types into an amount box as a user would: focus, text, leave. */
async function typeAmount(selector: string, value: string) {
  const el = input(selector);
  el.dispatchEvent(new FocusEvent('focus'));
  type(el, value);
  el.dispatchEvent(new FocusEvent('blur'));
  el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  await settle();
}

async function leaveField(el: HTMLElement) {
  el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  await settle();
}

const lastLines = () => calls('save_project_lines').at(-1)!.lines as ProjectLines;
const lastFields = () => calls('update_project').at(-1)!.fields as ProjectFields;

describe('expense lines', () => {
  it('adds a line, shows its VAT and TTC, sends the bases as derived and shows the core’s cost read-only', async () => {
    pageBackend(detail(3, { cost_excl_vat: 95000, cost_incl_vat: 114000, funding_lines: [funding({ eligible_base_excl_vat: 95000 })] }), () => ({
      // What the core derives from one line of 80 000 € HT at 5,5 %.
      cost_excl_vat: 80000,
      cost_incl_vat: 84400,
      funding_lines: [funding({ eligible_base_excl_vat: 80000 })],
    }));
    render('#/projects/3');
    await settle();
    expect(text('#sec-expenses ~ div .empty-note'), 'no line yet: costs are typed').toContain('Aucun poste de dépenses');
    expect(input('#f-cost_excl_vat').readOnly, 'the cost is typed by hand').toBe(false);

    // The funding line has a base typed by hand: the first line asks first.
    vi.mocked(ask).mockResolvedValueOnce(false);
    click(document.querySelector('[data-testid=add-expense-line]'));
    await settle();
    expect(document.querySelector('#f-expense_lines-0-label'), 'declined: no line added').toBeNull();
    vi.mocked(ask).mockResolvedValueOnce(true);
    click(document.querySelector('[data-testid=add-expense-line]'));
    await settle();
    expect(vi.mocked(ask).mock.calls[0]![0]).toContain('les assiettes saisies sont remplacées');
    const label = input('#f-expense_lines-0-label');
    expect(document.activeElement, 'the new line’s label has the focus').toBe(label);
    type(label, 'Travaux de la halle');
    choose(document.querySelector<HTMLSelectElement>('#f-expense_lines-0-vat_rate_percent')!, '5.5');
    await typeAmount('#f-expense_lines-0-amount_excl_vat', '80 000');

    expect(text('[data-testid=expense-vat]').replace(/\s/g, ' '), 'the line’s VAT at 5,5 %').toBe('4 400 €');
    expect(text('[data-testid=expense-incl-vat]').replace(/\s/g, ' '), 'and its amount incl. VAT').toBe('84 400 €');
    const sent = lastLines();
    expect(sent.expense_lines, 'the line as typed, eligible to all').toEqual([
      { category: 'works', label: 'Travaux de la halle', amount_excl_vat: 80000, vat_rate_percent: 5.5, ineligible_for: [] },
    ]);
    expect(sent.funding_lines[0]!.eligible_base_excl_vat, 'null: derived by the core').toBeNull();

    const cost = input('#f-cost_excl_vat');
    expect(cost.readOnly, 'the cost is now the lines’ sum').toBe(true);
    expect(cost.value, 'the core’s derived cost').toBe('80 000');
    expect(input('#f-cost_incl_vat').value).toBe('84 400');
    expect(text('[data-testid=derived-cost]')).toBe('Calculé à partir des postes de dépenses');
    const base = input('#f-funding_lines-0-eligible_base_excl_vat');
    expect([base.readOnly, base.value], 'the base too, from the reply').toEqual([true, '80 000']);
    expect(texts('[data-testid=expense-totals] dt'), 'the totals row').toEqual(['Total HT', 'TVA', 'Total TTC']);
    expect(texts('[data-testid=expense-totals] dd').map((t) => t.replace(/\s/g, ' ')), 'its figures, from the core').toEqual(['80 000 €', '4 400 €', '84 400 €']);

    // A field saved now sends the cost as derived.
    const summary = document.querySelector<HTMLTextAreaElement>('#f-summary')!;
    type(summary, 'Rénover la halle');
    await leaveField(summary);
    expect([lastFields().cost_excl_vat, lastFields().cost_incl_vat], 'update_project sends null costs').toEqual([null, null]);
  });

  it('ticks off a funder, and renumbers eligibility when a funding line is removed', async () => {
    pageBackend(
      detail(3, {
        funding_lines: [funding(), funding({ funder: 'region', scheme: 'REGION' }), funding({ funder: 'eu', scheme: 'LEADER' })],
        expense_lines: [expense({ ineligible_for: [2] })],
      }),
    );
    render('#/projects/3');
    await settle();
    expect(texts('[data-testid=expense-line] .eligible label'), 'one box per funding line, named by funder and scheme').toEqual([
      'n° 1 État · DETR',
      'n° 2 Région · REGION',
      'n° 3 Union européenne · LEADER',
    ]);
    const boxes = () => [...document.querySelectorAll<HTMLInputElement>('[data-testid=expense-line] .eligible input')].map((b) => b.checked);
    expect(boxes(), 'not eligible to LEADER').toEqual([true, true, false]);

    const region = document.querySelectorAll<HTMLInputElement>('[data-testid=expense-line] .eligible input')[1]!;
    region.checked = false;
    region.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(lastLines().expense_lines[0]!.ineligible_for, 'saved at once').toEqual([1, 2]);

    // Remove the first funding line (DETR): REGION and LEADER move up.
    const remove = [...document.querySelectorAll<HTMLButtonElement>('[data-testid=funding-line] button')].find((b) => b.textContent!.includes('Financement n° 1'))!;
    click(remove);
    await settle();
    const sent = lastLines();
    expect(sent.funding_lines.map((l) => l.scheme)).toEqual(['REGION', 'LEADER']);
    expect(sent.expense_lines[0]!.ineligible_for, 'positions 1 and 2 became 0 and 1').toEqual([0, 1]);
    expect(boxes(), 'the boxes follow').toEqual([false, false]);
  });

  it('keeps a new line with no label on screen with its message, and saves the rest', async () => {
    pageBackend(detail(3, { milestones: [{ title: 'Étude', due_date: '2027-01-15', done: false }] }), () => ({}), {
      save_project_lines: ({ lines }) => {
        const l = lines as ProjectLines;
        const problems: IpcProblem[] = l.expense_lines.flatMap((e, i) =>
          e.label.trim() ? [] : [{ field: `expense_lines[${i}].label`, line: null, message: `Poste de dépenses n° ${i + 1} — Libellé : ce champ est obligatoire` }],
        );
        if (problems.length) throw { code: 'invalid', message: problems[0]!.message, problems };
        return { ...detail(3), ...l };
      },
    });
    render('#/projects/3');
    await settle();
    click(document.querySelector('[data-testid=add-expense-line]'));
    await settle();
    const title = input('#f-milestones-0-title');
    type(title, 'Étude de faisabilité');
    await leaveField(title);
    const sent = calls('save_project_lines');
    expect(sent.at(-1)!.lines, 'the milestone is saved without the unfinished expense line').toMatchObject({
      expense_lines: [],
      milestones: [{ title: 'Étude de faisabilité' }],
    });
    expect(document.querySelectorAll('[data-testid=expense-line]'), 'the line stays on screen').toHaveLength(1);
    expect(input('#f-expense_lines-0-label').getAttribute('aria-invalid'), 'marked').toBe('true');
    expect(text('#err-expense_lines-0-label'), 'with the core’s message').toContain('Libellé : ce champ est obligatoire');
    expect(text('[data-testid=save-status]'), 'the header says it is not all saved').toBe('! Non enregistré');
  });
});

describe('a refused field', () => {
  const SHEET = 'FA-2026-ATTRACTIVITE-COMMERCES-CENTRE-BOURG'; // 41 characters
  const refusingSheets = (fields: ProjectFields, stored: () => ProjectDetail) => {
    if ((fields.action_sheet ?? '').length > 40) {
      const p = { field: 'action_sheet', line: null, message: 'Numéro de fiche action : 41 caractères, au plus 40 sont acceptés' };
      throw { code: 'invalid', message: p.message, problems: [p] };
    }
    return { ...stored(), ...fields };
  };

  it('does not stop the other fields from being saved', async () => {
    let store: ProjectDetail = detail(3, { title: 'Halles', action_sheet: 'FA-3' });
    pageBackend(store, () => ({}), {
      update_project: ({ fields }) => {
        store = refusingSheets(fields as ProjectFields, () => store) as ProjectDetail;
        return store;
      },
    });
    render('#/projects/3');
    await settle();
    const sheet = input('#f-action_sheet');
    type(sheet, SHEET);
    await leaveField(sheet);
    expect(sheet.getAttribute('aria-invalid'), 'the action sheet is refused').toBe('true');

    const summary = document.querySelector<HTMLTextAreaElement>('#f-summary')!;
    type(summary, 'Rénover les halles');
    await leaveField(summary);
    expect(store.summary, 'the summary is stored all the same').toBe('Rénover les halles');
    expect(store.action_sheet, 'the action sheet keeps its last saved value').toBe('FA-3');
    expect(sheet.value, 'the typed text stays in its box').toBe(SHEET);
    expect(text('#err-action_sheet'), 'with its message').toContain('au plus 40 sont acceptés');

    // Corrected: saved, message gone.
    type(sheet, 'FA-2026-07');
    await leaveField(sheet);
    expect(store.action_sheet).toBe('FA-2026-07');
    expect(document.querySelector('#err-action_sheet'), 'no message left').toBeNull();
    expect(text('[data-testid=save-status]')).toBe('✓ Enregistré');
  });

  it('asks before leaving the page while it holds refused input, and stays when asked to', async () => {
    let store: ProjectDetail = detail(3, { title: 'Halles' });
    pageBackend(store, () => ({}), {
      update_project: ({ fields }) => {
        store = refusingSheets(fields as ProjectFields, () => store) as ProjectDetail;
        return store;
      },
      dashboard: () => ({}),
      list_projects: () => [],
      count_projects: () => 0,
    });
    render('#/projects/3');
    await settle();
    const sheet = input('#f-action_sheet');
    type(sheet, SHEET);
    await leaveField(sheet);

    vi.mocked(ask).mockResolvedValueOnce(false);
    location.hash = '#/board';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle(5);
    expect(vi.mocked(ask).mock.calls[0]![0], 'a native question, in French').toContain('ne sont pas enregistrées');
    expect(vi.mocked(ask).mock.calls[0]![1], 'with buttons that say what they do').toMatchObject({ okLabel: 'Quitter la page', cancelLabel: 'Rester sur la page' });
    expect(document.querySelector('[data-testid=project-heading]'), 'still on the project').not.toBeNull();
    expect(location.hash, 'its address back').toBe('#/projects/3');
    expect(input('#f-action_sheet').value, 'the typed text is still there').toBe(SHEET);

    vi.mocked(ask).mockResolvedValueOnce(true);
    location.hash = '#/board';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle(5);
    expect(document.querySelector('[data-testid=project-heading]'), 'left when the user says so').toBeNull();
    expect(leaveGuard.active, 'the page no longer guards').toBe(false);
  });

  it('leaves without asking when everything is saved', async () => {
    pageBackend(detail(3), () => ({}), { list_projects: () => [], count_projects: () => 0 });
    render('#/projects/3');
    await settle();
    const summary = document.querySelector<HTMLTextAreaElement>('#f-summary')!;
    type(summary, 'Rénover');
    location.hash = '#/board';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle(5);
    expect(lastFields().summary, 'the pending change is saved on the way out').toBe('Rénover');
    expect(ask, 'no question').not.toHaveBeenCalled();
    expect(document.querySelector('[data-testid=project-heading]')).toBeNull();
  });

  it('warns before a reload while input would be lost', async () => {
    let store: ProjectDetail = detail(3);
    pageBackend(store, () => ({}), {
      update_project: ({ fields }) => {
        store = refusingSheets(fields as ProjectFields, () => store) as ProjectDetail;
        return store;
      },
    });
    render('#/projects/3');
    await settle();
    const clean = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(clean);
    expect(clean.defaultPrevented, 'nothing to lose: no warning').toBe(false);
    const sheet = input('#f-action_sheet');
    type(sheet, SHEET);
    await leaveField(sheet);
    const dirty = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(dirty);
    expect(dirty.defaultPrevented, 'the browser asks').toBe(true);
  });
});

describe('application facts', () => {
  it('saves the operation, revenue, rank, category, zonings and land take with the fields', async () => {
    pageBackend(detail(3));
    render('#/projects/3');
    await settle();
    expect(text('#sec-application'), 'the section').toBe('Demande de subvention');
    choose(document.querySelector<HTMLSelectElement>('#f-application-operation')!, 'works_and_acquisition');
    await typeAmount('#f-application-expected_revenue', '12 000');
    await typeAmount('#f-application-priority_rank', '2');
    const category = input('#f-application-category');
    type(category, 'Revitalisation des centres-bourgs');
    click(document.querySelector('label[for=f-zoning-frr]'));
    click(document.querySelector('label[for=f-contract-pvd]'));
    click(document.querySelector('label[for=f-eco-climate_adaptation]'));
    click(document.querySelector('label[for=f-land-no]'));
    await leaveField(category);
    expect(lastFields().application, 'every answer').toEqual({
      operation: 'works_and_acquisition',
      expected_revenue: 12000,
      priority_rank: 2,
      category: 'Revitalisation des centres-bourgs',
      zonings: ['frr'],
      contracts: ['pvd'],
      eco_objectives: ['climate_adaptation'],
      consumes_natural_land: false,
    });
  });

  it('says a rank that is not a whole number, and puts the core’s message under the rank', async () => {
    pageBackend(detail(3), () => ({}), {
      update_project: ({ fields }) => {
        const f = fields as ProjectFields;
        if ((f.application.priority_rank ?? 1) > 999) {
          const p = { field: 'application.priority_rank', line: null, message: 'Rang de priorité : un nombre de 1 (priorité première) à 999' };
          throw { code: 'invalid', message: p.message, problems: [p] };
        }
        return { ...detail(3), ...f };
      },
    });
    render('#/projects/3');
    await settle();
    await typeAmount('#f-application-priority_rank', 'deux');
    expect(text('#f-application-priority_rank-unreadable')).toBe('« deux » n\'est pas un nombre entier (exemple : 2)');
    await typeAmount('#f-application-priority_rank', '1500');
    expect(text('#err-application-priority_rank'), 'the core’s words').toContain('de 1 (priorité première) à 999');
    expect(input('#f-application-priority_rank').value).toBe('1500');
  });
});

describe('the application dossier', () => {
  const files = (dir: string) =>
    ['plan-de-financement.pdf', 'plan-de-financement.docx', 'projet-de-deliberation.docx', 'projet-de-deliberation.pdf', 'fiche-demande.pdf', 'note-de-synthese.pdf'].map((name, i) => ({
      name,
      path: `${dir}/${name}`,
      bytes: 20480 + i * 1024,
    }));

  function dossierBackend(existing: Set<string>) {
    return pageBackend(detail(3, { funding_lines: [funding(), funding({ funder: 'region', scheme: 'REGION' }), funding({ scheme: 'detr' })] }), () => ({}), {
      make_dossier: ({ dir, force }) => {
        if (existing.has(String(dir)) && !force) {
          const p = { field: 'force', line: null, message: `Le dossier ${String(dir)} contient déjà plan-de-financement.pdf : rien n'a été écrit.` };
          throw { code: 'invalid', message: p.message, problems: [p] };
        }
        existing.add(String(dir));
        return files(String(dir));
      },
    });
  }

  it('offers the plan’s schemes, asks for a folder and lists the files written', async () => {
    dossierBackend(new Set());
    vi.mocked(open).mockResolvedValue('/home/chef/Dossiers/halles');
    render('#/projects/3');
    await settle();
    click(document.querySelector('[data-testid=make-dossier]'));
    await settle();
    const select = document.querySelector<HTMLSelectElement>('#dossier-scheme')!;
    expect([...select.options].map((o) => o.textContent!.trim()), 'all, then each scheme once').toEqual(['Toutes les demandes', 'DETR', 'REGION']);
    choose(select, 'DETR');
    click(document.querySelector('[data-testid=dossier-write]'));
    await settle(5);
    expect(vi.mocked(open).mock.calls[0]![0], 'a folder picker').toMatchObject({ directory: true });
    expect(calls('make_dossier'), 'written without replacing, then opened').toEqual([{ id: 3, scheme: 'DETR', dir: '/home/chef/Dossiers/halles', force: false, open: true }]);
    expect(document.querySelector('[data-testid=dossier-dialog]'), 'the dialog closes').toBeNull();
    expect(text('[data-testid=dossier-notice]'), 'where').toContain('Dossier de demande écrit dans /home/chef/Dossiers/halles');
    expect(texts('[data-testid=dossier-file]').map((t) => t.replace(/\s/g, ' ')), 'each file with its size').toEqual([
      'plan-de-financement.pdf 20 Ko',
      'plan-de-financement.docx 21 Ko',
      'projet-de-deliberation.docx 22 Ko',
      'projet-de-deliberation.pdf 23 Ko',
      'fiche-demande.pdf 24 Ko',
      'note-de-synthese.pdf 25 Ko',
    ]);
  });

  it('asks before replacing files, and replaces only on yes', async () => {
    dossierBackend(new Set(['/tmp/d']));
    vi.mocked(open).mockResolvedValue('/tmp/d');
    render('#/projects/3');
    await settle();

    vi.mocked(ask).mockResolvedValueOnce(false);
    click(document.querySelector('[data-testid=make-dossier]'));
    await settle();
    click(document.querySelector('[data-testid=dossier-write]'));
    await settle(5);
    expect(vi.mocked(ask).mock.calls[0]![0], 'a native question naming the folder').toBe(
      'Le dossier /tmp/d contient déjà des fichiers d\'un dossier de demande. Les remplacer par ceux de ce projet\u00a0?',
    );
    expect(vi.mocked(ask).mock.calls[0]![1]).toMatchObject({ okLabel: 'Remplacer', cancelLabel: 'Annuler' });
    expect(calls('make_dossier').map((c) => c.force), 'not replaced').toEqual([false]);
    expect(text('[data-testid=dossier-status]')).toContain('Rien n\'a été écrit');

    vi.mocked(ask).mockResolvedValueOnce(true);
    click(document.querySelector('[data-testid=dossier-write]'));
    await settle(5);
    expect(calls('make_dossier').map((c) => c.force), 'asked again, then replaced').toEqual([false, false, true]);
    expect(texts('[data-testid=dossier-file]')).toHaveLength(6);
  });

  it('shows the core’s refusal of a scheme under the select', async () => {
    pageBackend(detail(3, { funding_lines: [funding()] }), () => ({}), {
      make_dossier: () => {
        const p = { field: 'scheme', line: null, message: 'Dispositif : le plan de financement du projet n° 3 n\'a pas de ligne « DETR »' };
        throw { code: 'invalid', message: p.message, problems: [p] };
      },
    });
    vi.mocked(open).mockResolvedValue('/tmp/x');
    render('#/projects/3');
    await settle();
    click(document.querySelector('[data-testid=make-dossier]'));
    await settle();
    choose(document.querySelector<HTMLSelectElement>('#dossier-scheme')!, 'DETR');
    click(document.querySelector('[data-testid=dossier-write]'));
    await settle(5);
    expect(text('#err-dossier-scheme')).toContain('n\'a pas de ligne « DETR »');
    expect(document.querySelector('#dossier-scheme')!.getAttribute('aria-invalid')).toBe('true');
    flushSync();
  });
});
