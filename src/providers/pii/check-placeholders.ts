import { LOOSE_PLACEHOLDER_PATTERN, PLACEHOLDER_PATTERN } from './placeholder-pattern.js';

/** Why a candidate fails {@link checkPlaceholders}. */
export type PlaceholderProblem = 'dropped' | 'duplicated' | 'altered' | 'invented';

/** Result of {@link checkPlaceholders}. */
export type PlaceholderCheckResult =
  | { ok: true }
  | {
      ok: false;
      reason: PlaceholderProblem;
      /** Names placeholders only, never the values they stand for. */
      detail: string;
    };

/** Options of {@link checkPlaceholders}. */
export interface CheckPlaceholdersOptions {
  /** Report placeholders of the original that the candidate lacks; true by default. */
  requireAll?: boolean;
}

/**
 * Checks that a model's answer kept the placeholders of the masked text it
 * was given, first failure wins:
 * - `altered`: a placeholder is missing but a rewritten form of it is there
 *   (`[Email_1]`, `\[EMAIL\_1\]`, `EMAIL 1`);
 * - `dropped`: a placeholder is missing;
 * - `duplicated`: a placeholder occurs more often than in the original;
 * - `invented`: a placeholder occurs that the original does not have.
 * Fewer copies than the original is fine (a repeated sentence was
 * removed), like the refine guards treat numbers and links.
 *
 * @example
 * checkPlaceholders('Mail [EMAIL_1].', 'Write to [EMAIL_1].'); // { ok: true }
 */
export function checkPlaceholders(originalMasked: string, candidate: string, options: CheckPlaceholdersOptions = {}): PlaceholderCheckResult {
  const expected = countPlaceholders(originalMasked);
  const actual = countPlaceholders(candidate);
  if (options.requireAll !== false) {
    const missing = [...expected.keys()].filter((placeholder) => !actual.has(placeholder));
    if (missing.length > 0) {
      const rewritten = new Set(
        [...candidate.replace(PLACEHOLDER_PATTERN, ' ').matchAll(LOOSE_PLACEHOLDER_PATTERN)].map(
          (match) => `[${match[1]!.toUpperCase()}_${match[2]!}]`,
        ),
      );
      const altered = missing.filter((placeholder) => rewritten.has(placeholder));
      if (altered.length > 0) return { ok: false, reason: 'altered', detail: `rewritten: ${list(altered)}` };
      return { ok: false, reason: 'dropped', detail: `missing: ${list(missing)}` };
    }
  }
  const duplicated = [...actual].filter(([placeholder, count]) => count > (expected.get(placeholder) ?? count));
  if (duplicated.length > 0) {
    return {
      ok: false,
      reason: 'duplicated',
      detail: duplicated.map(([placeholder, count]) => `${placeholder} ${count}x, was ${expected.get(placeholder)}x`).join(', '),
    };
  }
  const invented = [...actual.keys()].filter((placeholder) => !expected.has(placeholder));
  if (invented.length > 0) return { ok: false, reason: 'invented', detail: `not in the input: ${list(invented)}` };
  return { ok: true };
}

function countPlaceholders(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  return counts;
}

// At most five names: the detail is for a log line, not a listing.
function list(placeholders: readonly string[]): string {
  const shown = placeholders.slice(0, 5).join(', ');
  return placeholders.length > 5 ? `${shown} and ${placeholders.length - 5} more` : shown;
}
