// What a section of the project page needs to edit the project: the core's
// messages for a field, the autosave, adding and removing lines, and the
// ids that tie each input to its label and its messages.
import type { ProjectLines } from '../../lib/bindings';

/** The editing of the project's lines, shared by the page's sections. */
export interface LinesEditor {
  /** The core's messages for one line's field (`milestones[0].title`). */
  errs(field: string): string[];
  /** Something was typed: the autosave waits for a pause. */
  touch(): void;
  /** Leaving a section saves what is pending. */
  flush(): void;
  /** Saves at once (a line added or removed). */
  saveNow(): void;
  /** Removes a line and the messages that named it, and saves. */
  remove(list: keyof ProjectLines, index: number): void;
  /** Adds a line and puts the focus in it (saved once filled in). */
  addAndFocus(list: keyof ProjectLines, make: () => unknown, focusId: (i: number) => string): Promise<void>;
}

/** The id of a field's input: `funding_lines[0].amount` → `f-funding_lines-0-amount`. */
export const domId = (field: string) => `f-${field.replace(/[^a-zA-Z0-9_]+/g, '-')}`;
/** The id of a field's messages. */
export const errId = (field: string) => `err-${field.replace(/[^a-zA-Z0-9_]+/g, '-')}`;
/** `aria-describedby` for a field with messages. */
export const describe = (msgs: string[], field: string) => (msgs.length > 0 ? errId(field) : undefined);
/** `aria-invalid` for a field with messages. */
export const invalid = (msgs: string[]) => (msgs.length > 0 ? 'true' : undefined);
