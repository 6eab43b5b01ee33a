import type { z } from 'zod';

/**
 * Turns a zod issue into the house message form: names the option, the
 * expectation and the actual value.
 */
export function formatValidationIssue(issue: z.core.$ZodIssue, input: unknown, source: string): string {
  const key = issue.path.join('.');
  const actual = readPath(input, issue.path);
  const shown = `\`${JSON.stringify(actual) ?? String(actual)}\` (${Array.isArray(actual) ? 'array' : typeof actual})`;
  return `Expected \`${key}\` ${describeExpectation(issue)}, got ${shown} in ${source}.`;
}

function describeExpectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `to be one of ${issue.values.map((value) => `\`${String(value)}\``).join(', ')}`;
    case 'too_small':
      return `to be ${issue.origin === 'array' || issue.origin === 'string' ? 'longer' : `a number >= ${String(issue.minimum)}`}`;
    case 'too_big':
      return `to be a number <= ${String(issue.maximum)}`;
    case 'invalid_type':
      return `to be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}`;
    default:
      return `to be valid (${issue.message})`;
  }
}

function readPath(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
