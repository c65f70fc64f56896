// Calls to the Rust side (Tauri commands).
import { invoke, isTauri } from '@tauri-apps/api/core';
import type { AppError, ProjectFilter, ProjectSummary, Taxonomy, Town } from './bindings';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!isTauri()) {
    // `npm run dev` in an ordinary browser: fictional data so the screen can be
    // worked on without the Rust side. Never part of the production build.
    if (import.meta.env.DEV) {
      const { mockInvoke } = await import('./mock');
      return mockInvoke<T>(command, args);
    }
    throw { code: 'not_tauri', message: '' } satisfies AppError;
  }
  return invoke<T>(command, args);
}

export const api = {
  listTowns: () => call<Town[]>('list_towns'),
  listProjects: (filter: ProjectFilter) => call<ProjectSummary[]>('list_projects', { filter }),
  getTaxonomy: () => call<Taxonomy>('get_taxonomy'),
  setLang: (lang: 'fr' | 'en') => call<null>('set_lang', { lang }),
};

/**
 * Normalise a rejected command into { code, message }.
 * Commands reject with AppError; Tauri itself may reject with a plain string.
 * `message` is empty when there is nothing meaningful to show (caller supplies a text).
 */
export function toAppError(err: unknown): AppError {
  if (typeof err === 'object' && err !== null) {
    const e = err as Record<string, unknown>;
    return {
      code: typeof e.code === 'string' ? e.code : 'unknown',
      message: typeof e.message === 'string' ? e.message : '',
    };
  }
  if (typeof err === 'string') return { code: 'unknown', message: err };
  return { code: 'unknown', message: '' };
}
