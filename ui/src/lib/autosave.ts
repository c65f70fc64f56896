// Saving while the user types: a change is saved 600 ms after the last
// keystroke or at once when the field loses focus; saves never overlap, and
// the last value typed is always the last one saved.

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export const AUTOSAVE_DELAY_MS = 600;

export class Autosaver<T> {
  private value: T | null = null;
  /** JSON of the value the store holds: a change back to it is no change. */
  private stored: string | null = null;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private statusValue: SaveStatus = 'idle';
  private everSaved = false;

  /**
   * `save` writes a value and rejects on failure; `onStatus` hears every
   * status change; `onError` gets the rejection of a failed save.
   */
  constructor(
    private readonly save: (value: T) => Promise<unknown>,
    private readonly onStatus: (status: SaveStatus) => void = () => {},
    private readonly onError: (error: unknown) => void = () => {},
    private readonly delayMs: number = AUTOSAVE_DELAY_MS,
  ) {}

  get status(): SaveStatus {
    return this.statusValue;
  }

  /** True while a change is waiting or being written. */
  get busy(): boolean {
    return this.dirty || this.running !== null;
  }

  /** The value as loaded from the store. */
  baseline(value: T): void {
    this.stored = JSON.stringify(value);
  }

  /**
   * Forgets what the store holds: the next change is saved whatever it is
   * (after a save that wrote only part of the value).
   */
  forget(): void {
    this.stored = null;
  }

  /** Records a change; it is saved after the delay unless another comes. */
  change(value: T): void {
    if (this.stored !== null && JSON.stringify(value) === this.stored && this.running === null) {
      // Back to what is stored (or no real change): nothing to write.
      this.clearTimer();
      this.dirty = false;
      if (this.statusValue === 'pending') this.setStatus(this.everSaved ? 'saved' : 'idle');
      return;
    }
    this.value = value;
    this.dirty = true;
    this.setStatus('pending');
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves the waiting change now (on blur, before leaving the page). */
  async flush(): Promise<void> {
    this.clearTimer();
    // One save at a time: wait for the running one, then save what is left.
    while (this.running) await this.running;
    if (!this.dirty) return;
    const value = this.value as T;
    this.dirty = false;
    this.setStatus('saving');
    this.running = this.save(value).then(
      () => {
        this.stored = JSON.stringify(value);
        this.everSaved = true;
        if (!this.dirty) this.setStatus('saved');
      },
      (error: unknown) => {
        this.setStatus('error');
        this.onError(error);
      },
    );
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    if (this.dirty && this.timer === null) await this.flush();
  }

  /** Forgets a waiting change (the page is reloaded from the store). */
  cancel(): void {
    this.clearTimer();
    this.dirty = false;
    if (this.statusValue === 'pending') this.setStatus('idle');
  }

  private setStatus(status: SaveStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.onStatus(status);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
