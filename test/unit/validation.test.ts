import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../../src/core/errors.js';
import { danishIssues, parseOrExplain } from '../../src/core/validation.js';

describe('Danish validation messages', () => {
  const schema = z.object({
    emne: z.string().trim().min(1),
    maal: z.string().min(1, 'Skriv det konkrete mål'),
    status: z.enum(['åben', 'afsluttet']),
    note: z.string().max(5).optional(),
  });
  const labels = { emne: 'Emne', maal: 'Mål', status: 'Status', note: 'Note' };

  it('gives one Danish line per problem with the field label', () => {
    const r = schema.safeParse({ emne: '  ', status: 'x', note: 'for lang' });
    expect(r.success).toBe(false);
    const lines = danishIssues(r.error!, labels);
    expect(lines).toContain('Emne: skal udfyldes');
    expect(lines).toContain('Mål: skal udfyldes');
    expect(lines).toContain('Status: vælg en af: åben, afsluttet');
    expect(lines).toContain('Note: må højst være 5 tegn');
  });

  it('keeps messages written in the schema', () => {
    const r = schema.safeParse({ emne: 'x', maal: '', status: 'åben' });
    expect(danishIssues(r.error!, labels)).toEqual(['Mål: Skriv det konkrete mål']);
  });

  it('throws a UserError that says what to fix', () => {
    expect(() => parseOrExplain(schema, {}, labels)).toThrow(UserError);
    expect(() => parseOrExplain(schema, { emne: 'a', maal: 'b', status: 'åben', note: '123456' }, labels)).toThrow(
      'Ret venligst: Note: må højst være 5 tegn.',
    );
    expect(parseOrExplain(schema, { emne: ' a ', maal: 'b', status: 'åben' }, labels).emne).toBe('a');
  });
});
