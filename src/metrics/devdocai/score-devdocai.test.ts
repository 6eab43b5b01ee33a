import { describe, expect, it } from 'vitest';
import { scoreDevdocai } from './score-devdocai.js';

// Golden values of the predecessor (issue 2, section 3); floats compared to 1e-9.
const TOLERANCE = 1e-9;
const REPEATED_PARAGRAPH =
  'The system stores documents. Users can edit documents. The system saves versions.\n\n'.repeat(8);

const GOLDEN: Array<{
  name: string;
  text: string;
  words: number;
  uniqueWords: number;
  entropy: number;
  coherence: number;
  quality: number;
}> = [
  { name: 'empty text', text: '', words: 0, uniqueWords: 0, entropy: 0, coherence: 0, quality: 18 },
  {
    name: 'one word',
    text: 'hello',
    words: 1,
    uniqueWords: 1,
    entropy: 0,
    coherence: 0.48333333333333334,
    quality: 47.733333333333334,
  },
  {
    name: 'three words thrice',
    text: 'test test test bad bad bad document document document',
    words: 9,
    uniqueWords: 3,
    entropy: 1.584962500721156,
    coherence: 0.9,
    quality: 76.26666666666667,
  },
  {
    name: 'a paragraph repeated 8 times',
    text: REPEATED_PARAGRAPH,
    words: 96,
    uniqueWords: 9,
    entropy: 3.084962500721156,
    coherence: 0.9189583333333333,
    quality: 85.1235583290064,
  },
  {
    name: 'unicode letters, numbers and case mappings',
    text: 'Hello 世界 🌍 مرحبا мир. Ünïcödé wörds, İstanbul and straße: ２ numbers ٣ too.',
    words: 14,
    uniqueWords: 14,
    entropy: 3.807354922057604,
    coherence: 0.7055555555555554,
    quality: 65.9780926898766,
  },
  {
    name: 'an unclosed fence and punctuation runs',
    text: 'Unclosed fence here.\n\n```\ncode without end\n\nMore words after it? Yes. Really!!! Done...',
    words: 13,
    uniqueWords: 13,
    entropy: 3.7004397181410926,
    coherence: 0.6944444444444443,
    quality: 65.77513946893121,
  },
];

describe('scoreDevdocai', () => {
  it.each(GOLDEN)('matches the predecessor when the text is $name', (golden) => {
    const metrics = scoreDevdocai(golden.text);
    expect(metrics.profile).toBe('devdocai');
    expect(metrics.words).toBe(golden.words);
    expect(metrics.uniqueWords).toBe(golden.uniqueWords);
    expect(Math.abs(metrics.entropy - golden.entropy)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(metrics.coherence - golden.coherence)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(metrics.quality - golden.quality)).toBeLessThanOrEqual(TOLERANCE);
    expect(metrics.findings).toEqual([]);
  });

  it('reports every component when the text has words', () => {
    const metrics = scoreDevdocai('test test test bad bad bad document document document');
    expect(Object.keys(metrics.components).sort()).toEqual(
      ['coherence', 'diversity', 'entropyScore', 'lengthScore', 'paragraphs', 'richness', 'sentenceShare'].sort(),
    );
    expect(metrics.components.entropyScore).toBe(100);
    expect(metrics.components.lengthScore).toBeCloseTo(18, 12);
    expect(metrics.components.richness).toBeCloseTo(200 / 3, 12);
    expect(metrics.components.diversity).toBe(1);
    expect(metrics.components.sentenceShare).toBe(1);
    expect(metrics.components.paragraphs).toBe(0.7);
    expect(metrics.components.coherence).toBe(metrics.coherence);
  });

  it('ignores fenced code in words but keeps it in sentences when the fence is closed', () => {
    const metrics = scoreDevdocai('Intro text here.\n\n```\nconst a = b c d e;\n```\n\nDone now ok.');
    expect(metrics.words).toBe(6);
    // Pieces: "Intro text here" (3), "\n\n```\nconst a = b c d e;\n```\n\nDone now ok" (11), "" (0).
    expect(metrics.components.sentenceShare).toBeCloseTo(2 / 3, 15);
  });

  it('is deterministic when called twice on the same text', () => {
    expect(scoreDevdocai(REPEATED_PARAGRAPH)).toEqual(scoreDevdocai(REPEATED_PARAGRAPH));
  });
});
