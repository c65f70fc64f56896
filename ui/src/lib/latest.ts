// Keeps only the newest answer of a series of requests (a search typed
// letter by letter, a list reloaded when its filter changes): an answer, or
// an error, that arrives after a newer request started is dropped, so the
// screen never shows the result of a question the user no longer asks.

/** True while the request it was given for is still the newest. */
export type IsCurrent = () => boolean;

export class Latest {
  private seq = 0;

  /** Starts a new request: every earlier one is now stale. */
  next(): IsCurrent {
    const mine = ++this.seq;
    return () => mine === this.seq;
  }

  /** The request in flight, without superseding it (to add to its answer). */
  peek(): IsCurrent {
    const mine = this.seq;
    return () => mine === this.seq;
  }

  /**
   * Runs `request` as the newest; `onAnswer` or `onError` hear it only if no
   * newer request started meanwhile. `isCurrent` is the ticket of a request
   * started earlier with `next()` (a debounced search takes it at once).
   */
  run<T>(
    request: () => Promise<T>,
    onAnswer: (value: T) => void,
    onError: (e: unknown) => void,
    isCurrent: IsCurrent = this.next(),
  ): Promise<void> {
    return request().then(
      (value) => {
        if (isCurrent()) onAnswer(value);
      },
      (e: unknown) => {
        if (isCurrent()) onError(e);
      },
    );
  }
}
