import { describe, expect, it } from 'vitest';
import { score } from '../metrics/score.js';
import { createCachedScorer, type Scorer } from './create-cached-scorer.js';

const TEXT = '# Title\n\nThe tool reads files. The tool reads files again.\n';

describe('createCachedScorer', () => {
  it('returns the same metrics as a fresh scoring and scores each text and profile once', () => {
    let calls = 0;
    const counting: Scorer = (text, options) => (calls++, score(text, options));
    const cachedScore = createCachedScorer({ score: counting });
    const first = cachedScore(TEXT, 'miair');
    expect(first).toEqual(score(TEXT, { profile: 'miair' }));
    expect(cachedScore(TEXT, 'miair')).toBe(first);
    expect(cachedScore(TEXT, 'devdocai')).toEqual(score(TEXT, { profile: 'devdocai' }));
    expect(cachedScore(`${TEXT} `, 'miair').profile).toBe('miair');
    expect(calls).toBe(3);
    expect(cachedScore.stats()).toMatchObject({ hits: 1, misses: 3, sets: 3, entries: 3 });
  });

  it('freezes cached metrics so no caller can change them for the next', () => {
    const cachedScore = createCachedScorer({ score });
    const metrics = cachedScore(TEXT, 'miair');
    expect(Object.isFrozen(metrics)).toBe(true);
    expect(Object.isFrozen(metrics.findings)).toBe(true);
    expect(() => {
      (metrics as { quality: number }).quality = 0;
    }).toThrow(TypeError);
  });

  it('keys on the miair version and evicts beyond maxEntries', () => {
    let calls = 0;
    const counting: Scorer = (text, options) => (calls++, score(text, options));
    const cachedScore = createCachedScorer({ score: counting, maxEntries: 2, miairVersion: '9.9.9' });
    cachedScore('a', 'miair');
    cachedScore('b', 'miair');
    cachedScore('c', 'miair');
    cachedScore('a', 'miair');
    expect(calls).toBe(4);
    expect(cachedScore.stats().entries).toBe(2);
    expect(() => createCachedScorer({ score, maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
