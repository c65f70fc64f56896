// Leaving a page that holds input not saved. A page that edits (the project
// page) registers what it holds; before the app goes to another screen, or
// the window closes or reloads, the guard saves what can be saved and, when
// something would still be lost (an invalid value, a failed save), asks.

/** What a page holds that is not in the store. */
export type PageState = {
  /** A change is waiting for its save or being written. */
  pending: boolean;
  /** The core refused a value, or an input holds text that cannot be read. */
  invalid: boolean;
  /** The last save failed (disk, database…). */
  failed: boolean;
};

/** True when leaving now would lose something the user typed. */
export function wouldLose(state: PageState): boolean {
  return state.pending || state.invalid || state.failed;
}

/** One editing page, as the guard sees it. */
export type Guarded = {
  /** What the page holds now. */
  state: () => PageState;
  /** Saves what is pending (what can be saved is saved). */
  flush: () => Promise<void>;
};

/** How long leaving waits for pending saves before asking anyway. */
export const FLUSH_WAIT_MS = 5000;

export class LeaveGuard {
  private pages = new Set<Guarded>();

  /** Registers a page; returns the function that unregisters it. */
  register(page: Guarded): () => void {
    this.pages.add(page);
    return () => {
      this.pages.delete(page);
    };
  }

  /** True while a registered page would lose input (for `beforeunload`, which cannot wait). */
  get holdsUnsaved(): boolean {
    return [...this.pages].some((p) => wouldLose(p.state()));
  }

  /** True when a page is registered. */
  get active(): boolean {
    return this.pages.size > 0;
  }

  /**
   * Saves what the pages hold, then asks when something would still be
   * lost. Resolves true when leaving is fine. A failing question lets the
   * user leave: a broken dialog must never lock the window.
   */
  async mayLeave(ask: () => Promise<boolean>, waitMs: number = FLUSH_WAIT_MS): Promise<boolean> {
    const pages = [...this.pages];
    if (pages.length === 0) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([Promise.allSettled(pages.map((p) => p.flush())), waited]);
    clearTimeout(timer);
    if (!pages.some((p) => wouldLose(p.state()))) return true;
    try {
      return await ask();
    } catch {
      return true;
    }
  }
}

/** The app's guard (one window, one page at a time). */
export const leaveGuard = new LeaveGuard();

/**
 * Changes of address go through here: the new screen shows once the guard
 * lets it go; otherwise the old address is put back (replacing the history
 * entry, so no screen change is heard). Questions never stack: a change that
 * comes while one is asked only updates where to go.
 */
export class RouteGate<R> {
  private asking = false;
  private target: R | null = null;

  constructor(
    private readonly o: {
      guard: LeaveGuard;
      ask: () => Promise<boolean>;
      /** The screen shown now. */
      current: () => R;
      same: (a: R, b: R) => boolean;
      /** Shows another screen. */
      show: (route: R) => void;
      /** Puts the current screen's address back. */
      restore: () => void;
    },
  ) {}

  /** The address changed to `next`. */
  async change(next: R): Promise<void> {
    const o = this.o;
    if (o.same(next, o.current())) {
      this.target = null; // back where we are: nothing to leave
      return;
    }
    if (!this.asking && !o.guard.active) {
      o.show(next);
      return;
    }
    this.target = next;
    if (this.asking) return;
    this.asking = true;
    let ok = true;
    try {
      ok = await o.guard.mayLeave(o.ask);
    } finally {
      this.asking = false;
    }
    const target = this.target;
    this.target = null;
    if (ok && target !== null) o.show(target);
    else o.restore();
  }
}
