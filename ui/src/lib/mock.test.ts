// The development stand-in answers the steering commands from the core's
// own answers on the demo (core-fixtures.json) and keeps edits in memory,
// so `npm run dev` shows the screens with real figures.
import { describe, expect, it } from 'vitest';
import coreFixtures from './core-fixtures.json';
import type { IndicatorView, Programme, ProjectDetail, ProjectLines, ProjectSteering } from './bindings';
import { mockInvoke } from './mock';

const fixtures = coreFixtures as unknown as { programme: Programme; steering: Record<string, ProjectSteering>; town_indicators: IndicatorView[] };

describe('the mock’s steering commands', () => {
  it('answers from the core’s fixtures, keeps edits, and writes nothing', async () => {
    await mockInvoke('load_demo');
    expect(await mockInvoke<Programme>('programme', { town_insee: '29024', from: 2026, to: 2030 }), 'the core’s plan').toEqual(fixtures.programme);
    const narrow = await mockInvoke<Programme>('programme', { town_insee: null, from: 2027, to: 2027 });
    expect(narrow.totals, 'one year of it').toEqual([fixtures.programme.totals[1]]);
    await expect(mockInvoke('programme', { town_insee: null, from: 2030, to: 2026 }), 'years the wrong way round').rejects.toMatchObject({ code: 'invalid' });

    expect(await mockInvoke<ProjectSteering>('project_steering', { id: 2 }), 'the core’s view of a demo project').toEqual(fixtures.steering['2']);
    const p = await mockInvoke<ProjectDetail>('get_project', { id: 1 });
    p.indicators[0]!.readings.push({ date: '2026-06-30', value: 30, source: '' });
    await mockInvoke('save_project_lines', { id: 1, lines: p as unknown as ProjectLines });
    const after = await mockInvoke<ProjectSteering>('project_steering', { id: 1 });
    expect(after.indicators[0]!.progress.latest?.value, 'an edited indicator: its latest reading').toBe(30);

    expect(await mockInvoke<IndicatorView[]>('town_indicators', { insee: '29024' }), 'the convention’s indicators').toEqual(fixtures.town_indicators);
    const list = fixtures.town_indicators.map((v) => structuredClone(v.indicator)).slice(0, 1);
    await mockInvoke('save_town_indicators', { insee: '29024', indicators: list });
    expect((await mockInvoke<IndicatorView[]>('town_indicators', { insee: '29024' })).length, 'kept in memory').toBe(1);

    expect(await mockInvoke('brief_committee', { town_insee: '29024', since: '2026-09-01', date: null, path: '/tmp/c.pdf', open: true })).toBe('/tmp/c.pdf');
    expect(await mockInvoke('programme_xlsx', { town_insee: '29024', from: 2026, to: 2030, path: '/tmp/p.xlsx' })).toBe('/tmp/p.xlsx');
  });
});
