// Stage moves and deletions with their way back, shared by the board and
// the project page: do it, say it (toast + screen reader), offer the undo.
import { api, toAppError, type AppError } from './api';
import type { AppState } from './app-state.svelte';
import type { ProjectDetail } from './bindings';

type MoveApi = Pick<typeof api, 'moveStage'>;
type DeleteApi = Pick<typeof api, 'deleteProject' | 'restoreProject'>;

export type Outcome<T = void> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * Moves a project to stage `to` with `note`, then offers "Annuler", which
 * moves it back to where it was (recording that move too: history is kept).
 */
export async function moveProject(
  app: AppState,
  project: { id: number; title: string; stage: number },
  to: number,
  note: string,
  afterUndo: () => unknown = () => {},
  deps: MoveApi = api,
): Promise<Outcome> {
  const from = project.stage;
  try {
    await deps.moveStage(project.id, to, note);
  } catch (e) {
    return { ok: false, error: toAppError(e) };
  }
  app.announce(app.t('movedAnnounce', { title: project.title, n: to, stage: app.label('stages', to) }));
  app.offerUndo({
    message: app.t('movedToast', { n: to }),
    revert: async () => {
      await deps.moveStage(project.id, from, app.t('undoMoveNote', { n: to }));
      app.announce(app.t('moveUndoneAnnounce', { title: project.title, n: from }));
      app.dataChanged();
      await afterUndo();
    },
  });
  app.dataChanged();
  return { ok: true, value: undefined };
}

/** Deletes a project and offers to restore it whole (same number, same lines). */
export async function deleteProject(
  app: AppState,
  id: number,
  afterUndo: (detail: ProjectDetail) => unknown = () => {},
  deps: DeleteApi = api,
): Promise<Outcome<ProjectDetail>> {
  let detail: ProjectDetail;
  try {
    detail = await deps.deleteProject(id);
  } catch (e) {
    return { ok: false, error: toAppError(e) };
  }
  app.announce(app.t('deletedAnnounce', { title: detail.title }));
  app.offerUndo({
    message: app.t('deletedToast'),
    revert: async () => {
      await deps.restoreProject(detail);
      app.announce(app.t('restoredAnnounce', { title: detail.title }));
      app.dataChanged();
      await afterUndo(detail);
    },
  });
  app.dataChanged();
  return { ok: true, value: detail };
}
