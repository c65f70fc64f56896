import { describe, expect, it } from 'vitest';
import { href, navOf, parseRoute, type Route } from './router';

describe('parseRoute', () => {
  it('opens the dashboard on an empty address', () => {
    expect(parseRoute(''), 'first start has no hash').toEqual({ name: 'dashboard' });
    expect(parseRoute('#/'), 'a bare slash').toEqual({ name: 'dashboard' });
    expect(parseRoute('#'), 'a bare hash').toEqual({ name: 'dashboard' });
  });

  it('reads each screen', () => {
    expect(parseRoute('#/dashboard')).toEqual({ name: 'dashboard' });
    expect(parseRoute('#/board'), 'the pipeline board').toEqual({ name: 'board' });
    expect(parseRoute('#/projects'), 'the list').toEqual({ name: 'list' });
    expect(parseRoute('#/projects/12'), 'a project page carries its number').toEqual({ name: 'project', id: 12 });
    expect(parseRoute('#/catalogue'), 'the catalogue opens on actors').toEqual({ name: 'catalogue', tab: 'actors' });
    expect(parseRoute('#/catalogue/solutions')).toEqual({ name: 'catalogue', tab: 'solutions' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/pilotage'), 'the steering screen, by its French name').toEqual({ name: 'steering' });
    expect(parseRoute('#/pilotage/2026').name, 'no sub-page').toBe('not_found');
  });

  it('opens the list on a stage', () => {
    expect(parseRoute('#/projects?stage=3'), 'from the board’s “see the list”').toEqual({ name: 'list', stage: 3 });
    expect(parseRoute('#/projects?stage=0')).toEqual({ name: 'list', stage: 0 });
    for (const bad of ['#/projects?stage=9', '#/projects?stage=', '#/projects?stage=1&x=2', '#/projects/4?stage=1', '#/board?stage=1']) {
      expect(parseRoute(bad).name, `${bad} is refused`).toBe('not_found');
    }
    expect(navOf({ name: 'list', stage: 2 }), 'still the list entry').toBe('list');
  });

  it('tolerates a trailing slash', () => {
    expect(parseRoute('#/board/'), 'typed by hand').toEqual({ name: 'board' });
  });

  it('refuses malformed project numbers rather than opening another project', () => {
    for (const bad of ['#/projects/0', '#/projects/-1', '#/projects/1.5', '#/projects/012', '#/projects/abc', '#/projects/1e3']) {
      expect(parseRoute(bad).name, `${bad} is not a project number`).toBe('not_found');
    }
  });

  it('reports unknown addresses', () => {
    expect(parseRoute('#/nowhere'), 'unknown screen').toEqual({ name: 'not_found', path: 'nowhere' });
    expect(parseRoute('#/board/extra').name, 'extra segment').toBe('not_found');
    expect(parseRoute('#/catalogue/people').name, 'unknown tab').toBe('not_found');
  });
});

describe('href', () => {
  it('is the inverse of parseRoute', () => {
    const routes: Route[] = [
      { name: 'dashboard' },
      { name: 'board' },
      { name: 'list' },
      { name: 'list', stage: 4 },
      { name: 'project', id: 7 },
      { name: 'catalogue', tab: 'actors' },
      { name: 'catalogue', tab: 'schemes' },
      { name: 'settings' },
      { name: 'steering' },
    ];
    for (const r of routes) expect(parseRoute(href(r)), `${href(r)} reads back`).toEqual(r);
  });
});

describe('navOf', () => {
  it('highlights the screen’s entry, none for a project page', () => {
    expect(navOf({ name: 'catalogue', tab: 'solutions' }), 'any tab of the catalogue').toBe('catalogue');
    expect(navOf({ name: 'project', id: 1 }), 'a project page is not a nav entry').toBeNull();
    expect(navOf({ name: 'steering' }), 'the steering screen has its entry').toBe('steering');
  });
});
