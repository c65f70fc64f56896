// One long step of a settings card (checking a file, writing one): its
// progress text, its result, and its error. A refused file's line-level
// problems are kept apart so they can be listed.
import { toAppError, type AppError } from './api';

export class Task {
  /** Work in progress: its text, shown with a progress bar. */
  busy = $state<string | null>(null);
  done = $state<string | null>(null);
  error = $state<AppError | null>(null);
  /** A refused file: its problems with their lines. */
  problems = $state<AppError | null>(null);

  /** Runs `work` with its progress text; its answer becomes `done`. */
  async run(text: string, work: () => Promise<string | null>): Promise<void> {
    this.busy = text;
    this.done = null;
    this.error = null;
    this.problems = null;
    try {
      this.done = await work();
    } catch (e) {
      const err = toAppError(e);
      if (err.problems.some((p) => p.line !== null)) this.problems = err;
      else this.error = err;
    } finally {
      this.busy = null;
    }
  }

  /** An error found before any work (a missing choice). */
  refuse(message: string): void {
    this.done = null;
    this.problems = null;
    this.error = { code: 'invalid', message, problems: [] };
  }
}
