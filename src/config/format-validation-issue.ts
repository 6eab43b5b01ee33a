import type { z } from 'zod';
import { MAX_THREADS, MAX_TIMER_DELAY_MS } from './limits.js';

/** Why an upper bound is what it is, keyed by the bound: a limit that looks arbitrary gets its reason. */
const REASONS_OF_MAXIMUMS = new Map<number, string>([
  [MAX_TIMER_DELAY_MS, 'the longest delay a Node.js timer allows, about 24.8 days'],
  [MAX_THREADS, 'threads beyond the cores add memory, not speed'],
]);

/**
 * Turns a zod issue into the house message form: names the option, the
 * expectation and the actual value.
 */
export function formatValidationIssue(issue: z.core.$ZodIssue, input: unknown, source: string): string {
  const key = issue.path.join('.');
  const actual = readPath(input, issue.path);
  // JSON has no Infinity or NaN (`1e400` would show as `null`): numbers are shown as JavaScript writes them.
  const written = typeof actual === 'number' ? String(actual) : (JSON.stringify(actual) ?? String(actual));
  const shown = `\`${written}\` (${Array.isArray(actual) ? 'array' : typeof actual})`;
  return `Expected \`${key}\` ${describeExpectation(issue)}, got ${shown} in ${source}.`;
}

function describeExpectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `to be one of ${issue.values.map((value) => `\`${String(value)}\``).join(', ')}`;
    case 'too_small':
      return `to be ${issue.origin === 'array' || issue.origin === 'string' ? 'longer' : `a number >= ${String(issue.minimum)}`}`;
    case 'too_big': {
      const reason = typeof issue.maximum === 'number' ? REASONS_OF_MAXIMUMS.get(issue.maximum) : undefined;
      return `to be a number <= ${String(issue.maximum)}${reason === undefined ? '' : ` (${reason})`}`;
    }
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
