// "Undo the last change": one slot holding the way back from the last stage
// move or deletion, offered in a toast for a while.

export type Undoable = {
  /** What happened, shown in the toast ("Projet supprimé"). */
  message: string;
  /** Puts things back as they were. */
  revert: () => Promise<unknown>;
};

export type UndoState =
  | { kind: 'empty' }
  | { kind: 'offered'; seq: number; message: string }
  | { kind: 'undoing'; seq: number; message: string }
  | { kind: 'failed'; seq: number; message: string; error: unknown };

/** How long the "Annuler" button stays on screen. */
export const UNDO_WINDOW_MS = 10_000;

/**
 * Holds the last undoable change. A new change replaces the previous one;
 * `undo` reverts it at most once; the offer lapses after `windowMs`.
 */
export class UndoSlot {
  private entry: (Undoable & { seq: number }) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  private current: UndoState = { kind: 'empty' };

  constructor(
    private readonly onChange: (state: UndoState) => void = () => {},
    private readonly windowMs: number = UNDO_WINDOW_MS,
  ) {}

  get state(): UndoState {
    return this.current;
  }

  /** Offers `change` for undo, replacing any earlier offer. */
  offer(change: Undoable): void {
    this.clearTimer();
    const seq = ++this.seq;
    this.entry = { ...change, seq };
    this.set({ kind: 'offered', seq, message: change.message });
    this.timer = setTimeout(() => {
      if (this.entry?.seq === seq && this.current.kind === 'offered') this.dismiss();
    }, this.windowMs);
  }

  /** Reverts the offered change once; true when it was reverted. */
  async undo(): Promise<boolean> {
    const entry = this.entry;
    if (!entry || this.current.kind !== 'offered') return false;
    this.clearTimer();
    this.set({ kind: 'undoing', seq: entry.seq, message: entry.message });
    try {
      await entry.revert();
    } catch (error) {
      if (this.entry === entry) {
        this.entry = null;
        this.set({ kind: 'failed', seq: entry.seq, message: entry.message, error });
      }
      return false;
    }
    if (this.entry === entry) this.dismiss();
    return true;
  }

  /** Withdraws the offer (the toast is closed or has lapsed). */
  dismiss(): void {
    this.clearTimer();
    this.entry = null;
    this.set({ kind: 'empty' });
  }

  private set(state: UndoState): void {
    this.current = state;
    this.onChange(state);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
