// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));

import type { ProjectSummary } from '../lib/bindings';
import { backend, button, calls, choose, cleanup, click, render, settle, summary, text, texts, town, type } from '../test-support';

afterEach(cleanup);

/** A board whose list follows the moves the core records. */
function boardBackend(initial: ProjectSummary[]) {
  const list = initial.map((p) => ({ ...p }));
  backend({
    list_towns: () => [town],
    list_projects: () => list.map((p) => ({ ...p })),
    move_stage: ({ id, to }) => {
      const p = list.find((x) => x.id === id)!;
      p.stage = Number(to);
      return p;
    },
  });
  return list;
}

function card(id: number): HTMLAnchorElement {
  return document.querySelector<HTMLAnchorElement>(`[data-card-link="${id}"]`)!;
}

function key(el: Element, k: string, mods: KeyboardEventInit = {}) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...mods }));
  flushSync();
}

function columnTitles(stage: number): string[] {
  return texts(`[data-testid=board-column][data-stage="${stage}"] [data-testid=card-title]`);
}

describe('pipeline board', () => {
  it('shows one column per stage with the cards of each', async () => {
    boardBackend([summary(1, { title: 'Halles', stage: 3, cost_excl_vat: 850000, ort_axis: 'retail_economy', next_deadline: '2026-12-15' }), summary(2, { title: 'Vélo', stage: 0 })]);
    render('#/board');
    await settle();
    expect(document.querySelectorAll('[data-testid=board-column]'), 'stages 0 to 8').toHaveLength(9);
    expect(columnTitles(3), 'Halles at stage 3').toEqual(['Halles']);
    const halles = card(1).closest('li')!.textContent!.replace(/\s/g, ' ');
    expect(halles, 'the axis label').toContain('Commerce et développement économique');
    expect(halles, 'the cost').toContain('850 000 €');
    expect(halles, 'the next deadline').toContain('15 déc. 2026');
    expect(halles, 'the health in words').toContain('Dans les temps');
  });

  it('moves a card with Alt+→, asks for a note, and undoes from the toast', async () => {
    boardBackend([summary(1, { title: 'Halles', stage: 2 })]);
    render('#/board');
    await settle();

    card(1).focus();
    key(card(1), 'ArrowRight', { altKey: true });
    const dialog = document.querySelector('[data-testid=move-dialog]')!;
    expect(dialog, 'the move asks for a note first').not.toBeNull();
    expect(dialog.querySelector<HTMLSelectElement>('#move-target')!.value, 'one stage on').toBe('3');
    const note = dialog.querySelector<HTMLTextAreaElement>('textarea')!;
    await settle();
    expect(document.activeElement, 'the note has the focus').toBe(note);
    type(note, 'Étude rendue');
    key(note, 'Enter');
    await settle();

    expect(calls('move_stage'), 'Enter confirms the move with its note').toEqual([{ id: 1, to: 3, note: 'Étude rendue' }]);
    expect(columnTitles(3), 'the card is now in column 3').toEqual(['Halles']);
    expect(text('[data-testid=announcer]'), 'screen readers hear the move').toContain('« Halles » déplacé à l\'étape 3');
    expect(text('[data-testid=undo-toast]'), 'the toast offers to undo').toContain("Projet déplacé à l'étape 3");
    expect(document.activeElement, 'the focus follows the card').toBe(card(1));

    click(document.querySelector('[data-testid=undo-button]'));
    await settle();
    expect(calls('move_stage')[1], 'undo moves back to stage 2, saying why').toEqual({ id: 1, to: 2, note: "Annulation du passage à l'étape 3" });
    expect(columnTitles(2), 'the card is back').toEqual(['Halles']);
    expect(document.querySelector('[data-testid=undo-toast]'), 'the toast closes').toBeNull();
  });

  it('Ctrl+Z undoes the last move when no text box has the focus', async () => {
    boardBackend([summary(1, { title: 'Halles', stage: 2 })]);
    render('#/board');
    await settle();
    card(1).focus();
    key(card(1), 'ArrowRight', { altKey: true });
    click(document.querySelector('[data-testid=move-confirm]'));
    await settle();
    const search = document.querySelector<HTMLInputElement>('#board-search')!;
    search.focus();
    key(search, 'z', { ctrlKey: true });
    await settle();
    expect(calls('move_stage'), 'Ctrl+Z in a text box is the text’s own undo').toHaveLength(1);
    card(1).focus();
    key(card(1), 'z', { ctrlKey: true });
    await settle();
    expect(calls('move_stage')[1], 'elsewhere it undoes the move').toEqual({ id: 1, to: 2, note: "Annulation du passage à l'étape 3" });
  });

  it('Escape cancels a move without calling the core', async () => {
    boardBackend([summary(1, { stage: 2 })]);
    render('#/board');
    await settle();
    card(1).focus();
    key(card(1), 'ArrowLeft', { altKey: true });
    key(document.querySelector('[data-testid=move-dialog]')!, 'Escape');
    await settle();
    expect(document.querySelector('[data-testid=move-dialog]'), 'the dialog closes').toBeNull();
    expect(calls('move_stage'), 'nothing moved').toEqual([]);
  });

  it('moves the focus between cards with the arrows', async () => {
    boardBackend([summary(1, { stage: 0 }), summary(2, { stage: 0 }), summary(3, { stage: 4 })]);
    render('#/board');
    await settle();
    card(1).focus();
    key(card(1), 'ArrowDown');
    expect(document.activeElement, '↓ goes to the next card of the column').toBe(card(2));
    key(card(2), 'ArrowRight');
    expect(document.activeElement, '→ jumps over empty columns').toBe(card(3));
  });

  it('moves a card by drag and drop onto a column', async () => {
    boardBackend([summary(1, { title: 'Halles', stage: 1 })]);
    render('#/board');
    await settle();
    const li = card(1).closest('li')!;
    const target = document.querySelector('[data-testid=board-column][data-stage="5"]')!;
    li.dispatchEvent(new Event('dragstart', { bubbles: true }));
    target.dispatchEvent(new Event('dragover', { bubbles: true, cancelable: true }));
    flushSync();
    expect(target.classList.contains('drop'), 'the column under the card is highlighted').toBe(true);
    target.dispatchEvent(new Event('drop', { bubbles: true, cancelable: true }));
    flushSync();
    expect(document.querySelector<HTMLSelectElement>('#move-target')!.value, 'the drop column is the target').toBe('5');
    click(document.querySelector('[data-testid=move-confirm]'));
    await settle();
    expect(calls('move_stage'), 'an empty note is allowed').toEqual([{ id: 1, to: 5, note: '' }]);
  });

  it('offers a Déplacer menu with every other stage', async () => {
    boardBackend([summary(1, { title: 'Halles', stage: 1 })]);
    render('#/board');
    await settle();
    click(document.querySelector('[data-testid=move-button]'));
    const items = texts('.move-menu button');
    expect(items, 'eight stages to go to').toHaveLength(8);
    expect(items[0], 'labelled with number and name').toBe('0 Besoin repéré / idée');
    click(document.querySelector('[data-testid=move-to-4]'));
    expect(document.querySelector<HTMLSelectElement>('#move-target')!.value, 'the chosen stage').toBe('4');
  });

  it('filters by theme, axis and health without asking the core again', async () => {
    boardBackend([
      summary(1, { title: 'Halles', themes: ['commerce'], health: 'late' }),
      summary(2, { title: 'Logements', themes: ['housing'], ort_axis: 'housing' }),
    ]);
    render('#/board');
    await settle();
    const before = calls('list_projects').length;
    const theme = document.querySelector<HTMLSelectElement>('#board-theme')!;
    choose(theme, 'commerce');
    expect(texts('[data-testid=card-title]'), 'only the retail project').toEqual(['Halles']);
    choose(theme, '');
    choose(document.querySelector<HTMLSelectElement>('#board-health')!, 'on_track');
    expect(texts('[data-testid=card-title]'), 'only the project on track').toEqual(['Logements']);
    expect(calls('list_projects').length, 'filters work on the loaded list').toBe(before);
  });

  it('creates a project and opens its page', async () => {
    backend({
      list_towns: () => [town],
      list_projects: () => [],
      create_project: ({ fields }) => {
        const f = fields as { title: string };
        if (!f.title.trim()) throw { code: 'invalid', message: 'x', problems: [{ field: 'title', line: null, message: 'Titre du projet : ce champ est obligatoire' }] };
        return { id: 42, ...f };
      },
    });
    render('#/board');
    await settle();
    click(button('+ Nouveau projet'));
    click(document.querySelector('[data-testid=create-project]'));
    await settle();
    expect(text('[data-testid=new-project-dialog] [data-testid=field-error]'), 'the core’s message under the title').toBe('Titre du projet : ce champ est obligatoire');
    expect(document.querySelector('#new-title')!.getAttribute('aria-invalid'), 'the input is marked invalid').toBe('true');
    type(document.querySelector<HTMLInputElement>('#new-title')!, 'Maison France services');
    click(document.querySelector('[data-testid=create-project]'));
    await settle();
    expect(calls('create_project').at(-1)!.fields, 'created in the chosen town').toMatchObject({ title: 'Maison France services', town_insee: '29024', stage: 0 });
    expect(location.hash, 'the new project opens').toBe('#/projects/42');
  });

  describe('many projects', () => {
    const many = (n: number, stage: number, from = 1) => [...Array(n).keys()].map((i) => summary(from + i, { stage }));
    const column = (stage: number) => document.querySelector(`[data-testid=board-column][data-stage="${stage}"]`)!;

    it('draws at most 100 cards a column, counts them all and links to the list for the rest', async () => {
      boardBackend([...many(250, 2), ...many(5, 3, 1000)]);
      render('#/board');
      await settle();
      expect(column(2).querySelectorAll('[data-testid=board-card]'), 'capped at 100').toHaveLength(100);
      expect(column(2).querySelector('[data-testid=column-count]')!.textContent, 'the header counts every project').toBe('250');
      expect(column(2).querySelector('[data-testid=column-count]')!.getAttribute('aria-label')).toBe('250 projets');
      const more = column(2).querySelector<HTMLAnchorElement>('[data-testid=column-more]')!;
      expect(more.textContent!.replace(/\s+/g, ' ').trim(), 'the rest in a line, naming the stage for screen readers').toBe(
        "+ 150 autres projets à cette étape — voir toute l'étape dans la liste (2 · Recherche de porteur et de partenaires)",
      );
      expect(more.getAttribute('href'), 'to the list on that stage').toBe('#/projects?stage=2');
      expect(column(3).querySelectorAll('[data-testid=board-card]'), 'a small column is whole').toHaveLength(5);
      expect(column(3).querySelector('[data-testid=column-more]'), 'and has no such line').toBeNull();
      expect(text('.toolbar .count'), 'the board counts every project').toBe('255 projets');

      card(1).focus();
      key(card(1), 'End');
      expect(document.activeElement, 'End goes to the last card drawn').toBe(card(100));
    });

    it('keeps a card moved into a full column in sight', async () => {
      boardBackend([...many(150, 3), summary(500, { title: 'Halles', stage: 2 })]);
      render('#/board');
      await settle();
      card(500).focus();
      key(card(500), 'ArrowRight', { altKey: true });
      click(document.querySelector('[data-testid=move-confirm]'));
      await settle();
      expect(calls('move_stage'), 'moved by the core').toEqual([{ id: 500, to: 3, note: '' }]);
      expect(columnTitles(3), 'drawn after the first 100').toHaveLength(101);
      expect(columnTitles(3).at(-1)).toBe('Halles');
      expect(document.activeElement, 'with the focus').toBe(card(500));
      expect(text('[data-testid=board-column][data-stage="3"] [data-testid=column-count]'), 'counted once').toBe('151');
      expect(text('[data-testid=board-column][data-stage="3"] [data-testid=column-more]')).toContain('+ 50 autres projets');
    });
  });
});
