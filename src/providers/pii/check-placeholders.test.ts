import { describe, expect, it } from 'vitest';
import { checkPlaceholders, type PlaceholderCheckResult } from './check-placeholders.js';

const ORIGINAL = 'Mail [EMAIL_1] or [EMAIL_2]. Key: [SECRET_1]. Again [EMAIL_1].';

describe('checkPlaceholders', () => {
  const rows: Array<[string, string, PlaceholderCheckResult]> = [
    ['accepts a rewrite that keeps every placeholder', 'Write to [EMAIL_1] or [EMAIL_2]; key [SECRET_1]; [EMAIL_1].', { ok: true }],
    ['accepts fewer copies of a repeated placeholder', 'Write to [EMAIL_1] or [EMAIL_2]; key [SECRET_1].', { ok: true }],
    ['reports dropped when a placeholder is missing', 'Write to [EMAIL_1]; key [SECRET_1].', { ok: false, reason: 'dropped', detail: 'missing: [EMAIL_2]' }],
    ['reports altered when a placeholder changed case', 'Write to [EMAIL_1] or [Email_2]; [SECRET_1].', { ok: false, reason: 'altered', detail: 'rewritten: [EMAIL_2]' }],
    ['reports altered when markdown escaped a placeholder', 'Write to [EMAIL_1] or \\[EMAIL\\_2\\]; [SECRET_1].', { ok: false, reason: 'altered', detail: 'rewritten: [EMAIL_2]' }],
    ['reports altered when the brackets are gone', 'Write to [EMAIL_1] or EMAIL 2; [SECRET_1].', { ok: false, reason: 'altered', detail: 'rewritten: [EMAIL_2]' }],
    [
      'reports duplicated when a placeholder occurs more often than before',
      '[EMAIL_1] [EMAIL_2] [SECRET_1] [SECRET_1]',
      { ok: false, reason: 'duplicated', detail: '[SECRET_1] 2x, was 1x' },
    ],
    ['reports invented when a placeholder is new', '[EMAIL_1] [EMAIL_2] [SECRET_1] [PHONE_1]', { ok: false, reason: 'invented', detail: 'not in the input: [PHONE_1]' }],
  ];
  for (const [name, candidate, expected] of rows) {
    it(`${name} when the candidate is ${JSON.stringify(candidate)}`, () => {
      expect(checkPlaceholders(ORIGINAL, candidate)).toEqual(expected);
    });
  }

  it('ignores missing placeholders when requireAll is false', () => {
    expect(checkPlaceholders(ORIGINAL, 'nothing here', { requireAll: false })).toEqual({ ok: true });
    expect(checkPlaceholders(ORIGINAL, '[IP_9]', { requireAll: false })).toMatchObject({ ok: false, reason: 'invented' });
  });

  it('lists at most five placeholders in the detail when many are missing', () => {
    const original = Array.from({ length: 7 }, (_, index) => `[EMAIL_${index + 1}]`).join(' ');
    expect(checkPlaceholders(original, '')).toEqual({
      ok: false,
      reason: 'dropped',
      detail: 'missing: [EMAIL_1], [EMAIL_2], [EMAIL_3], [EMAIL_4], [EMAIL_5] and 2 more',
    });
  });
});
