// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));

import type { PlanSummary, ProjectDetail, ProjectFields, ProjectLines } from '../lib/bindings';
import { backend, button, calls, cleanup, click, corePlans, detail, render, settle, text, texts, town, type } from '../test-support';

afterEach(cleanup);

// What the core answers for a plan with no finding (the demo's tiers-lieu),
// and for the demo's timber-framed house, 35 000 € short of the owner's
// minimum share (CGCT art. L1111-10 III).
const emptyPlan: PlanSummary = corePlans['4']!;
const blockedPlan: PlanSummary = corePlans['9']!;

type Overrides = Record<string, (a: Record<string, unknown>) => unknown>;

function pageBackend(d: ProjectDetail, overrides: Overrides = {}) {
  const stored = structuredClone(d);
  backend({
    list_towns: () => [town],
    get_project: () => structuredClone(stored),
    plan_summary: () => emptyPlan,
    list_actors: () => [
      { id: 'avise', name: 'Avise', kind: 'agency', scope: 'national', territories: [], themes: [], stages: [0, 1], services: [], legal_forms: [], description_fr: '', description_en: '', website: null, source: '' },
      { id: 'cress-bretagne', name: 'CRESS Bretagne', kind: 'cress', scope: 'regional', territories: ['53'], themes: [], stages: [], services: [], legal_forms: [], description_fr: '', description_en: '', website: null, source: '' },
    ],
    list_solutions: () => [],
    list_funding_schemes: () => [],
    update_project: ({ fields }) => ({ ...stored, ...(fields as ProjectFields), updated_at: '2026-11-23T10:00:00Z' }),
    save_project_lines: ({ lines }) => ({ ...stored, ...(lines as ProjectLines) }),
    ...overrides,
  });
}

function input(selector: string): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
}

describe('project page', () => {
  it('saves a field 600 ms after typing and shows the saved state', async () => {
    vi.useFakeTimers();
    pageBackend(detail(3, { title: 'Halles' }));
    render('#/projects/3');
    await vi.advanceTimersByTimeAsync(50);
    type(input('#f-summary'), 'Rénover les halles');
    expect(text('[data-testid=save-status]'), 'the header says a change waits').toBe('… Modifications en attente…');
    await vi.advanceTimersByTimeAsync(599);
    expect(calls('update_project'), 'nothing written while typing').toHaveLength(0);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls('update_project'), 'one save after the pause').toHaveLength(1);
    expect((calls('update_project')[0]!.fields as ProjectFields).summary, 'with the typed text').toBe('Rénover les halles');
    expect(calls('update_project')[0]!.id).toBe(3);
    expect(text('[data-testid=save-status]'), 'then it is saved').toBe('✓ Enregistré');
  });

  it('shows the core’s problems under the fields they name', async () => {
    pageBackend(detail(3, { title: 'Halles' }), {
      update_project: () => {
        throw {
          code: 'invalid',
          message: 'Titre du projet : ce champ est obligatoire',
          problems: [
            { field: 'title', line: null, message: 'Titre du projet : ce champ est obligatoire' },
            { field: 'planned_end', line: null, message: 'Date de fin prévue : elle précède la date de début' },
          ],
        };
      },
    });
    render('#/projects/3');
    await settle();
    const title = input('#f-title');
    type(title, '');
    title.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await settle();
    expect(title.getAttribute('aria-invalid'), 'the title is marked invalid').toBe('true');
    const described = document.getElementById(title.getAttribute('aria-describedby')!)!;
    expect(described.textContent, 'its message is tied to it').toContain('Titre du projet : ce champ est obligatoire');
    expect(input('#f-planned_end').getAttribute('aria-invalid'), 'each field gets its own message').toBe('true');
    expect(text('[data-testid=save-status]'), 'the header says it is not saved').toBe('! Non enregistré');
    expect(document.querySelector('[data-testid=other-problems]'), 'no duplicate summary when every problem has its field').toBeNull();
  });

  it('reads French amounts and refuses what is not one', async () => {
    pageBackend(detail(3));
    render('#/projects/3');
    await settle();
    const cost = input('#f-cost_excl_vat');
    cost.dispatchEvent(new FocusEvent('focus'));
    type(cost, '1 250 000,50');
    cost.dispatchEvent(new FocusEvent('blur'));
    cost.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await settle();
    expect((calls('update_project').at(-1)!.fields as ProjectFields).cost_excl_vat, 'sent as euros').toBe(1250000.5);
    expect(cost.value, 'shown back with French grouping').toBe('1 250 000,50');

    const sent = calls('update_project').length;
    cost.dispatchEvent(new FocusEvent('focus'));
    type(cost, 'mille euros');
    cost.dispatchEvent(new FocusEvent('blur'));
    cost.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await settle();
    expect(text('#f-cost_excl_vat-unreadable'), 'the unreadable text is named').toContain('« mille euros » n\'est pas un montant en euros');
    expect(calls('update_project').length, 'nothing unreadable is sent').toBe(sent);
  });

  it('edits the funding plan and shows the core’s readiness findings beside it', async () => {
    let plan = emptyPlan;
    pageBackend(detail(3, { cost_excl_vat: 100000 }), {
      plan_summary: () => plan,
      save_project_lines: ({ lines }) => {
        plan = blockedPlan;
        return { ...detail(3), ...(lines as ProjectLines) };
      },
    });
    render('#/projects/3');
    await settle();
    expect(text('[data-testid=plan-panel]'), 'a clean plan says so').toContain('Aucun point de vigilance');

    click(document.querySelector('[data-testid=add-funding-line]'));
    await settle();
    const amount = input('#f-funding_lines-0-amount_requested');
    amount.dispatchEvent(new FocusEvent('focus'));
    type(amount, '90 000');
    amount.dispatchEvent(new FocusEvent('blur'));
    amount.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await settle();
    const lines = calls('save_project_lines').at(-1)!.lines as ProjectLines;
    expect(lines.funding_lines, 'one line, with the core’s defaults').toHaveLength(1);
    expect(lines.funding_lines[0], 'the typed amount').toMatchObject({ funder: 'state', kind: 'grant', status: 'to_request', amount_requested: 90000 });
    const finding = document.querySelector('[data-testid=plan-finding]')!;
    const core = blockedPlan.findings[0]!;
    expect(finding.getAttribute('data-code'), 'the owner’s minimum share, from the core').toBe('owner_share_below_minimum');
    expect(finding.textContent, 'its message in French, as the core wrote it').toContain(core.message_fr);
    expect(finding.textContent, 'with its severity in words').toContain('Bloquant');
    const why = finding.querySelector('[data-testid=finding-why]') as HTMLDetailsElement;
    expect(why.querySelector('summary')!.textContent, 'behind a “Pourquoi ?”').toBe('Pourquoi\u00a0?');
    expect(text('[data-testid=finding-computation]'), 'the computation in figures').toBe(core.computation_fr.replace(/\s+/g, ' '));
    expect(text('[data-testid=finding-basis]'), 'the article and its version').toContain('art. L1111-10, III — version en vigueur depuis le 31 mars 2024');
    expect(text('[data-testid=plan-panel]').replace(/\s/g, ' '), 'the public share computed by the core').toContain('85 % du coût');
    expect(text('[data-testid=plan-owner-share]').replace(/\s/g, ' '), 'and the owner’s share of public funding').toContain('103 500 €15 % des financements publics');
  });

  it('puts line problems next to the line input', async () => {
    pageBackend(
      detail(3, {
        funding_lines: [
          { funder: 'state', scheme: 'DETR', kind: 'grant', nature: 'investment', eligible_base_excl_vat: null, rate_percent: 30, amounts_incl_vat: false, amount_requested: null, amount_awarded: null, amount_paid: null, status: 'to_request', deadline: null, filed_on: null, notified_on: null, paid_on: null, note: '', payments: [], extended_to: null },
        ],
      }),
      {
        save_project_lines: () => {
          throw { code: 'invalid', message: 'x', problems: [{ field: 'funding_lines[0].rate_percent', line: null, message: "Financement n° 1 — Taux d'aide : 130 % n'est pas entre 0 et 100 %" }] };
        },
      },
    );
    render('#/projects/3');
    await settle();
    const rate = input('#f-funding_lines-0-rate_percent');
    rate.dispatchEvent(new FocusEvent('focus'));
    type(rate, '130');
    rate.dispatchEvent(new FocusEvent('blur'));
    rate.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await settle();
    expect(rate.getAttribute('aria-invalid'), 'the rate input is invalid').toBe('true');
    expect(document.getElementById(rate.getAttribute('aria-describedby')!.split(' ').pop()!)!.textContent, 'its message').toContain('130 %');
  });

  it('adds a journal note, a milestone and links an actor', async () => {
    pageBackend(detail(3));
    render('#/projects/3');
    await settle();
    type(document.querySelector<HTMLTextAreaElement>('#new-note-text')!, 'Rencontre avec la CRESS');
    click(button('Ajouter au journal'));
    await settle();
    let lines = calls('save_project_lines').at(-1)!.lines as ProjectLines;
    expect(lines.journal.map((n) => n.text), 'the note is saved at once').toEqual(['Rencontre avec la CRESS']);

    const select = document.querySelector<HTMLSelectElement>('#link-actor')!;
    expect([...select.options].map((o) => o.textContent!.trim()), 'actors sorted by name').toEqual(['— Choisir —', 'Avise — Agence nationale', "CRESS Bretagne — Chambre régionale de l'ESS (CRESS)"]);
    for (const o of select.options) o.selected = o.value === 'cress-bretagne';
    select.value = 'cress-bretagne';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    click(document.querySelector('[data-testid=link-actor]'));
    await settle();
    lines = calls('save_project_lines').at(-1)!.lines as ProjectLines;
    expect(lines.actors, 'linked, not contacted yet').toEqual([{ actor_id: 'cress-bretagne', role: '', contact_status: 'not_contacted', note: '' }]);
    expect(text('[data-testid=linked-actor]'), 'shown by name').toContain('CRESS Bretagne');
  });

  it('hides the "who can help" panel when matching is not available, shows it when it is', async () => {
    pageBackend(detail(3));
    render('#/projects/3');
    await settle();
    expect(document.querySelector('[data-testid=suggestions]'), 'the command is unknown: no panel').toBeNull();
    cleanup();

    pageBackend(detail(3), {
      suggest_actors: () => [
        { actor_id: 'avise', name: 'Avise', kind: 'agency', scope: 'national', website: null, services: [], score: 30, already_linked: false, reasons: [{ code: 'stage', points: 12, fr: "aide à l'étape 0", en: 'helps at stage 0' }] },
        { actor_id: 'cress-bretagne', name: 'CRESS Bretagne', kind: 'cress', scope: 'regional', website: null, services: [], score: 10, already_linked: true, reasons: [] },
      ],
    });
    render('#/projects/3');
    await settle();
    const panel = text('[data-testid=suggestions]');
    expect(panel, 'the panel lists the new suggestion with its reasons').toContain("Avise · Agence nationale aide à l'étape 0");
    expect(panel, 'an actor already linked is not suggested again').not.toContain('CRESS Bretagne');
    click(button(/^Associer/, document.querySelector('[data-testid=suggestions]')!));
    await settle();
    expect((calls('save_project_lines').at(-1)!.lines as ProjectLines).actors.map((a) => a.actor_id), 'one click links it').toEqual(['avise']);
  });

  it('shows the stage history, newest first', async () => {
    pageBackend(
      detail(3, {
        stage: 2,
        stage_events: [
          { from_stage: null, to_stage: 0, date: '2026-01-05', author: 'Chef de projet', note: '' },
          { from_stage: 0, to_stage: 2, date: '2026-03-10', author: '', note: 'Porteur trouvé' },
        ],
      }),
    );
    render('#/projects/3');
    await settle();
    const items = texts('[data-testid=stage-history] li');
    expect(items[0], 'latest move first, with its note').toContain("De l'étape 0 à l'étape 2");
    expect(items[0]).toContain('Porteur trouvé');
    expect(items[1], 'creation last, with its author').toContain("Entrée à l'étape 0");
    expect(items[1]).toContain('par Chef de projet');
  });

  it('deletes after confirmation, then restores on undo', async () => {
    const d = detail(3, { title: 'Halles' });
    pageBackend(d, { delete_project: () => d, restore_project: () => d, list_projects: () => [] });
    render('#/projects/3');
    await settle();
    click(document.querySelector('[data-testid=delete-project]'));
    expect(text('[data-testid=confirm-dialog]'), 'deletion asks first, naming the project').toContain('« Halles »');
    expect(calls('delete_project'), 'nothing deleted before confirming').toHaveLength(0);
    click(document.querySelector('[data-testid=confirm-button]'));
    await settle();
    expect(calls('delete_project'), 'deleted').toEqual([{ id: 3 }]);
    expect(location.hash, 'back to the board').toBe('#/board');
    expect(text('[data-testid=undo-toast]'), 'the toast offers to undo').toContain('Projet supprimé');
    click(document.querySelector('[data-testid=undo-button]'));
    await settle();
    expect(calls('restore_project'), 'the whole detail goes back').toEqual([{ detail: d }]);
    expect(location.hash, 'and the page reopens').toBe('#/projects/3');
  });

  it('renders a hostile title as plain text', async () => {
    pageBackend(detail(3, { title: '<img src=x onerror=alert(1)>' }));
    render('#/projects/3');
    await settle();
    const h = document.querySelector('[data-testid=project-heading]')!;
    expect(h.textContent, 'verbatim').toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('main img'), 'no element created').toBeNull();
  });
});
