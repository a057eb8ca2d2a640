import { z } from 'zod';
import { UserError } from './errors.js';

/**
 * Turns zod issues into one short Danish message that says what to fix.
 * Schemas may carry their own Danish messages (`z.string().min(1, 'Skriv et emne')`);
 * those are used as they are. Otherwise the message is built from the field label.
 */
export function danishIssues(
  error: z.ZodError,
  labels: Readonly<Record<string, string>> = {},
): string[] {
  return error.issues.map((issue) => {
    const key = issue.path.map(String).join('.');
    const label = labels[key] ?? labels[String(issue.path[0] ?? '')] ?? key;
    const prefix = label ? `${label}: ` : '';
    if (isSchemaMessage(issue.message)) {
      return issue.message.startsWith(prefix) ? issue.message : `${prefix}${issue.message}`;
    }
    switch (issue.code) {
      case 'invalid_type':
        return `${prefix}skal udfyldes`;
      case 'too_small':
        return issue.minimum === 1 || issue.minimum === 1n
          ? `${prefix}skal udfyldes`
          : `${prefix}skal være mindst ${String(issue.minimum)}`;
      case 'too_big':
        return `${prefix}må højst være ${String(issue.maximum)}${issue.origin === 'string' ? ' tegn' : ''}`;
      case 'invalid_value':
        return `${prefix}vælg en af: ${issue.values.map(String).join(', ')}`;
      case 'unrecognized_keys':
        return `ukendte felter: ${issue.keys.join(', ')}`;
      default:
        return `${prefix}ugyldig værdi`;
    }
  });
}

/** zod's own messages are English; a message written in a schema is Danish. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized|Expected|Required)/;
function isSchemaMessage(message: string | undefined): message is string {
  return !!message && !ZOD_DEFAULT.test(message);
}

export function formatIssues(lines: string[]): string {
  return lines.length === 1 ? `Ret venligst: ${lines[0]}.` : `Ret venligst:\n${lines.map((l) => `- ${l}`).join('\n')}`;
}

/** Parses or throws a UserError with a Danish explanation. */
export function parseOrExplain<S extends z.ZodType>(
  schema: S,
  input: unknown,
  labels?: Readonly<Record<string, string>>,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new UserError('INVALID_INPUT', formatIssues(danishIssues(result.error, labels)));
}
