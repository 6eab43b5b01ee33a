import { describe, expect, it } from 'vitest';
import { scoreMiair } from '../../src/metrics/miair/score-miair.js';
import { createRandom, degrade, DEGRADATION_KINDS, type DegradationKind } from './degrade.js';
import { loadReadmes, loadTldrPages } from './load-corpora.js';

/** Share of pairs in which the original must score strictly higher than its twin. */
const REQUIRED_PASS_RATE = 0.95;

interface KindResult {
  kind: DegradationKind;
  pairs: number;
  passed: number;
  skipped: number;
}

function calibrate(documents: readonly { text: string }[], seed: number): KindResult[] {
  const originals = documents.map((document) => scoreMiair(document.text).quality);
  return DEGRADATION_KINDS.map((kind, kindIndex) => {
    const result: KindResult = { kind, pairs: 0, passed: 0, skipped: 0 };
    documents.forEach((document, index) => {
      const twin = degrade(document.text, kind, createRandom(seed + index * 131 + kindIndex * 7919));
      if (twin === document.text) {
        result.skipped++;
        return;
      }
      result.pairs++;
      if ((originals[index] as number) > scoreMiair(twin).quality) result.passed++;
    });
    return result;
  });
}

function report(corpus: string, results: readonly KindResult[]): string {
  return results
    .map(({ kind, pairs, passed, skipped }) => `| ${corpus} | ${kind} | ${pairs} | ${skipped} | ${((100 * passed) / Math.max(1, pairs)).toFixed(1)}% |`)
    .join('\n');
}

const corpora = [
  { name: 'tldr', documents: loadTldrPages(), minimum: 100 },
  { name: 'readme', documents: loadReadmes(2048), minimum: 20 },
];

describe('miair calibration', () => {
  for (const { name, documents, minimum } of corpora) {
    it(`scores every original above its degraded twins in 95% of ${name} pairs when degraded each way`, () => {
      expect(documents.length).toBeGreaterThanOrEqual(minimum);
      const results = calibrate(documents, 20_240_601);
      console.log(`| corpus | kind | pairs | skipped (twin = original) | original > twin |\n|---|---|---|---|---|\n${report(name, results)}`);
      for (const result of results) {
        expect({ kind: result.kind, rate: result.passed / result.pairs }).toEqual({
          kind: result.kind,
          rate: expect.toSatisfy((rate: number) => rate >= REQUIRED_PASS_RATE),
        });
      }
    });
  }
});
