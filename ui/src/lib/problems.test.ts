import { describe, expect, it } from 'vitest';
import { afterRemoval, lineField, messagesFor, unclaimed } from './problems';

const p = (field: string, message = field) => ({ field, line: null, message });

describe('problems', () => {
  it('finds the messages of one field, exactly', () => {
    const list = [p('title', 'Titre obligatoire'), p('funding_lines[1].rate_percent', 'Taux'), p('title_extra')];
    expect(messagesFor(list, 'title'), 'exact name only, not a prefix').toEqual(['Titre obligatoire']);
    expect(messagesFor(list, lineField('funding_lines', 1, 'rate_percent')), 'a line field').toEqual(['Taux']);
    expect(messagesFor(list, 'summary'), 'no problem, no message').toEqual([]);
  });

  it('lists the problems no input claims', () => {
    const list = [p('title'), p('town_insee')];
    expect(unclaimed(list, (f) => f === 'title').map((x) => x.field), 'shown in a summary').toEqual(['town_insee']);
  });

  it('renumbers the lines after a removed one', () => {
    const list = [p('funding_lines[0].note'), p('funding_lines[1].rate_percent'), p('funding_lines[2].scheme'), p('milestones[2].title'), p('title')];
    expect(afterRemoval(list, 'funding_lines', 1).map((x) => x.field), 'line 1 gone, line 2 becomes 1, other lists untouched').toEqual([
      'funding_lines[0].note',
      'funding_lines[1].scheme',
      'milestones[2].title',
      'title',
    ]);
  });
});
