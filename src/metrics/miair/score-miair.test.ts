import { describe, expect, it } from 'vitest';
import { depthFactor, MIAIR_COMPONENTS, scoreMiair } from './score-miair.js';

const REPEATED = 'The system stores documents. Users can edit documents. The system saves versions.\n\n'.repeat(8);
const TLDR = `# tar

> Archiving utility.
> Often combined with a compression method, such as \`gzip\` or \`bzip2\`.
> More information: <https://www.gnu.org/software/tar>.

- Create an archive and write it to a file:

\`tar cf {{path/to/target.tar}} {{path/to/file1 path/to/file2 ...}}\`

- Create a gzipped archive and write it to a file:

\`tar czf {{path/to/target.tar.gz}} {{path/to/file1 path/to/file2 ...}}\`

- Extract a (compressed) archive file into the current directory verbosely:

\`tar xvf {{path/to/source.tar[.gz|.bz2|.xz]}}\`

- List the contents of a tar file verbosely:

\`tar tvf {{path/to/source.tar}}\`
`;

describe('depthFactor', () => {
  it.each([
    [0, 0],
    [150, 1],
    [1000, 1],
  ])('is %d words -> %d when the document is empty, full or long', (words, expected) => {
    expect(depthFactor(words)).toBeCloseTo(expected, 12);
  });
});

describe('scoreMiair', () => {
  it('weights its components to a sum of 1', () => {
    expect(MIAIR_COMPONENTS.reduce((sum, { weight }) => sum + weight, 0)).toBeCloseTo(1, 12);
  });

  it('scores the repeated paragraph well below the gate when one paragraph is pasted eight times', () => {
    const result = scoreMiair(REPEATED);
    expect(result.profile).toBe('miair');
    expect(result.words).toBe(96);
    expect(result.uniqueWords).toBe(9);
    expect(result.entropy).toBeCloseTo(3.084962500721156, 9);
    expect(result.quality).toBeLessThan(60);
    expect(result.findings.filter((finding) => finding.metric === 'repeated-paragraph')).toHaveLength(7);
    // Depth counts only the 12 words that are not pasted copies.
    expect(result.components['depth']).toBeCloseTo(100 * depthFactor(12), 9);
  });

  it('scores a tldr page above the repeated paragraph and in the good range when it is well formed', () => {
    const result = scoreMiair(TLDR);
    expect(result.quality).toBeGreaterThan(70);
    expect(result.quality).toBeGreaterThan(scoreMiair(REPEATED).quality + 20);
    expect(Object.keys(result.components)).toEqual(['lexical-diversity', 'readability', 'structure', 'hygiene', 'flow', 'depth']);
    for (const value of Object.values(result.components)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
    expect(result.coherence).toBeCloseTo(result.components['flow'] as number / 100, 12);
  });

  it('gives a finite quality and depth 0 when redundant words outnumber the words (fillers inside repeated sentences)', () => {
    // Was NaN: one such page made a run's mean quality NaN and let --fail-under pass (audit).
    const metrics = scoreMiair(`${'In order to run the the tool you should basically use it. '.repeat(8)}\n`);
    expect(Number.isFinite(metrics.quality)).toBe(true);
    expect(metrics.quality).toBeGreaterThanOrEqual(0);
    expect(metrics.components['depth']).toBe(0);
  });

  it('scores 0 with no words when the text is empty', () => {
    expect(scoreMiair('')).toMatchObject({ words: 0, uniqueWords: 0, entropy: 0, quality: 0, coherence: 0 });
  });

  it('returns findings sorted by range and the same numbers when scored twice', () => {
    const text = `${TLDR}\nTODO: more. The the end`;
    const first = scoreMiair(text);
    expect(scoreMiair(text)).toEqual(first);
    const starts = first.findings.map((finding) => finding.range.start);
    expect(starts).toEqual([...starts].sort((left, right) => left - right));
    for (const finding of first.findings) {
      expect(finding.range.start).toBeGreaterThanOrEqual(0);
      expect(finding.range.end).toBeLessThanOrEqual(text.length);
    }
  });
});
