// Every string of the interface, in French (default) and English.
// Values are plain text (never HTML); "{name}" placeholders are filled by t().

export type Lang = 'fr' | 'en';

export const LANGS: readonly Lang[] = ['fr', 'en'];
export const DEFAULT_LANG: Lang = 'fr';
export const LANG_STORAGE_KEY = 'bourgade.lang';

const fr = {
  appName: 'Bourgade',
  appSubtitle: 'Petites villes de demain — suivi des projets',
  skipToProjects: 'Aller à la liste des projets',
  townLabel: 'Commune',
  townAll: 'Toutes les communes',
  townOption: '{name} (dép. {dep})',
  searchLabel: 'Rechercher',
  langToggleText: 'EN',
  langToggleLabel: 'EN — Display in English',
  demoBanner: 'Données de démonstration — projets fictifs sur une commune réelle',
  tableCaption: 'Projets suivis',
  tableRegionLabel: 'Tableau des projets',
  colNumber: 'N°',
  colTitle: 'Projet',
  colTown: 'Commune',
  colStage: 'Étape',
  colHealth: 'Santé',
  colCost: 'Coût HT',
  colDeadline: 'Prochaine échéance',
  projectCount_one: '{n} projet',
  projectCount_other: '{n} projets',
  loading: 'Chargement…',
  emptyNoProjects: 'Aucun projet pour le moment.',
  emptyNoMatch: 'Aucun projet ne correspond à ces critères.',
  unknownLabel: 'Non renseigné',
  errorTitle: 'Erreur\u00a0:',
  errorGeneric: 'Une erreur inattendue est survenue.',
  errorNotTauri: "Cette interface doit être ouverte dans l'application Bourgade.",
} as const;

export type MessageKey = keyof typeof fr;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  appName: 'Bourgade',
  appSubtitle: 'Small towns of tomorrow — project tracker',
  skipToProjects: 'Skip to the project list',
  townLabel: 'Town',
  townAll: 'All towns',
  townOption: '{name} (dept. {dep})',
  searchLabel: 'Search',
  langToggleText: 'FR',
  langToggleLabel: 'FR — Afficher en français',
  demoBanner: 'Demo data — fictional projects on a real town',
  tableCaption: 'Tracked projects',
  tableRegionLabel: 'Project table',
  colNumber: 'No.',
  colTitle: 'Project',
  colTown: 'Town',
  colStage: 'Stage',
  colHealth: 'Health',
  colCost: 'Cost excl. VAT',
  colDeadline: 'Next deadline',
  projectCount_one: '{n} project',
  projectCount_other: '{n} projects',
  loading: 'Loading…',
  emptyNoProjects: 'No projects yet.',
  emptyNoMatch: 'No project matches these criteria.',
  unknownLabel: 'Not set',
  errorTitle: 'Error:',
  errorGeneric: 'An unexpected error occurred.',
  errorNotTauri: 'This interface must be opened in the Bourgade application.',
};

export const messages: Record<Lang, Messages> = { fr, en };

/** BCP 47 locale used by Intl for each language. */
export const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

/** Translate `key`, replacing "{param}" placeholders with `params` values. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = messages[lang][key] ?? messages[DEFAULT_LANG][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** "N projets" with the plural rule of the language (French: 0 and 1 are singular). */
export function projectCount(lang: Lang, n: number): string {
  const rule = new Intl.PluralRules(LOCALES[lang]).select(n);
  return t(lang, rule === 'one' ? 'projectCount_one' : 'projectCount_other', { n });
}

/** The label of a taxonomy entry in the given language. */
export function labelText(label: { fr: string; en: string }, lang: Lang): string {
  return lang === 'en' ? label.en : label.fr;
}
