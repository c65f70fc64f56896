// Development-only stand-in for the Rust commands (browser without Tauri).
// Fictional projects on a real town, like the app's demo data.
import type { ProjectFilter, ProjectSummary, Taxonomy, Town } from './bindings';

const towns: Town[] = [
  {
    insee: '29024',
    name: 'Carhaix-Plouguer',
    departement: '29',
    departement_name: 'Finistère',
    region: '53',
    region_name: 'Bretagne',
    population: 7412,
    epci_code: '242900744',
    epci_name: 'CC Poher Communauté',
    is_demo: true,
    postcodes: ['29270'],
  },
];

const projects: ProjectSummary[] = [
  { id: 1, uid: 'mock-1', town_insee: '29024', town_name: 'Carhaix-Plouguer', title: "Tiers-lieu de l'ancienne école", stage: 3, health: 'on_track', priority: 'high', ort_axis: 'retail_economy', themes: ['third_places', 'culture'], cost_excl_vat: 850000, next_deadline: '2026-12-15', updated_at: '2026-10-01T14:12:00Z' },
  { id: 2, uid: 'mock-2', town_insee: '29024', town_name: 'Carhaix-Plouguer', title: 'Réhabilitation des logements vacants du centre', stage: 1, health: 'late', priority: 'medium', ort_axis: 'housing', themes: ['housing'], cost_excl_vat: 1250000, next_deadline: '2026-11-30', updated_at: '2026-09-12T10:00:00Z' },
  { id: 3, uid: 'mock-3', town_insee: '29024', town_name: 'Carhaix-Plouguer', title: 'Boutique à l\'essai rue du Général-Lambert', stage: 5, health: 'blocked', priority: 'high', ort_axis: 'retail_economy', themes: ['commerce'], cost_excl_vat: null, next_deadline: null, updated_at: '2026-08-01T08:00:00Z' },
  { id: 4, uid: 'mock-4', town_insee: '29024', town_name: 'Carhaix-Plouguer', title: 'Plan vélo et liaisons douces', stage: 0, health: 'to_discuss', priority: 'low', ort_axis: 'mobility_access', themes: ['mobility'], cost_excl_vat: 42000, next_deadline: '2027-02-01', updated_at: '2026-07-01T08:00:00Z' },
  { id: 5, uid: 'mock-5', town_insee: '29024', town_name: 'Carhaix-Plouguer', title: 'Maison de santé pluriprofessionnelle', stage: 6, health: 'paused', priority: 'medium', ort_axis: 'facilities_services', themes: ['health'], cost_excl_vat: 2300000, next_deadline: '2027-03-31', updated_at: '2026-06-01T08:00:00Z' },
];

const L = (code: string, fr: string, en: string) => ({ code, fr, en });

const taxonomy: Taxonomy = {
  stages: [
    L('0', 'Besoin repéré / idée', 'Need identified / idea'),
    L('1', "Étude d'opportunité", 'Opportunity study'),
    L('2', 'Recherche de porteur et de partenaires', 'Finding a leader and partners'),
    L('3', 'Faisabilité et plan de financement', 'Feasibility and funding plan'),
    L('4', 'Décision du conseil (délibération)', 'Council decision'),
    L('5', 'Demandes de financement', 'Funding applications'),
    L('6', 'Réalisation / travaux', 'Implementation / works'),
    L('7', 'Ouverture / exploitation', 'Launch / operation'),
    L('8', 'Évaluation / clôture', 'Evaluation / closed'),
  ],
  health: [
    L('on_track', 'Dans les temps', 'On track'),
    L('late', 'En retard', 'Late'),
    L('paused', 'En pause', 'Paused'),
    L('blocked', 'Bloqué', 'Blocked'),
    L('to_discuss', 'À arbitrer', 'To discuss'),
    L('abandoned', 'Abandonné', 'Abandoned'),
  ],
  priority: [L('high', 'Haute', 'High'), L('medium', 'Moyenne', 'Medium'), L('low', 'Basse', 'Low')],
  themes: [],
  axes: [],
};

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export async function mockInvoke<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  await new Promise((r) => setTimeout(r, 150));
  switch (command) {
    case 'list_towns':
      return structuredClone(towns) as T;
    case 'set_lang':
      return null as T;
    case 'get_taxonomy':
      return structuredClone(taxonomy) as T;
    case 'list_projects': {
      const f = (args?.filter ?? {}) as ProjectFilter;
      const q = f.search ? fold(f.search) : null;
      if (q === 'erreur' || q === 'error') {
        throw { code: 'mock_error', message: 'Erreur simulée (données de développement).' };
      }
      return projects.filter(
        (p) =>
          (f.town_insee === null || p.town_insee === f.town_insee) &&
          (f.stage === null || p.stage === f.stage) &&
          (q === null || fold(`${p.title} ${p.town_name}`).includes(q)),
      ) as T;
    }
    default:
      throw { code: 'unknown_command', message: `Unknown command ${command}` };
  }
}
