// What every screen shares: language, labels, followed towns, the town
// switcher, the save indicator, the undo slot and screen-reader messages.
// One instance per mounted App, handed down through Svelte's context.
import { getContext, setContext } from 'svelte';
import type { Label, Taxonomy, Town } from './bindings';
import { DEFAULT_LANG, LANG_STORAGE_KEY, countText, formatNumber, isLang, labelText, t, type Countable, type Lang, type MessageKey } from './i18n';
import type { SaveStatus } from './autosave';
import { UndoSlot, type UndoState, type Undoable } from './undo';

export const TOWN_STORAGE_KEY = 'bourgade.town';

type Vocabulary = Exclude<keyof Taxonomy, 'catalogue_version'>;

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage unavailable
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage unavailable: the choice lasts for this session only
  }
}

export class AppState {
  lang = $state<Lang>(DEFAULT_LANG);
  taxonomy = $state<Taxonomy | null>(null);
  towns = $state<Town[]>([]);
  /** INSEE code chosen in the town switcher; '' for every town. */
  townInsee = $state('');
  /** State of the page's autosave, shown in the header. */
  saveStatus = $state<SaveStatus>('idle');
  undoState = $state<UndoState>({ kind: 'empty' });
  /** Last message for screen readers (aria-live polite). */
  announcement = $state('');
  /** Bumped when data changed elsewhere (undo, import): screens reload. */
  dataVersion = $state(0);

  readonly undo: UndoSlot;

  constructor() {
    const lang = stored(LANG_STORAGE_KEY);
    if (isLang(lang)) this.lang = lang;
    this.townInsee = stored(TOWN_STORAGE_KEY) ?? '';
    this.undo = new UndoSlot((s) => (this.undoState = s));
  }

  /** A UI string in the current language. */
  t = (key: MessageKey, params: Record<string, string | number> = {}): string => t(this.lang, key, params);

  /** "3 projets", "1 acteur"… in the current language (other placeholders from `params`). */
  count = (what: Countable, n: number, params: Record<string, string | number> = {}): string =>
    countText(this.lang, what, n, params);

  /** A number written the way of the current language ("5 523" in French). */
  num = (n: number): string => formatNumber(n, this.lang);

  /** The label of a code in a vocabulary, or the code itself when unknown. */
  label = (vocabulary: Vocabulary, code: string | number | null | undefined): string => {
    if (code === null || code === undefined || code === '') return '';
    const found = this.labels(vocabulary).find((l) => l.code === String(code));
    return found ? labelText(found, this.lang) : String(code);
  };

  /** Every label of a vocabulary, in display order. */
  labels = (vocabulary: Vocabulary): Label[] => this.taxonomy?.[vocabulary] ?? [];

  setLang(lang: Lang): void {
    this.lang = lang;
    store(LANG_STORAGE_KEY, lang);
  }

  /** Chooses the town the screens show ('' = all), remembered across runs. */
  setTown(insee: string): void {
    this.townInsee = insee;
    store(TOWN_STORAGE_KEY, insee);
  }

  /** Keeps the switcher on a followed town (a restored database may lack it). */
  setTowns(towns: Town[]): void {
    this.towns = towns;
    if (this.townInsee !== '' && !towns.some((town) => town.insee === this.townInsee)) this.setTown('');
  }

  /** The town switcher's value as a filter. */
  get townFilter(): string | null {
    return this.townInsee === '' ? null : this.townInsee;
  }

  announce(message: string): void {
    // Re-announce an identical message: screen readers ignore unchanged text.
    this.announcement = this.announcement === message ? `${message}\u00a0` : message;
  }

  /** Offers an undo toast for a change just made. */
  offerUndo(change: Undoable): void {
    this.undo.offer(change);
  }

  /** Tells the screens that the data changed behind them. */
  dataChanged(): void {
    this.dataVersion++;
  }
}

const KEY = Symbol('bourgade-app');

export function provideApp(app: AppState): AppState {
  return setContext(KEY, app);
}

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('useApp() outside <App>');
  return app;
}
