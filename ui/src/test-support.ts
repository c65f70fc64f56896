// Shared by the component tests: a scripted backend behind the mocked
// `invoke`, real labels, and helpers to mount the app on a route.
import { flushSync, mount, unmount } from 'svelte';
import coreFixtures from './lib/core-fixtures.json';
import type { PlanSummary, RuleInfo } from './lib/bindings';
import { vi } from 'vitest';
import { invoke } from '@tauri-apps/api/core';
import type { Dashboard, ProjectDetail, ProjectSummary, Taxonomy, Town } from './lib/bindings';
import taxonomyJson from '../../data/reference/taxonomy.json';
import App from './App.svelte';
import { newApplication } from './lib/project';

export const taxonomy = taxonomyJson as Taxonomy;

export const town: Town = {
  insee: '29024',
  name: 'Carhaix-Plouguer',
  departement: '29',
  departement_name: 'Finistère',
  region: '53',
  region_name: 'Bretagne',
  population: 7412,
  epci_code: '242900744',
  epci_name: 'CC Poher Communauté',
  is_demo: true,
  postcodes: ['29270'],
};

export function summary(id: number, extra: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    id, uid: `u${id}`, town_insee: '29024', town_name: 'Carhaix-Plouguer', title: `Projet ${id}`, stage: 0,
    health: 'on_track', priority: 'medium', ort_axis: null, themes: [], cost_excl_vat: null, next_deadline: null,
    updated_at: '2026-10-01T14:12:00Z', ...extra,
  };
}

export function detail(id: number, extra: Partial<ProjectDetail> = {}): ProjectDetail {
  return {
    id, uid: `u${id}`, created_at: '2026-01-05T10:00:00Z', updated_at: '2026-10-01T14:12:00Z',
    town_insee: '29024', title: `Projet ${id}`, summary: '', context: '', proposal: '', risks: '', ort_axis: null,
    action_sheet: null, themes: [], stage: 0, health: 'on_track', priority: 'medium', lead: '', elected_lead: '',
    planned_start: null, planned_end: null, cost_excl_vat: null, cost_incl_vat: null, owner_kind: 'commune', derogation: 'none',
    application: newApplication(), started_on: null, completed_on: null,
    stage_events: [{ from_stage: null, to_stage: 0, date: '2026-01-05', author: '', note: '' }],
    expense_lines: [], funding_lines: [], milestones: [], indicators: [], phases: [], yearly: [], journal: [], council_decisions: [], actors: [], solutions: [], ...extra,
  };
}

/** A dashboard with nothing in it, the given fields aside. */
export function dashboardData(extra: Partial<Dashboard> = {}): Dashboard {
  return {
    total_projects: 0, stage_counts: [], late_or_blocked: [], late_or_blocked_total: 0, upcoming: [], upcoming_total: 0,
    overdue: [], overdue_total: 0, total_cost_excl_vat: 0, funding_secured: 0, funding_pending: 0, funding_by_funder: [],
    to_handle: { first: [], blocking: 0, warnings: 0 }, ...extra,
  };
}

type Handler = (args: Record<string, unknown>) => unknown;

export const invokeMock = vi.mocked(invoke);

/** Answers commands from `handlers`; anything else rejects like an unknown command. */
export function backend(handlers: Record<string, Handler>) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const a = (args ?? {}) as Record<string, unknown>;
    const h = handlers[cmd];
    if (h) return h(a);
    if (cmd === 'set_lang') return null;
    if (cmd === 'get_taxonomy') return taxonomy;
    if (cmd === 'list_rules') return coreRules;
    throw { code: 'unknown_command', message: cmd, problems: [] };
  });
}

/** Arguments of every call of `cmd`, in order. */
export function calls(cmd: string): Record<string, unknown>[] {
  return invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, a]) => (a ?? {}) as Record<string, unknown>);
}

export async function settle(rounds = 3) {
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((res) => setTimeout(res, 0));
    flushSync();
  }
}

let app: ReturnType<typeof mount> | null = null;

/** Mounts the app on `hash` ("#/board"). */
export function render(hash = '#/dashboard') {
  history.replaceState(null, '', hash);
  app = mount(App, { target: document.body });
  flushSync();
}

export function cleanup() {
  if (app) unmount(app);
  app = null;
  document.body.replaceChildren();
  localStorage.clear();
  invokeMock.mockReset();
  vi.useRealTimers();
}

export function text(selector: string): string {
  return (document.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function texts(selector: string): string[] {
  return [...document.querySelectorAll(selector)].map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());
}

export function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

export function click(el: Element | null) {
  if (!el) throw new Error('nothing to click');
  (el as HTMLElement).click();
  flushSync();
}

export function button(label: string | RegExp, root: ParentNode = document): HTMLButtonElement {
  const all = [...root.querySelectorAll<HTMLButtonElement>('button')];
  const found = all.find((b) => {
    const t = (b.textContent ?? '').replace(/\s+/g, ' ').trim();
    return typeof label === 'string' ? t === label : label.test(t);
  });
  if (!found) throw new Error(`no button "${label}" among: ${all.map((b) => b.textContent?.trim()).join(' | ')}`);
  return found;
}

/** Picks an option as a user would (Svelte reads the :checked option). */
export function choose(select: HTMLSelectElement, value: string) {
  for (const o of select.options) o.selected = o.value === value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}

/**
 * The core's own answers on the demo (written by src-tauri/src/fixtures.rs):
 * tests take their plan figures and findings from here rather than from a
 * second implementation of the money rules.
 */
export const corePlans = (coreFixtures as unknown as { plans: Record<string, PlanSummary> }).plans;
export const coreRules = (coreFixtures as unknown as { rules: RuleInfo[] }).rules;
