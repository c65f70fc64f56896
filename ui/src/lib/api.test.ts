import { describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));

import { toAppError } from './api';

describe('toAppError', () => {
  it('keeps the IPC error with its problems', () => {
    const e = toAppError({ code: 'invalid', message: 'Titre', problems: [{ field: 'title', line: null, message: 'Titre du projet : obligatoire' }] });
    expect(e, 'code, message and each problem cross as sent').toEqual({ code: 'invalid', message: 'Titre', problems: [{ field: 'title', line: null, message: 'Titre du projet : obligatoire' }] });
  });

  it('drops malformed problems rather than showing empty lines', () => {
    const e = toAppError({ code: 'import', message: 'x', problems: [{ field: 'stage', line: 3 }, null, { field: 'a', line: 'x', message: 'm' }] });
    expect(e.problems, 'only problems with a message, line kept only when a number').toEqual([{ field: 'a', line: null, message: 'm' }]);
  });

  it('recognises a command this version lacks', () => {
    expect(toAppError('Command dashboard not found'), 'shown as "not available", not in English').toEqual({ code: 'unknown_command', message: '', problems: [] });
  });

  it('keeps other strings as the message', () => {
    expect(toAppError('boom').message, 'a plain rejection text').toBe('boom');
    expect(toAppError(undefined), 'nothing meaningful: empty message for the caller to fill').toEqual({ code: 'unknown', message: '', problems: [] });
  });
});
