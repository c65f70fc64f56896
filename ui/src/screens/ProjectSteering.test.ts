// @vitest-environment happy-dom
// The project page's steering sections: indicators (readings, the core's
// progress, the chart), the execution schedule and phases, the yearly
// amounts, and an awarded grant's lapse date and payment schedule.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

import coreFixtures from '../lib/core-fixtures.json';
import type { FundingLine, Indicator, IndicatorTemplate, PlanSummary, ProjectDetail, ProjectFields, ProjectLines, ProjectSteering } from '../lib/bindings';
import { backend, button, calls, choose, cleanup, click, corePlans, detail, render, settle, text, texts, town, type } from '../test-support';

afterEach(cleanup);

const fixtures = coreFixtures as unknown as { steering: Record<string, ProjectSteering>; indicator_templates: IndicatorTemplate[] };
/** The core's answer for the demo's OPAH-RU study: homes renovated, 0 → 60, readings 9 and 17 (28,3 %). */
const opahSteering = fixtures.steering['1']!;
const opah: Indicator = opahSteering.indicators[0]!.indicator;
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const funding = (extra: Partial<FundingLine> = {}): FundingLine => ({
  funder: 'state', scheme: 'DETR', kind: 'grant', nature: 'investment', eligible_base_excl_vat: 600000, rate_percent: 35,
  amounts_incl_vat: false, amount_requested: 210000, amount_awarded: 210000, amount_paid: null, status: 'awarded',
  deadline: null, filed_on: '2026-02-01', notified_on: '2026-07-02', paid_on: null, note: '', payments: [], extended_to: null, ...extra,
});

type Overrides = Record<string, (a: Record<string, unknown>) => unknown>;

/** One project whose store keeps what is saved; `steering` is what project_steering answers now. */
function pageBackend(d: ProjectDetail, o: { steering?: () => ProjectSteering; plan?: PlanSummary; overrides?: Overrides } = {}) {
  let stored = structuredClone(d);
  backend({
    list_towns: () => [town],
    get_project: () => structuredClone(stored),
    plan_summary: () => o.plan ?? corePlans['4'],
    list_actors: () => [],
    list_solutions: () => [],
    list_funding_schemes: () => [],
    indicator_templates: () => fixtures.indicator_templates,
    project_steering: () => (o.steering ? o.steering() : { indicators: [], lapses: [] }),
    update_project: ({ fields }) => {
      stored = { ...stored, ...(fields as ProjectFields), updated_at: '2026-11-23T10:00:00Z' };
      return structuredClone(stored);
    },
    save_project_lines: ({ lines }) => {
      stored = { ...stored, ...(lines as ProjectLines) };
      return structuredClone(stored);
    },
    ...o.overrides,
  });
}

function input(selector: string): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
}

/** Types into an amount or value box as a user does: focus, text, leave. */
function typeAmount(selector: string, value: string) {
  const el = input(selector);
  el.dispatchEvent(new FocusEvent('focus'));
  type(el, value);
  el.dispatchEvent(new FocusEvent('blur'));
  el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  flushSync();
}

const section = (id: string) => document.querySelector(`section[aria-labelledby=${id}]`)!;
const points = () => section('sec-indicators').querySelectorAll('[data-testid=indicator-chart] [data-testid=chart-point]').length;

describe('indicators on the project page', () => {
  it('adds a reading: one more point on the chart, sent in date order, and the core’s new progress shown', async () => {
    let steering = opahSteering;
    pageBackend(detail(1, { indicators: [structuredClone(opah)] }), {
      steering: () => steering,
      overrides: {
        save_project_lines: ({ lines }) => {
          const l = lines as ProjectLines;
          // What the core answers once the reading is stored: (30 − 0) / (60 − 0).
          steering = { indicators: [{ indicator: l.indicators[0]!, progress: { latest: l.indicators[0]!.readings.at(-1)!, percent: 50, reached: false } }], lapses: [] };
          return { ...detail(1), ...l };
        },
      },
    });
    render('#/projects/1');
    await settle();
    expect(texts('.section-nav button'), 'the steering sections are in the page’s navigation').toEqual(expect.arrayContaining(['Calendrier', 'Par année', 'Indicateurs']));
    expect(plain(text('[data-testid=progress-percent]')), 'the core’s progress').toBe('28,3 %');
    expect(text('[data-testid=indicator-progress]'), 'and the latest reading').toContain('Dernière mesure');
    expect(points(), 'two readings on the chart').toBe(2);
    const chart = section('sec-indicators').querySelector('[data-testid=indicator-chart] svg')!;
    expect(chart.getAttribute('role'), 'the chart is one picture…').toBe('img');
    const [titleId, descId] = chart.getAttribute('aria-labelledby')!.split(' ');
    expect(plain(document.getElementById(titleId!)!.textContent!), '…with a title').toBe(`Évolution de « ${opah.label} »`);
    expect(plain(document.getElementById(descId!)!.textContent!), '…and a description').toContain('2 mesure(s), la dernière : 17 logements');
    const rows = [...section('sec-indicators').querySelectorAll('[data-testid=indicator-chart] table tbody tr')].map((tr) => [...tr.children].map((c) => plain(c.textContent ?? '')));
    expect(rows, 'the values, for screen readers').toEqual([
      ['31 déc. 2024', '9 logements', 'Bilan annuel de l\'opérateur'],
      ['30 juin 2025', '17 logements', 'Bilan semestriel de l\'opérateur'],
    ]);
    expect(section('sec-indicators').querySelector('[data-testid=chart-target]'), 'the target is drawn').not.toBeNull();

    type(input('#f-indicators-0-new_date'), '2026-06-30');
    typeAmount('#f-indicators-0-new_value', '30');
    click(document.querySelector('[data-testid=add-reading]'));
    await settle();

    const sent = calls('save_project_lines').at(-1)!.lines as ProjectLines;
    expect(sent.indicators[0]!.readings.map((r) => [r.date, r.value]), 'saved at once, in date order').toEqual([
      ['2024-12-31', 9],
      ['2025-06-30', 17],
      ['2026-06-30', 30],
    ]);
    expect(sent.indicators[0]!.readings[2]!.source, 'the source of the last reading is offered again').toBe('Bilan semestriel de l\'opérateur');
    expect(points(), 'one more point').toBe(3);
    expect(calls('project_steering').length, 'the progress is asked again after the save').toBeGreaterThanOrEqual(2);
    expect(plain(text('[data-testid=progress-percent]')), 'the core’s new progress').toBe('50 %');
    expect(input('#f-indicators-0-new_value').value, 'the new-reading box is empty again').toBe('');
  });

  it('puts a reading of an earlier date in its place', async () => {
    pageBackend(detail(1, { indicators: [structuredClone(opah)] }), { steering: () => opahSteering });
    render('#/projects/1');
    await settle();
    type(input('#f-indicators-0-new_date'), '2025-01-31');
    typeAmount('#f-indicators-0-new_value', '12,5');
    click(document.querySelector('[data-testid=add-reading]'));
    await settle();
    const sent = calls('save_project_lines').at(-1)!.lines as ProjectLines;
    expect(sent.indicators[0]!.readings.map((r) => [r.date, r.value]), 'a French decimal, between the two others').toEqual([
      ['2024-12-31', 9],
      ['2025-01-31', 12.5],
      ['2025-06-30', 17],
    ]);
  });

  it('says what is missing from a new reading and sends nothing', async () => {
    pageBackend(detail(1, { indicators: [structuredClone(opah)] }), { steering: () => opahSteering });
    render('#/projects/1');
    await settle();
    click(document.querySelector('[data-testid=add-reading]'));
    await settle();
    const value = input('#f-indicators-0-new_value');
    expect(value.getAttribute('aria-invalid'), 'the value box is marked').toBe('true');
    expect(document.getElementById(value.getAttribute('aria-describedby')!)!.textContent, 'with its message').toContain('Indiquez la valeur mesurée');
    expect(calls('save_project_lines'), 'nothing sent').toHaveLength(0);
    expect(points(), 'nothing added').toBe(2);
  });

  it('shows the core’s “no reading for a year” finding under the indicator', async () => {
    pageBackend(detail(1, { indicators: [structuredClone(opah)] }), { steering: () => opahSteering, plan: corePlans['1'] });
    render('#/projects/1');
    await settle();
    expect(text('section[aria-labelledby=sec-indicators] [data-testid=section-finding]'), 'the core’s sentence').toContain('dernière mesure le 30 juin 2025, il y a plus de 12 mois');
  });

  it('adds an indicator from the shipped list, filled in, and says where its figure comes from', async () => {
    pageBackend(detail(3));
    render('#/projects/3');
    await settle();
    const picker = document.querySelector<HTMLSelectElement>('#project-indicator-template')!;
    choose(picker, 'commercial_vacancy');
    expect(text('#project-indicator-template-hint'), 'the usual source of the figure').toContain('Comptage de la commune ou observatoire du commerce');
    click(document.querySelector('[data-testid=add-indicator-button]'));
    await settle();
    const sent = calls('save_project_lines').at(-1)!.lines as ProjectLines;
    expect(sent.indicators, 'saved at once, from the shipped entry').toEqual([
      { code: 'commercial_vacancy', label: 'Taux de vacance commerciale du centre-ville', unit: '%', direction: 'down', baseline_value: null, baseline_date: null, target_value: null, target_date: null, readings: [] },
    ]);
    expect(input('#f-indicators-0-label').value).toBe('Taux de vacance commerciale du centre-ville');
    expect(document.querySelector<HTMLSelectElement>('#f-indicators-0-direction')!.value, 'down is good').toBe('down');
    expect(text('[data-testid=usual-source]')).toContain('Comptage de la commune');

    typeAmount('#f-indicators-0-baseline_value', '18,5');
    typeAmount('#f-indicators-0-target_value', '12');
    await settle();
    const again = calls('save_project_lines').at(-1)!.lines as ProjectLines;
    expect([again.indicators[0]!.baseline_value, again.indicators[0]!.target_value], 'baseline and target sent as numbers').toEqual([18.5, 12]);
  });

  it('waits for the label of one’s own indicator, and shows the core’s refusal under it', async () => {
    pageBackend(detail(3), {
      overrides: {
        save_project_lines: () => {
          throw { code: 'invalid', message: '', problems: [{ field: 'indicators[0].readings[0].source', line: null, message: 'Indicateur n° 1 — Mesure n° 1 — Source : 600 caractères, 500 au plus' }] };
        },
      },
    });
    render('#/projects/3');
    await settle();
    choose(document.querySelector<HTMLSelectElement>('#project-indicator-template')!, '');
    click(document.querySelector('[data-testid=add-indicator-button]'));
    await settle();
    expect(calls('save_project_lines'), 'an indicator with no label is not sent yet').toHaveLength(0);
    expect(document.activeElement?.id, 'the label box has the focus').toBe('f-indicators-0-label');
    type(input('#f-indicators-0-label'), 'Places de stationnement vélo');
    type(input('#f-indicators-0-new_date'), '2026-11-02');
    typeAmount('#f-indicators-0-new_value', '24');
    type(input('#f-indicators-0-new_source'), 'x'.repeat(600));
    click(document.querySelector('[data-testid=add-reading]'));
    await settle();
    const source = input('#f-indicators-0-readings-0-source');
    expect(source.getAttribute('aria-invalid'), 'a line of a line is marked where it is').toBe('true');
    expect(text('#err-indicators-0-readings-0-source')).toContain('500 au plus');
    expect(document.querySelector('[data-testid=other-problems]'), 'and not repeated in the page’s summary').toBeNull();
  });
});

describe('schedule, phases and yearly amounts', () => {
  it('saves the start of execution with the fields and a phase with the lines', async () => {
    pageBackend(detail(3));
    render('#/projects/3');
    await settle();
    expect(text('#hint-started_on'), 'what the date means').toContain('premier acte juridique');
    const started = input('#f-started_on');
    type(started, '2026-09-14');
    started.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await settle();
    expect((calls('update_project').at(-1)!.fields as ProjectFields).started_on, 'with the project’s fields').toBe('2026-09-14');
    expect(calls('project_steering').length, 'the lapse dates are asked again').toBeGreaterThanOrEqual(2);

    click(document.querySelector('[data-testid=add-phase]'));
    await settle();
    choose(document.querySelector<HTMLSelectElement>('#f-phases-0-kind')!, 'studies');
    type(input('#f-phases-0-label'), 'Maîtrise d’œuvre');
    typeAmount('#f-phases-0-budget', '45 000');
    await settle();
    const sent = calls('save_project_lines').at(-1)!.lines as ProjectLines;
    expect(sent.phases).toEqual([{ kind: 'studies', label: 'Maîtrise d’œuvre', start: null, end: null, budget: 45000 }]);
  });

  it('adds yearly amounts, sums what is typed and shows the core’s mismatch beside them', async () => {
    pageBackend(
      detail(7, {
        cost_excl_vat: 2450000,
        yearly: [
          { year: 2027, nature: 'investment', forecast: 700000, actual: null },
          { year: 2028, nature: 'investment', forecast: 1200000, actual: null },
        ],
      }),
      { plan: corePlans['7'] },
    );
    render('#/projects/7');
    await settle();
    expect(text('section[aria-labelledby=sec-yearly] [data-testid=section-finding]'), 'the core’s finding, in its words').toContain('ne font pas le coût HT du projet');
    click(document.querySelector('[data-testid=add-year]'));
    await settle();
    expect(input('#f-yearly-2-year').value, 'the year after the last one').toBe('2029');
    expect(document.activeElement?.id, 'the focus in its forecast').toBe('f-yearly-2-forecast');
    typeAmount('#f-yearly-2-forecast', '500 000');
    await settle();
    const sent = calls('save_project_lines').at(-1)!.lines as ProjectLines;
    expect(sent.yearly.at(-1)).toEqual({ year: 2029, nature: 'investment', forecast: 500000, actual: null });
    expect(plain(text('[data-testid=yearly-sum-investment]')), 'the sum of the lines typed').toBe('2 400 000 €');

    const before = calls('save_project_lines').length;
    typeAmount('#f-yearly-2-forecast', '');
    await settle();
    expect(text('#err-yearly-2-forecast'), 'an emptied forecast is said…').toContain('Valeur obligatoire');
    expect(calls('save_project_lines').length, '…and not sent').toBe(before);
  });
});

describe('an awarded grant', () => {
  it('shows its lapse date from the core with the text behind it, and edits its payment schedule', async () => {
    const lapse = fixtures.steering['8']!.lapses[0]!;
    pageBackend(detail(8, { funding_lines: [funding(), funding({ scheme: 'REGION', funder: 'region', status: 'filed' })] }), {
      steering: () => ({ indicators: [], lapses: [lapse] }),
    });
    render('#/projects/8');
    await settle();
    const followUps = document.querySelectorAll('[data-testid=grant-follow-up]');
    expect(followUps, 'only the awarded line has a payment schedule').toHaveLength(1);
    expect(plain(text('[data-testid=lapse]')), 'the date, in words').toContain('Caduque le 2 juillet 2028 sans commencement d\'exécution');
    expect(plain(text('[data-testid=lapse]')), 'what it runs from').toContain('notification du 2 juillet 2026');
    expect(text('[data-testid=lapse-basis]'), 'and the text that sets it').toContain('R2334-28');

    click(document.querySelector('[data-testid=add-payment]'));
    await settle();
    expect(document.activeElement?.id, 'the focus in its date').toBe('f-funding_lines-0-payments-0-due_on');
    type(input('#f-funding_lines-0-payments-0-due_on'), '2026-12-15');
    typeAmount('#f-funding_lines-0-payments-0-amount', '63 000');
    await settle();
    const sent = calls('save_project_lines').at(-1)!.lines as ProjectLines;
    expect(sent.funding_lines[0]!.payments, 'the advance first').toEqual([{ kind: 'advance', due_on: '2026-12-15', amount: 63000, received_on: null, received: null }]);

    type(input('#f-funding_lines-0-extended_to'), '2029-07-02');
    input('#f-funding_lines-0-extended_to').dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await settle();
    expect((calls('save_project_lines').at(-1)!.lines as ProjectLines).funding_lines[0]!.extended_to, 'the extension').toBe('2029-07-02');
  });

  it('puts the core’s problem with a payment under the box it names', async () => {
    pageBackend(detail(8, { funding_lines: [funding({ payments: [{ kind: 'advance', due_on: '2026-12-15', amount: 63000, received_on: null, received: null }] })] }), {
      overrides: {
        save_project_lines: () => {
          throw {
            code: 'invalid',
            message: '',
            problems: [{ field: 'funding_lines[0].payments[0].received_on', line: null, message: 'Financement n° 1 — Versement n° 1 — Versement reçu : indiquez à la fois la date et le montant reçus' }],
          };
        },
      },
    });
    render('#/projects/8');
    await settle();
    typeAmount('#f-funding_lines-0-payments-0-received', '63 000');
    await settle();
    const on = input('#f-funding_lines-0-payments-0-received_on');
    expect(on.getAttribute('aria-invalid')).toBe('true');
    expect(text('#err-funding_lines-0-payments-0-received_on')).toContain('indiquez à la fois la date et le montant reçus');
    expect(document.querySelector('[data-testid=other-problems]'), 'claimed by its box').toBeNull();
    expect(text('[data-testid=save-status]')).toBe('! Non enregistré');
    expect(button(/Ajouter un versement/).disabled).toBe(false);
  });
});
