// A hash router: the address is "#/board", "#/projects/12"… so the app works
// from files (no server rewrite) and the browser's back button just works.
// The list may open on a stage: "#/projects?stage=3". The steering screen
// is "#/pilotage".

export type CatalogueTab = 'actors' | 'solutions' | 'schemes';

export type Route =
  | { name: 'dashboard' }
  | { name: 'board' }
  | { name: 'list'; stage?: number }
  | { name: 'project'; id: number }
  | { name: 'steering' }
  | { name: 'catalogue'; tab: CatalogueTab }
  | { name: 'settings' }
  | { name: 'not_found'; path: string };

/** The screens of the main navigation, in display order. */
export const NAV_ROUTES = ['dashboard', 'board', 'list', 'steering', 'catalogue', 'settings'] as const;
export type NavName = (typeof NAV_ROUTES)[number];

const CATALOGUE_TABS: readonly CatalogueTab[] = ['actors', 'solutions', 'schemes'];

/** Reads a location hash ("#/projects/12", "" …) into a route. */
export function parseRoute(hash: string): Route {
  const whole = hash.replace(/^#/, '').replace(/^\/+/, '');
  const q = whole.indexOf('?');
  const query = q < 0 ? null : whole.slice(q + 1);
  const path = (q < 0 ? whole : whole.slice(0, q)).replace(/\/+$/, '');
  const parts = path === '' ? [] : path.split('/').map((p) => decodeURIComponent(p));
  const [head, arg, ...rest] = parts;
  if (rest.length > 0) return { name: 'not_found', path: query === null ? path : whole };
  if (query !== null) {
    // Only the list reads a query: its stage, 0 to 8.
    const m = /^stage=([0-8])$/.exec(query);
    return head === 'projects' && arg === undefined && m ? { name: 'list', stage: Number(m[1]) } : { name: 'not_found', path: whole };
  }
  switch (head) {
    case undefined:
    case 'dashboard':
      return arg === undefined ? { name: 'dashboard' } : { name: 'not_found', path };
    case 'board':
      return arg === undefined ? { name: 'board' } : { name: 'not_found', path };
    case 'projects': {
      if (arg === undefined) return { name: 'list' };
      // Project numbers are positive integers, written without sign or zeros.
      if (/^[1-9]\d{0,14}$/.test(arg)) return { name: 'project', id: Number(arg) };
      return { name: 'not_found', path };
    }
    case 'catalogue': {
      if (arg === undefined) return { name: 'catalogue', tab: 'actors' };
      const tab = CATALOGUE_TABS.find((t) => t === arg);
      return tab ? { name: 'catalogue', tab } : { name: 'not_found', path };
    }
    case 'settings':
      return arg === undefined ? { name: 'settings' } : { name: 'not_found', path };
    case 'pilotage':
      return arg === undefined ? { name: 'steering' } : { name: 'not_found', path };
    default:
      return { name: 'not_found', path };
  }
}

/** The hash of a route, for links: parseRoute(href(r)) equals r. */
export function href(route: Route): string {
  switch (route.name) {
    case 'dashboard':
      return '#/dashboard';
    case 'board':
      return '#/board';
    case 'list':
      return route.stage === undefined ? '#/projects' : `#/projects?stage=${route.stage}`;
    case 'project':
      return `#/projects/${route.id}`;
    case 'catalogue':
      return route.tab === 'actors' ? '#/catalogue' : `#/catalogue/${route.tab}`;
    case 'settings':
      return '#/settings';
    case 'steering':
      return '#/pilotage';
    case 'not_found':
      return `#/${route.path}`;
  }
}

/** Which entry of the main navigation a route belongs to (project pages: none). */
export function navOf(route: Route): NavName | null {
  switch (route.name) {
    case 'dashboard':
    case 'board':
    case 'list':
    case 'steering':
    case 'catalogue':
    case 'settings':
      return route.name;
    default:
      return null;
  }
}

/** Goes to a route (adds a history entry). */
export function navigate(route: Route): void {
  const target = href(route);
  if (location.hash !== target) location.hash = target;
}

/** Calls `onChange` with the current route now and on every hash change; returns the unsubscribe. */
export function watchRoute(onChange: (route: Route) => void): () => void {
  const listener = () => onChange(parseRoute(location.hash));
  window.addEventListener('hashchange', listener);
  listener();
  return () => window.removeEventListener('hashchange', listener);
}
