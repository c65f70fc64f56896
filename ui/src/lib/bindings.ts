// Types of the Tauri commands' arguments and results.
// To be generated from the Rust types with ts-rs: keep names and fields in sync.

export type Town = {
  insee: string;
  name: string;
  departement: string;
  departement_name: string;
  region: string;
  region_name: string;
  population: number | null;
  epci_code: string | null;
  epci_name: string | null;
  is_demo: boolean;
  postcodes: string[];
};

export type ProjectFilter = {
  town_insee: string | null;
  stage: number | null;
  search: string | null;
};

export type ProjectSummary = {
  id: number;
  uid: string;
  town_insee: string;
  town_name: string;
  title: string;
  stage: number;
  health: string;
  priority: string;
  ort_axis: string | null;
  themes: string[];
  cost_excl_vat: number | null;
  next_deadline: string | null;
  updated_at: string;
};

export type Label = {
  code: string;
  fr: string;
  en: string;
};

export type Taxonomy = {
  stages: Label[];
  health: Label[];
  priority: Label[];
  themes: Label[];
  axes: Label[];
};

export type AppError = {
  code: string;
  message: string;
};
