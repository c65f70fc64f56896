#!/usr/bin/env node
// Extract the communes reference data from an installed copy of
// @etalab/decoupage-administratif into data/communes/communes.json.
// Usage: node scripts/extract-communes.mjs <path/to/node_modules/@etalab/decoupage-administratif> [output.json]
// No dependencies besides Node's standard library. Output is deterministic
// (everything sorted by code, fixed key order).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXPECTED_VERSION = '6.0.0';
const PACKAGE_NAME = '@etalab/decoupage-administratif';

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('usage: extract-communes.mjs <package dir> [output file]');
  process.exit(2);
}
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = resolve(process.argv[3] ?? join(repoRoot, 'data/communes/communes.json'));

const readJson = (p) => JSON.parse(readFileSync(join(pkgDir, p), 'utf8'));

const pkg = readJson('package.json');
if (pkg.name !== PACKAGE_NAME || pkg.version !== EXPECTED_VERSION) {
  console.error(`expected ${PACKAGE_NAME}@${EXPECTED_VERSION}, found ${pkg.name}@${pkg.version}`);
  process.exit(1);
}

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const rawCommunes = readJson('data/communes.json');
const rawEpci = readJson('data/epci.json');
const rawDepartements = readJson('data/departements.json');
const rawRegions = readJson('data/regions.json');

const actuelles = rawCommunes.filter((c) => c.type === 'commune-actuelle');
const currentCodes = new Set(actuelles.map((c) => c.code));
if (currentCodes.size !== actuelles.length) {
  console.error('duplicate commune codes among commune-actuelle entries');
  process.exit(1);
}

// commune code -> EPCI code
const epciOf = new Map();
for (const e of rawEpci) {
  for (const m of e.membres ?? []) {
    if (epciOf.has(m.code) && epciOf.get(m.code) !== e.code) {
      console.error(`commune ${m.code} is a member of several EPCI: ${epciOf.get(m.code)}, ${e.code}`);
      process.exit(1);
    }
    epciOf.set(m.code, e.code);
  }
}

const regions = rawRegions
  .map((r) => ({ code: r.code, nom: r.nom }))
  .sort(byCode);

const departements = rawDepartements
  .map((d) => ({ code: d.code, nom: d.nom, region: d.region ?? null }))
  .sort(byCode);

const epci = rawEpci
  .filter((e) => (e.membres ?? []).some((m) => currentCodes.has(m.code)))
  .map((e) => ({ code: e.code, nom: e.nom }))
  .sort(byCode);

const communes = actuelles
  .map((c) => ({
    code: c.code,
    nom: c.nom,
    departement: c.departement ?? null,
    region: c.region ?? null,
    population: typeof c.population === 'number' ? c.population : null,
    codesPostaux: (c.codesPostaux ?? []).map(String), // source order kept
    epci: epciOf.get(c.code) ?? null,
  }))
  .sort(byCode);

const head = JSON.stringify({
  source: PACKAGE_NAME,
  version: pkg.version,
  regions,
  departements,
  epci,
});
// One commune per line for readable git diffs; still valid compact JSON.
const out =
  head.slice(0, -1) +
  ',"communes":[\n' +
  communes.map((c) => JSON.stringify(c)).join(',\n') +
  '\n]}\n';

JSON.parse(out); // sanity check
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, out);
console.log(
  `wrote ${outFile}: ${communes.length} communes, ${epci.length} EPCI, ` +
    `${departements.length} départements, ${regions.length} régions`,
);
