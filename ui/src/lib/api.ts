// Calls to the Rust side (Tauri commands): one typed wrapper per command of
// the IPC contract, nothing else.
import { invoke, isTauri } from '@tauri-apps/api/core';
import type { Actor, AppInfo, Commune, Dashboard, DossierFile, FundingScheme, ImportReport, IpcError, IpcProblem, PlanSummary, Project, ProjectDetail, RuleInfo, ProjectFields, ProjectFilter, ProjectLines, ProjectSummary, Solution, Taxonomy, Town, Service } from './bindings';
import type { ActorSuggestion, SolutionSuggestion } from './bindings';
import type { Indicator, IndicatorTemplate, IndicatorView, Programme, ProjectSteering } from './bindings';
import type { ActorView, AidSuggestion, AidsImportReport, CatalogueReport, CommunsFormat, StoredAid } from './bindings';

/** An error as the UI handles it: the IPC error, normalised. */
export type AppError = IpcError;

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!isTauri()) {
    // `npm run dev` in an ordinary browser: fictional data so the screens can
    // be worked on without the Rust side. Never part of the production build.
    if (import.meta.env.DEV) {
      const { mockInvoke } = await import('./mock');
      return mockInvoke<T>(command, args);
    }
    throw { code: 'not_tauri', message: '', problems: [] } satisfies AppError;
  }
  return invoke<T>(command, args);
}

export const api = {
  setLang: (lang: 'fr' | 'en') => call<null>('set_lang', { lang }),
  getTaxonomy: () => call<Taxonomy>('get_taxonomy'),

  listTowns: () => call<Town[]>('list_towns'),
  searchCommunes: (text: string, limit: number) => call<Commune[]>('search_communes', { text, limit }),
  addTown: (insee: string) => call<Town>('add_town', { insee }),
  loadDemo: () => call<ImportReport>('load_demo'),

  listProjects: (filter: ProjectFilter) => call<ProjectSummary[]>('list_projects', { filter }),
  countProjects: (filter: ProjectFilter) => call<number>('count_projects', { filter }),
  getProject: (id: number) => call<ProjectDetail>('get_project', { id }),
  createProject: (fields: ProjectFields) => call<Project>('create_project', { fields }),
  updateProject: (id: number, fields: ProjectFields) => call<Project>('update_project', { id, fields }),
  saveProjectLines: (id: number, lines: ProjectLines) =>
    call<ProjectDetail>('save_project_lines', { id, lines }),
  moveStage: (id: number, to: number, note: string) => call<Project>('move_stage', { id, to, note }),
  deleteProject: (id: number) => call<ProjectDetail>('delete_project', { id }),
  restoreProject: (detail: ProjectDetail) => call<Project>('restore_project', { detail }),
  planSummary: (id: number) => call<PlanSummary>('plan_summary', { id }),
  listRules: () => call<RuleInfo[]>('list_rules'),
  dashboard: (townInsee: string | null) => call<Dashboard>('dashboard', { town_insee: townInsee }),

  listActors: () => call<ActorView[]>('list_actors'),
  saveActor: (actor: Actor) => call<Actor>('save_actor', { actor }),
  listSolutions: () => call<Solution[]>('list_solutions'),
  listFundingSchemes: () => call<FundingScheme[]>('list_funding_schemes'),
  suggestActors: (id: number, service: Service | null = null) =>
    call<ActorSuggestion[]>('suggest_actors', { id, filter: { service, limit: null } }),
  suggestSolutions: (id: number) => call<SolutionSuggestion[]>('suggest_solutions', { id }),

  appInfo: () => call<AppInfo>('app_info'),
  backupNow: (path: string) => call<string>('backup_now', { path }),
  restoreBackup: (path: string) => call<AppInfo>('restore_backup', { path }),
  exportFile: (format: 'json' | 'csv', path: string) => call<number>('export_file', { format, path }),
  importFile: (path: string, dryRun: boolean) => call<ImportReport>('import_file', { path, dry_run: dryRun }),

  // PDF briefs: the core writes the file where the user chose, then the
  // system viewer opens it.
  briefProject: (id: number, path: string, decision: string | null) =>
    call<string>('brief_project', { id, path, decision, open: true }),
  briefPortfolio: (townInsee: string | null, by: 'stage' | 'axis', path: string) =>
    call<string>('brief_portfolio', { town_insee: townInsee, by, path, open: true }),
  briefCouncil: (townInsee: string | null, meetingDate: string, projectIds: number[], path: string) =>
    call<string>('brief_council', { town_insee: townInsee, meeting_date: meetingDate, project_ids: projectIds, path, open: true }),

  // The grant application dossier: six files written into a folder, which
  // then opens. Refused with a problem on `force` when files are there.
  makeDossier: (id: number, scheme: string | null, dir: string, force: boolean) =>
    call<DossierFile[]>('make_dossier', { id, scheme, dir, force, open: true }),

  // Steering: indicators with the core's progress, grant lapse dates, the
  // multi-year plan (PPI) and the comité de projet pack.
  projectSteering: (id: number) => call<ProjectSteering>('project_steering', { id }),
  townIndicators: (insee: string) => call<IndicatorView[]>('town_indicators', { insee }),
  saveTownIndicators: (insee: string, indicators: Indicator[]) =>
    call<IndicatorView[]>('save_town_indicators', { insee, indicators }),
  indicatorTemplates: () => call<IndicatorTemplate[]>('indicator_templates'),
  programme: (townInsee: string | null, from: number, to: number) =>
    call<Programme>('programme', { town_insee: townInsee, from, to }),
  programmeXlsx: (townInsee: string | null, from: number, to: number, path: string) =>
    call<string>('programme_xlsx', { town_insee: townInsee, from, to, path }),
  /** The comité de projet pack (PDF), written where the user chose, then opened. */
  briefCommittee: (townInsee: string | null, since: string, date: string | null, path: string) =>
    call<string>('brief_committee', { town_insee: townInsee, since, date, path, open: true }),

  // The national platforms: Les Communs and Territoires en Transitions
  // files out and in, and the aids of Aides-territoires.
  exportCommuns: (format: CommunsFormat, townInsee: string | null, path: string) =>
    call<number>('export_communs', { format, town_insee: townInsee, path }),
  exportTet: (townInsee: string | null, path: string) => call<number>('export_tet', { town_insee: townInsee, path }),
  importTet: (path: string, townInsee: string | null, dryRun: boolean) =>
    call<ImportReport>('import_tet', { path, town_insee: townInsee, dry_run: dryRun }),
  importAids: (path: string, perimeter: string | null, dryRun: boolean) =>
    call<AidsImportReport>('import_aids', { path, perimeter, dry_run: dryRun }),
  listAids: () => call<StoredAid[]>('list_aids'),
  suggestAids: (id: number) => call<AidSuggestion[]>('suggest_aids', { id }),

  // Catalogue updates from a file (checked first), and the shipped catalogue out.
  updateCatalogue: (path: string, dryRun: boolean) => call<CatalogueReport>('update_catalogue', { path, dry_run: dryRun }),
  exportCatalogue: (path: string) => call<number>('export_catalogue', { path }),
};

function normaliseProblems(value: unknown): IpcProblem[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null)
    .map((p) => ({
      field: typeof p.field === 'string' ? p.field : '',
      line: typeof p.line === 'number' ? p.line : null,
      message: typeof p.message === 'string' ? p.message : '',
    }))
    .filter((p) => p.message !== '');
}

/**
 * Normalise a rejected command into { code, message, problems }.
 * Commands reject with the IPC error; Tauri itself may reject with a plain
 * string. `message` is empty when there is nothing meaningful to show (the
 * caller supplies a text).
 */
export function toAppError(err: unknown): AppError {
  if (typeof err === 'object' && err !== null) {
    const e = err as Record<string, unknown>;
    return {
      code: typeof e.code === 'string' ? e.code : 'unknown',
      message: typeof e.message === 'string' ? e.message : '',
      problems: normaliseProblems(e.problems),
    };
  }
  if (typeof err === 'string') {
    // Tauri's own words for a command this version of the app lacks.
    if (/^Command \S+ not found$/.test(err)) return { code: 'unknown_command', message: '', problems: [] };
    return { code: 'unknown', message: err, problems: [] };
  }
  return { code: 'unknown', message: '', problems: [] };
}
