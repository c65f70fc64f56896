// Development-only stand-in for the Rust commands (browser without Tauri),
// so each screen can be worked on with `npm run dev`. It reads the app's own
// reference files and demo; its money figures and findings are the core's own on the demo
// (core-fixtures.json). Never part of the production build.
import type { Actor, AppInfo, Commune, Dashboard, DossierFile, Finding, Funder, FundingScheme, IpcError, IpcProblem, PlanSummary, RuleInfo, Project, ProjectDetail, ProjectFields, ProjectFilter, ProjectLines, ProjectSummary, Solution, Taxonomy, Town } from './bindings';
import type { Indicator, IndicatorTemplate, IndicatorView, Programme, ProjectSteering, Progress, YearFigures } from './bindings';
import type { ActorView, Aid, AidSuggestion } from './bindings';
import taxonomyJson from '../../../data/reference/taxonomy.json';
import actorsJson from '../../../data/reference/actors.json';
import solutionsJson from '../../../data/reference/solutions.json';
import schemesJson from '../../../data/reference/funding_schemes.json';
import demoJson from '../../../data/demo/demo.json';
import coreFixtures from './core-fixtures.json';
import { inclVatOf, isEligible } from './expenses';
import { newApplication } from './project';

const communes: Commune[] = [
  { insee: '29024', name: 'Carhaix-Plouguer', departement: '29', departement_name: 'Finistère', region: '53', region_name: 'Bretagne', population: 7412, epci_code: '242900744', epci_name: 'CC Poher Communauté', postcodes: ['29270'] },
  { insee: '29197', name: 'Plouhinec', departement: '29', departement_name: 'Finistère', region: '53', region_name: 'Bretagne', population: 4158, epci_code: '242900629', epci_name: 'CC Cap-Sizun - Pointe du Raz', postcodes: ['29780'] },
  { insee: '56169', name: 'Plouhinec', departement: '56', departement_name: 'Morbihan', region: '53', region_name: 'Bretagne', population: 5334, epci_code: '200042174', epci_name: 'CC Blavet Bellevue Océan', postcodes: ['56680'] },
  { insee: '70467', name: 'Saint-Loup-sur-Semouse', departement: '70', departement_name: 'Haute-Saône', region: '27', region_name: 'Bourgogne-Franche-Comté', population: 3162, epci_code: '247000714', epci_name: 'CC de la Haute Comté', postcodes: ['70800'] },
  { insee: '42218', name: 'Saint-Étienne', departement: '42', departement_name: 'Loire', region: '84', region_name: 'Auvergne-Rhône-Alpes', population: 173089, epci_code: '244200770', epci_name: 'Saint-Étienne Métropole', postcodes: ['42000', '42100'] },
];

let towns: Town[] = [];
let projects: ProjectDetail[] = [];
let nextId = 1;
let lang: 'fr' | 'en' = 'fr';
const localActors: Actor[] = [];
/** Fictional aid (example.org) once an aids file is "imported". */
let aidsImported = false;
const mockAid: Aid = {
  key: 'at:1', at_id: '1', slug: 'aide-fictive', name: 'Aide fictive au commerce de centre-bourg',
  financers: ['Région (fictive)'], instructors: [], programs: [], audiences: ['commune'], aid_types: ['grant'], other_aid_types: [],
  perimeter: { scale: 'national', code: '', label: 'France' }, steps: ['op'], categories: ['Commerces et Services'], themes: ['commerce'], destinations: [],
  start_date: null, predeposit_date: null, submission_deadline: '2027-03-31', recurrence: 'one_off', rate_min: 20, rate_max: 50,
  is_call_for_project: true, origin_url: 'https://example.org/aide-fictive', application_url: '', description: '',
};
const mockAidSuggestion: AidSuggestion = {
  aid_id: 1, name: mockAid.name, score: 5,
  reasons: [
    { code: 'perimeter', points: 1, fr: 'aide nationale', en: 'national aid' },
    { code: 'theme', points: 2, fr: 'thème : commerce', en: 'theme: retail' },
    { code: 'deadline', points: 0, fr: 'clôture le 31 mars 2027', en: 'closes on 31 March 2027' },
  ],
  submission_deadline: '2027-03-31', opens_on: null, financers: mockAid.financers, aid_types: ['grant'], rate_min: 20, rate_max: 50,
  application_url: '', origin_url: mockAid.origin_url, facts_fr: 'Région (fictive) · Subvention · 20–50\u00a0%', facts_en: 'Région (fictive) · Grant · 20–50\u00a0%', link: mockAid.origin_url,
};

const tr = (fr: string, en: string) => (lang === 'en' ? en : fr);

function fold(s: string): string {
  return s.toLowerCase().replace(/œ/g, 'oe').normalize('NFD').replace(/\p{M}/gu, '');
}

function now(): string {
  return new Date().toISOString();
}

function today(): string {
  return now().slice(0, 10);
}

function fail(code: string, message: string, problems: IpcProblem[] = []): never {
  throw { code, message, problems } satisfies IpcError;
}

/** `x` with `defaults` for the keys it lacks. */
const filled = <T,>(defaults: Partial<T>, x: T): T => ({ ...defaults, ...x }) as T;

function loadDemo() {
  if (!towns.some((t) => t.insee === '29024')) towns.push({ ...communes[0]!, is_demo: true });
  let created = 0;
  for (const raw of (demoJson as unknown as { projects: (Omit<ProjectDetail, 'owner_kind' | 'derogation' | 'application' | 'expense_lines' | 'started_on' | 'completed_on' | 'indicators' | 'phases' | 'yearly'> & Partial<ProjectDetail> & { uid?: string })[] }).projects) {
    const id = nextId++;
    const p = { owner_kind: 'commune', derogation: 'none', application: newApplication(), started_on: null, completed_on: null, expense_lines: [], indicators: [], phases: [], yearly: [], ...structuredClone(raw), id, uid: raw.uid ?? `demo-${id}` } as unknown as ProjectDetail;
    // The export leaves out empty optional keys; the core's answers have them all.
    p.funding_lines = p.funding_lines.map((l) => filled({ extended_to: null, payments: [] }, l));
    p.funding_lines.forEach((l) => (l.payments = l.payments.map((x) => filled({ due_on: null, received_on: null, received: null }, x))));
    p.phases = p.phases.map((x) => filled({ label: '', start: null, end: null, budget: null }, x));
    p.yearly = p.yearly.map((x) => filled({ actual: null }, x));
    p.indicators = p.indicators.map((x) => filled({ code: null, unit: '', baseline_value: null, baseline_date: null, target_value: null, target_date: null, readings: [] }, x));
    projects.push(p);
    demoLines.set(id, JSON.stringify([p.cost_excl_vat, p.cost_incl_vat, p.owner_kind, p.derogation, p.funding_lines, p.milestones]));
    demoLapses.set(id, lapseKey(p));
    created++;
  }
  if (!townIndicators.has('29024')) townIndicators.set('29024', core.town_indicators.map((v) => structuredClone(v.indicator)));
  return { dry_run: false, created, updated: 0, towns_added: ['29024'], actors_saved: 0, notes: [] };
}

function summary(p: ProjectDetail): ProjectSummary {
  const dates = [
    ...p.milestones.filter((m) => !m.done).map((m) => m.due_date),
    ...p.funding_lines.filter((l) => l.status === 'to_request' && l.deadline).map((l) => l.deadline!),
  ].sort();
  return {
    id: p.id, uid: p.uid, town_insee: p.town_insee,
    town_name: towns.find((t) => t.insee === p.town_insee)?.name ?? p.town_insee,
    title: p.title, stage: p.stage, health: p.health, priority: p.priority, ort_axis: p.ort_axis,
    themes: p.themes, cost_excl_vat: p.cost_excl_vat, next_deadline: dates[0] ?? null, updated_at: p.updated_at,
  };
}

function find(id: unknown): ProjectDetail {
  const p = projects.find((x) => x.id === id);
  if (!p) fail('not_found', tr(`Projet introuvable : ${String(id)}`, `Project not found: ${String(id)}`));
  return p;
}

function validateFields(f: ProjectFields): IpcProblem[] {
  const out: IpcProblem[] = [];
  if (!f.title.trim()) out.push({ field: 'title', line: null, message: tr('Titre du projet : ce champ est obligatoire', 'Project title: this field is required') });
  if (!towns.some((t) => t.insee === f.town_insee)) out.push({ field: 'town_insee', line: null, message: tr('Commune : elle n’est pas suivie', 'Town: not followed') });
  if (f.action_sheet && [...f.action_sheet].length > 40) out.push({ field: 'action_sheet', line: null, message: tr(`Numéro de fiche action : ${[...f.action_sheet].length} caractères, 40 au plus`, `Action sheet number: ${[...f.action_sheet].length} characters, 40 at most`) });
  const rank = f.application?.priority_rank ?? null;
  if (rank !== null && (rank < 1 || rank > 999)) out.push({ field: 'application.priority_rank', line: null, message: tr('Rang de priorité : un nombre de 1 (priorité première) à 999', 'Priority rank: a number from 1 (first priority) to 999') });
  if (f.planned_start && f.planned_end && f.planned_end < f.planned_start) out.push({ field: 'planned_end', line: null, message: tr('Date de fin prévue : elle précède la date de début', 'Planned end: before the planned start') });
  if (f.cost_excl_vat !== null && f.cost_excl_vat < 0) out.push({ field: 'cost_excl_vat', line: null, message: tr('Coût HT : un montant ne peut pas être négatif', 'Cost excl. VAT: an amount cannot be negative') });
  if (f.cost_excl_vat !== null && f.cost_incl_vat !== null && f.cost_incl_vat < f.cost_excl_vat) out.push({ field: 'cost_incl_vat', line: null, message: tr('Coût TTC : il est inférieur au coût HT', 'Cost incl. VAT: below the cost excl. VAT') });
  return out;
}

/**
 * A stand-in for the store's derivation (development only): with expense
 * lines, the cost is their sum and each funding line's base the sum of the
 * lines eligible to it, each line's VAT rounded as the page shows it.
 */
function derive(p: ProjectDetail) {
  if (p.expense_lines.length === 0) return;
  const cents = (x: number) => Math.round(x * 100);
  p.cost_excl_vat = p.expense_lines.reduce((s, e) => s + cents(e.amount_excl_vat), 0) / 100;
  p.cost_incl_vat = p.expense_lines.reduce((s, e) => s + cents(inclVatOf(e)), 0) / 100;
  p.funding_lines.forEach((f, i) => {
    f.eligible_base_excl_vat = p.expense_lines.filter((e) => isEligible(e, i)).reduce((s, e) => s + cents(e.amount_excl_vat), 0) / 100;
  });
}

/** The files a dossier holds, as the core names them. */
const DOSSIER_FILES = ['plan-de-financement.pdf', 'plan-de-financement.docx', 'projet-de-deliberation.docx', 'projet-de-deliberation.pdf', 'fiche-demande.pdf', 'note-de-synthese.pdf'];
/** Folders a dossier was written into (to ask before replacing). */
const dossierDirs = new Set<string>();

function makeDossier(a: Record<string, unknown>): DossierFile[] {
  const p = find(a.id);
  const scheme = typeof a.scheme === 'string' && a.scheme.trim() ? a.scheme.trim() : null;
  if (scheme && !p.funding_lines.some((l) => (l.scheme ?? '').toLowerCase() === scheme.toLowerCase())) {
    const msg = tr(`Dispositif : le plan de financement du projet n° ${p.id} n'a pas de ligne « ${scheme} »`, `Scheme: the funding plan of project ${p.id} has no "${scheme}" line`);
    fail('invalid', msg, [{ field: 'scheme', line: null, message: msg }]);
  }
  const dir = String(a.dir ?? '').replace(/\/+$/, '');
  if (dossierDirs.has(dir) && !a.force) {
    const msg = tr(`Le dossier ${dir} contient déjà ${DOSSIER_FILES.join(', ')} : rien n'a été écrit.`, `The folder ${dir} already holds ${DOSSIER_FILES.join(', ')}: nothing was written.`);
    fail('invalid', msg, [{ field: 'force', line: null, message: msg }]);
  }
  dossierDirs.add(dir);
  return DOSSIER_FILES.map((name, i) => ({ name, path: `${dir}/${name}`, bytes: 18_000 + i * 4_321 }));
}

function validateLines(l: ProjectLines): IpcProblem[] {
  const out: IpcProblem[] = [];
  l.expense_lines.forEach((e, i) => {
    if (!e.label.trim()) out.push({ field: `expense_lines[${i}].label`, line: null, message: tr(`Poste de dépenses n° ${i + 1} — Libellé : ce champ est obligatoire`, `Expense line #${i + 1} — Label: this field is required`) });
    if (e.amount_excl_vat < 0) out.push({ field: `expense_lines[${i}].amount_excl_vat`, line: null, message: tr(`Poste de dépenses n° ${i + 1} — Montant HT : un montant ne peut pas être négatif`, `Expense line #${i + 1} — Amount excl. VAT: an amount cannot be negative`) });
  });
  l.funding_lines.forEach((f, i) => {
    if (f.rate_percent !== null && (f.rate_percent < 0 || f.rate_percent > 100)) out.push({ field: `funding_lines[${i}].rate_percent`, line: null, message: tr(`Financement n° ${i + 1} — Taux d'aide : ${f.rate_percent} % n'est pas entre 0 et 100 %`, `Funding line #${i + 1} — Aid rate: not between 0 and 100 %`) });
    for (const k of ['amount_requested', 'amount_awarded', 'amount_paid', 'eligible_base_excl_vat'] as const) {
      const v = f[k];
      if (v !== null && v < 0) out.push({ field: `funding_lines[${i}].${k}`, line: null, message: tr(`Financement n° ${i + 1} — montant négatif`, `Funding line #${i + 1} — negative amount`) });
    }
  });
  l.milestones.forEach((m, i) => {
    if (!m.title.trim()) out.push({ field: `milestones[${i}].title`, line: null, message: tr(`Jalon n° ${i + 1} — Intitulé du jalon : ce champ est obligatoire`, `Milestone #${i + 1} — Milestone title: this field is required`) });
  });
  l.journal.forEach((n, i) => {
    if (!n.text.trim()) out.push({ field: `journal[${i}].text`, line: null, message: tr(`Note du journal n° ${i + 1} — Texte de la note : ce champ est obligatoire`, `Journal note #${i + 1} — Note text: this field is required`) });
  });
  return out;
}

/**
 * The core's answers on the demo (plan figures and findings of each demo
 * project, the rules), written by a Rust test (src-tauri/src/fixtures.rs):
 * the mock never computes a money rule itself. A project created or edited
 * here gets an empty summary: only the core knows its findings.
 */
const core = coreFixtures as unknown as {
  plans: Record<string, PlanSummary>;
  rules: RuleInfo[];
  steering: Record<string, ProjectSteering>;
  town_indicators: IndicatorView[];
  indicator_templates: IndicatorTemplate[];
  programme: Programme;
};
const demoLines = new Map<number, string>();

// ---- steering (development only) ----

/** The convention's indicators of each town, as saved here. */
const townIndicators = new Map<string, Indicator[]>();
/** What a demo project's lapse dates depend on, as loaded. */
const demoLapses = new Map<number, string>();

function lapseKey(p: ProjectDetail): string {
  return JSON.stringify([p.started_on, p.completed_on, p.funding_lines.map((l) => [l.scheme, l.status, l.notified_on, l.extended_to])]);
}

/** JSON with sorted keys: the fixture's objects and the page's compare equal. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/**
 * The core's view of each indicator: its own answer from the fixtures when
 * the indicator is one of them unchanged; otherwise a stand-in following
 * the rule the core documents (rules/indicators.rs), so that a reading added
 * with `npm run dev` moves the progress. Never part of the production build.
 */
function indicatorViews(list: Indicator[]): IndicatorView[] {
  const known = [...core.town_indicators, ...Object.values(core.steering).flatMap((s) => s.indicators)];
  return list.map((ind) => {
    const found = known.find((v) => stable(v.indicator) === stable(ind));
    if (found) return structuredClone(found);
    const readings = [...ind.readings].sort((a, b) => a.date.localeCompare(b.date));
    const latest = readings.at(-1) ?? null;
    const t = ind.target_value;
    const b = ind.baseline_value;
    const reached = latest !== null && t !== null && (ind.direction === 'up' ? latest.value >= t : latest.value <= t);
    const percent = latest === null || t === null || b === null ? null : t === b ? (reached ? 100 : 0) : Math.round(((latest.value - b) / (t - b)) * 1000) / 10;
    const progress: Progress = { latest, percent, reached };
    return { indicator: { ...structuredClone(ind), readings }, progress };
  });
}

function projectSteering(p: ProjectDetail): ProjectSteering {
  const known = core.steering[String(p.id)];
  const lapses = known && demoLapses.get(p.id) === lapseKey(p) ? structuredClone(known.lapses) : [];
  return { indicators: indicatorViews(p.indicators), lapses };
}

/** The demo town's plan from the fixtures, on the years asked (years it does not cover hold nothing). */
function programme(town: string | null, from: number, to: number): Programme {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to || to - from > 30 || from < 2000 || to > 2100) {
    const msg = tr(`Années : de ${from} à ${to} n'est pas une période de 1 à 31 ans entre 2000 et 2100`, `Years: ${from} to ${to} is not a period of 1 to 31 years between 2000 and 2100`);
    fail('invalid', msg, [{ field: 'years', line: null, message: msg }]);
  }
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const zero = (year: number): YearFigures => ({ year, investment: 0, operating: 0, actual: 0, receipts: 0, net: 0 });
  const pick = (list: YearFigures[]) => years.map((y) => structuredClone(list.find((f) => f.year === y)) ?? zero(y));
  const demo = towns.some((t) => t.insee === '29024') && (town === null || town === '29024');
  const projects = demo ? core.programme.projects.map((p) => ({ ...structuredClone(p), years: pick(p.years) })) : [];
  return {
    from,
    to,
    projects,
    totals: demo ? pick(core.programme.totals) : years.map(zero),
    unscheduled_receipts: demo ? core.programme.unscheduled_receipts : 0,
  };
}

function plan(p: ProjectDetail): PlanSummary {
  const known = core.plans[String(p.id)];
  if (known && demoLines.get(p.id) === JSON.stringify([p.cost_excl_vat, p.cost_incl_vat, p.owner_kind, p.derogation, p.funding_lines, p.milestones])) return known;
  return {
    figures: {
      basis: p.cost_excl_vat, basis_kind: p.cost_excl_vat === null ? null : 'cost_excl_vat', cost: p.cost_excl_vat,
      total_planned: 0, public_aid: 0, public_share_percent: null, private_money: 0, own_funds: 0, borrowing: 0,
      unfunded: 0, gap: null, secured: 0, mixed_vat: false, owner_share: 0, investment_public_aid: 0,
      public_funding: 0, owner_share_percent: null, operating_left_out: 0, owner_burden: 0,
    },
    findings: [],
  };
}

/** How many items each dashboard list holds at most (the core's LIST_LIMIT). */
const LIST_LIMIT = 50;

function dashboard(town: string | null): Dashboard {
  const list = projects.filter((p) => town === null || p.town_insee === town);
  const horizon = new Date(Date.now() + 60 * 86400000).toISOString().slice(0, 10);
  const upcoming: Dashboard['upcoming'] = [];
  const byFunder = new Map<string, { secured: number; pending: number }>();
  let secured = 0;
  let pending = 0;
  for (const p of list) {
    for (const m of p.milestones) if (!m.done && m.due_date >= today() && m.due_date <= horizon) upcoming.push({ date: m.due_date, kind: 'milestone', project_id: p.id, project_title: p.title, label: m.title });
    for (const l of p.funding_lines) {
      if (l.deadline && l.deadline >= today() && l.deadline <= horizon) upcoming.push({ date: l.deadline, kind: 'funding_deadline', project_id: p.id, project_title: p.title, label: l.scheme ?? l.funder });
      if (l.status === 'refused') continue;
      const amount = l.amount_awarded ?? l.amount_requested ?? 0;
      const row = byFunder.get(l.funder) ?? { secured: 0, pending: 0 };
      if (['awarded', 'partially_paid', 'paid'].includes(l.status)) { row.secured += amount; secured += amount; } else { row.pending += amount; pending += amount; }
      byFunder.set(l.funder, row);
    }
  }
  upcoming.sort((a, b) => a.date.localeCompare(b.date));
  const late = list.filter((p) => p.health === 'late' || p.health === 'blocked').sort((a, b) => a.id - b.id);
  const overdue = list
    .flatMap((p) => p.milestones.filter((m) => !m.done && m.due_date < today()).map((m) => ({ date: m.due_date, kind: 'milestone' as const, project_id: p.id, project_title: p.title, label: m.title })))
    .sort((a, b) => a.date.localeCompare(b.date));
  const rank = (f: Finding) => (f.severity === 'blocking' ? 0 : 1);
  const findings = list
    .flatMap((p) => plan(p).findings.filter((f) => f.severity !== 'info'))
    .sort((a, b) => rank(a) - rank(b) || a.project_id - b.project_id);
  return {
    total_projects: list.length,
    stage_counts: [0, 1, 2, 3, 4, 5, 6, 7, 8].map((stage) => ({ stage, count: list.filter((p) => p.stage === stage).length })),
    late_or_blocked: late.slice(0, LIST_LIMIT).map(summary),
    late_or_blocked_total: late.length,
    upcoming: upcoming.slice(0, LIST_LIMIT),
    upcoming_total: upcoming.length,
    overdue: overdue.slice(0, LIST_LIMIT),
    overdue_total: overdue.length,
    total_cost_excl_vat: list.reduce((s, p) => s + (p.cost_excl_vat ?? 0), 0),
    funding_secured: secured,
    funding_pending: pending,
    funding_by_funder: [...byFunder].map(([funder, v]) => ({ funder: funder as Funder, ...v })),
    to_handle: {
      first: findings.slice(0, LIST_LIMIT),
      blocking: findings.filter((f) => f.severity === 'blocking').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    },
  };
}

/** The projects a filter selects, by number (limit and offset aside). */
function selected(f: ProjectFilter): ProjectDetail[] {
  const q = f.search ? fold(f.search) : null;
  if (q === 'erreur' || q === 'error') fail('mock_error', 'Erreur simulée (données de développement).');
  return projects
    .filter((p) => (f.town_insee === null || p.town_insee === f.town_insee) && (f.stage === null || p.stage === f.stage) && (q === null || fold(`${p.title} ${p.summary}`).includes(q)))
    .sort((a, b) => a.id - b.id);
}

function project(p: ProjectDetail): Project {
  const { stage_events: _a, funding_lines: _b, milestones: _c, journal: _d, council_decisions: _e, actors: _f, solutions: _g, expense_lines: _h, indicators: _i, phases: _j, yearly: _k, ...rest } = p;
  return structuredClone(rest);
}

// "?demo" in the address starts with the demo loaded (screens other than first run).
if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('demo')) loadDemo();

export async function mockInvoke<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  await new Promise((r) => setTimeout(r, 120));
  return structuredClone(handle(command, args)) as T;
}

function handle(command: string, a: Record<string, unknown>): unknown {
  switch (command) {
    case 'set_lang':
      lang = a.lang === 'en' ? 'en' : 'fr';
      return null;
    case 'get_taxonomy':
      return taxonomyJson as Taxonomy;
    case 'list_towns':
      return towns;
    case 'search_communes': {
      const q = fold(String(a.text ?? '').trim());
      if (!q) return [];
      return communes.filter((c) => fold(c.name).includes(q) || c.postcodes.some((p) => p.startsWith(q))).slice(0, Number(a.limit ?? 20));
    }
    case 'add_town': {
      const c = communes.find((x) => x.insee === a.insee);
      if (!c) fail('not_found', tr('Commune introuvable', 'Town not found'));
      const town = { ...c, is_demo: false };
      if (!towns.some((t) => t.insee === c.insee)) towns.push(town);
      return town;
    }
    case 'load_demo':
      return loadDemo();
    case 'list_projects': {
      const f = (a.filter ?? {}) as ProjectFilter;
      const offset = f.offset ?? 0;
      const page = selected(f).slice(offset, f.limit === undefined || f.limit === null ? undefined : offset + f.limit);
      return page.map(summary);
    }
    case 'count_projects':
      return selected((a.filter ?? {}) as ProjectFilter).length;
    case 'get_project':
      return find(a.id);
    case 'create_project': {
      const fields = a.fields as ProjectFields;
      const problems = validateFields(fields);
      if (problems.length) fail('invalid', problems.map((p) => p.message).join('\n'), problems);
      const id = nextId++;
      const p: ProjectDetail = { ...fields, id, uid: `mock-${id}`, created_at: now(), updated_at: now(), stage_events: [{ from_stage: null, to_stage: fields.stage, date: today(), author: '', note: '' }], expense_lines: [], funding_lines: [], milestones: [], indicators: [], phases: [], yearly: [], journal: [], council_decisions: [], actors: [], solutions: [] };
      projects.push(p);
      return project(p);
    }
    case 'update_project': {
      const p = find(a.id);
      const fields = a.fields as ProjectFields;
      const problems = validateFields(fields);
      if (problems.length) fail('invalid', problems.map((x) => x.message).join('\n'), problems);
      const kept = p.expense_lines.length > 0 ? { cost_excl_vat: p.cost_excl_vat, cost_incl_vat: p.cost_incl_vat } : {};
      Object.assign(p, fields, kept, { updated_at: now() });
      return project(p);
    }
    case 'save_project_lines': {
      const p = find(a.id);
      const lines = a.lines as ProjectLines;
      const problems = validateLines(lines);
      const known = new Set([...(actorsJson as { actors: Actor[] }).actors, ...localActors].map((x) => x.id));
      lines.actors.forEach((l, i) => known.has(l.actor_id) || problems.push({ field: `actors[${i}].actor_id`, line: null, message: tr('Acteur inconnu', 'Unknown actor') }));
      if (problems.length) fail('invalid', problems.map((x) => x.message).join('\n'), problems);
      Object.assign(p, { ...lines, stage_events: p.stage_events, updated_at: now() });
      derive(p);
      return p;
    }
    case 'move_stage': {
      const p = find(a.id);
      p.stage_events.push({ from_stage: p.stage, to_stage: Number(a.to), date: today(), author: '', note: String(a.note ?? '') });
      p.stage = Number(a.to);
      p.updated_at = now();
      return project(p);
    }
    case 'delete_project': {
      const p = find(a.id);
      projects = projects.filter((x) => x !== p);
      return p;
    }
    case 'restore_project': {
      const d = a.detail as ProjectDetail;
      projects.push(d);
      projects.sort((x, y) => x.id - y.id);
      return project(d);
    }
    case 'plan_summary':
      return plan(find(a.id));
    case 'list_rules':
      return core.rules;
    case 'dashboard':
      return dashboard((a.town_insee as string | null) ?? null);
    case 'list_actors':
      // The core names places; the mock shows the codes.
      return [...(actorsJson as unknown as { actors: Actor[] }).actors, ...localActors].map(
        (x): ActorView => ({
          ...x,
          actor_id: x.id,
          regions: x.scope === 'regional' ? x.territories : [],
          departements: x.scope === 'departemental' ? x.territories : [],
          area_fr: x.scope === 'national' ? 'France entière' : x.territories.join(', '),
          area_en: x.scope === 'national' ? 'All of France' : x.territories.join(', '),
          local: localActors.includes(x),
          serves_towns: towns.filter((t) => x.scope === 'national' || x.territories.some((c) => c === t.region || c === t.departement || c === t.epci_code)).map((t) => t.insee),
        }),
      );
    case 'save_actor': {
      const actor = a.actor as Actor;
      if (!actor.name.trim()) fail('invalid', tr("Nom de l'acteur : ce champ est obligatoire", 'Actor name: this field is required'), [{ field: 'name', line: null, message: tr("Nom de l'acteur : ce champ est obligatoire", 'Actor name: this field is required') }]);
      const i = localActors.findIndex((x) => x.id === actor.id);
      if (i >= 0) localActors[i] = actor;
      else localActors.push(actor);
      return actor;
    }
    case 'list_solutions':
      return (solutionsJson as { solutions: Solution[] }).solutions;
    case 'list_funding_schemes':
      return (schemesJson as unknown as { schemes: FundingScheme[] }).schemes;
    case 'app_info':
      return {
        version: '0.1.0 (maquette)',
        db_path: '/home/chef/.local/share/bourgade/bourgade.sqlite',
        schema_version: 2,
        catalogue: { catalogue_version: 1, communes_version: 'decoupage-administratif 4.x', communes: 34969, actors: 82, solutions: 21, schemes: 14 },
        sources: [
          { name: '@etalab/decoupage-administratif', version: '4.x', licence: 'Licence Ouverte 2.0', url: 'https://github.com/etalab/decoupage-administratif' },
        ],
      } satisfies AppInfo;
    case 'backup_now':
      return String(a.path);
    case 'restore_backup':
      return handle('app_info', {});
    case 'export_file':
      return projects.length;
    case 'make_dossier':
      return makeDossier(a);
    case 'project_steering':
      return projectSteering(find(a.id));
    case 'indicator_templates':
      return core.indicator_templates;
    case 'town_indicators': {
      const insee = String(a.insee ?? '');
      if (!towns.some((t) => t.insee === insee)) fail('invalid', tr('Commune : elle n’est pas suivie', 'Town: not followed'));
      return indicatorViews(townIndicators.get(insee) ?? []);
    }
    case 'save_town_indicators': {
      const insee = String(a.insee ?? '');
      if (!towns.some((t) => t.insee === insee)) fail('invalid', tr('Commune : elle n’est pas suivie', 'Town: not followed'));
      const list = a.indicators as Indicator[];
      const problems: IpcProblem[] = [];
      list.forEach((ind, i) => {
        if (!ind.label.trim()) problems.push({ field: `indicators[${i}].label`, line: null, message: tr(`Indicateur n° ${i + 1} — Libellé de l'indicateur : ce champ est obligatoire`, `Indicator #${i + 1} — Indicator label: this field is required`) });
      });
      if (problems.length) fail('invalid', problems.map((x) => x.message).join('\n'), problems);
      const saved = list.map((ind) => ({ ...ind, label: ind.label.trim(), readings: [...ind.readings].sort((x, y) => x.date.localeCompare(y.date)) }));
      townIndicators.set(insee, saved);
      return indicatorViews(saved);
    }
    case 'programme':
      return programme((a.town_insee as string | null) ?? null, Number(a.from), Number(a.to));
    case 'programme_xlsx':
      programme((a.town_insee as string | null) ?? null, Number(a.from), Number(a.to));
      return String(a.path);
    case 'brief_committee':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(a.since ?? ''))) fail('invalid', tr('Depuis le : date obligatoire', 'Since: date required'), [{ field: 'since', line: null, message: tr('Depuis le : date obligatoire', 'Since: date required') }]);
      return String(a.path);
    case 'update_catalogue':
      if (String(a.path).includes('erreur')) fail('import', tr('1 problème dans le catalogue', '1 problem in the catalogue'), [{ field: 'verified_on', line: 8, message: tr('Ligne 8 : Acteur n° 2 (fictif) : la date de vérification (verified_on, AAAA-MM-JJ) manque', 'Line 8: Actor #2 (fictif): the date checked (verified_on, YYYY-MM-DD) is missing') }]);
      return { dry_run: Boolean(a.dry_run), catalogue_version: 4, added: [{ kind: 'actor', id: 'reseau-fictif', name: 'Réseau fictif' }], changed: [], retired: [], kept_user: [], unchanged: 160 };
    case 'export_catalogue':
      return 162;
    case 'export_communs':
    case 'export_tet':
      return projects.filter((p) => !a.town_insee || p.town_insee === a.town_insee).length;
    case 'import_tet':
      if (!a.town_insee) fail('invalid', tr("Un plan d'action de Territoires en Transitions ne dit pas de quelle commune il est.", 'A Territoires en Transitions action plan does not say which town it belongs to.'));
      if (String(a.path).includes('erreur')) fail('import', tr('1 problème dans le fichier importé', '1 problem in the imported file'), [{ field: 'title', line: 5, message: tr("Ligne 5 : Titre de l'action : ce champ est obligatoire", 'Line 5: Action title: this field is required') }]);
      return { dry_run: Boolean(a.dry_run), created: 2, updated: 0, towns_added: [], actors_saved: 0, notes: [] };
    case 'import_aids': {
      if (String(a.path).includes('erreur')) fail('import', tr('1 problème dans le fichier d’aides', '1 problem in the aids file'), [{ field: 'name', line: 2, message: tr('Aide n° 2 — Nom : ce champ est obligatoire', 'Aid #2 — Name: this field is required') }]);
      if (!a.dry_run) aidsImported = true;
      return { dry_run: Boolean(a.dry_run), read: 1, created: 1, updated: 0, closed: 0, unplaced: 0, notes_fr: [], notes_en: [] };
    }
    case 'list_aids':
      return aidsImported ? [{ id: 1, aid: mockAid, imported_at: now(), updated_at: now() }] : [];
    case 'suggest_aids':
      find(a.id);
      return aidsImported ? [mockAidSuggestion] : [];
    case 'import_file': {
      if (String(a.path).includes('erreur')) {
        fail('import', tr('2 problème(s) dans le fichier importé', '2 problem(s) in the imported file'), [
          { field: 'title', line: 3, message: tr('Ligne 3 : Titre du projet : ce champ est obligatoire', 'Line 3: Project title: this field is required') },
          { field: 'stage', line: 7, message: tr("Ligne 7 : Étape : 12 n'existe pas", 'Line 7: Stage: 12 does not exist') },
        ]);
      }
      return { dry_run: Boolean(a.dry_run), created: 0, updated: projects.length, towns_added: [], actors_saved: 0, notes: [] };
    }
    default:
      fail('unknown_command', `Unknown command ${command}`);
  }
}
