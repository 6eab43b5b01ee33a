import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MiairError } from '../../errors.js';
import { refine } from '../../refine/refine.js';
import type { RefineResult } from '../../refine/types.js';
import { createMockModel } from '../../providers/mock/create-mock-model.js';
import { decodeResult, encodeResult, type WireValue } from './wire-codec.js';

const IMPROVABLE = 'this is is a document with with repeated words and no structure at all it just goes on and on in order to be long';
const SECTIONS = `# One\n\n${IMPROVABLE}\n\n## Two\n\nSee the the \`npm test\` output at https://example.com/a and fix 3 things.\n`;

/** Encodes `results` into one batch, as a worker thread does, and decodes them with their input texts. */
function roundTrip(results: readonly RefineResult[]): RefineResult[] {
  const values: WireValue[] = [];
  for (const result of results) encodeResult(values, result);
  // Structured clone, as postMessage does.
  const reader = { values: structuredClone(values), at: 0 };
  const decoded = results.map((result) => decodeResult(reader, result.inputText));
  expect(reader.at).toBe(values.length);
  return decoded;
}

describe('encodeResult / decodeResult', () => {
  it('gives back equal results for improved, unchanged, sectioned, rejected and failed refinements', async () => {
    const failing = { provider: 'broken', modelId: 'broken-1', doGenerate: () => Promise.reject(new MiairError('PROVIDER_ERROR', 'down', { details: { status: 503, nested: { at: [1, 2] } } })) };
    const results = [
      await refine(IMPROVABLE, { model: createMockModel({ latencyMs: 0 }), gate: 100, maxIterations: 3 }),
      await refine('# Short\n\nFine.\n', { model: createMockModel({ latencyMs: 0 }), gate: 1 }),
      await refine(SECTIONS, { model: createMockModel({ latencyMs: 0 }), gate: 100, maxIterations: 4, sectionThresholdChars: 100 }),
      await refine(IMPROVABLE, { model: createMockModel({ latencyMs: 0, edit: () => 'Nothing left.' }), gate: 100, maxIterations: 2 }),
      await refine(IMPROVABLE, { model: failing, gate: 100, maxIterations: 1 }),
      await refine(IMPROVABLE, { model: createMockModel({ latencyMs: 0 }), gate: 100, profile: 'devdocai', maxIterations: 2 }),
    ];
    expect(results.map((result) => result.stopReason)).toContain('skipped');
    expect(results.map((result) => result.stopReason)).toContain('error');
    expect(results.some((result) => result.iterations.some((iteration) => iteration.candidate === null))).toBe(true);
    expect(results.some((result) => result.iterations.some((iteration) => iteration.sectionIndex !== null))).toBe(true);
    expect(results.some((result) => result.finalMetrics !== result.initialMetrics)).toBe(true);

    const decoded = roundTrip(results);
    expect(decoded).toEqual(results);
    decoded.forEach((result, index) => {
      expect(result.finalMetrics === result.initialMetrics).toBe(results[index]?.finalMetrics === results[index]?.initialMetrics);
    });
    const error = decoded[4]?.error;
    expect(MiairError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', message: 'down', details: { status: 503, nested: { at: [1, 2] } } });
  });

  it('keeps every number exactly, -0 and NaN included', () => {
    const base = (value: number): RefineResult => ({
      inputText: 'x',
      text: 'y',
      initialMetrics: { profile: 'miair', words: value, uniqueWords: 1, entropy: value, coherence: 0, quality: value, components: { flow: value, 'lexical-diversity': -value }, findings: [{ metric: 'm', message: 'n', severity: 'info', range: { start: 0, end: 1 } }] },
      finalMetrics: { profile: 'devdocai', words: 0, uniqueWords: 0, entropy: 0, coherence: value, quality: 0, components: {}, findings: [] },
      iterations: [{ index: 1, strategy: 'quality', sectionIndex: 0, provider: 'p', modelId: 'm', accepted: false, rejectionReason: 'not-improved', rejectionDetail: 'd', objectiveBefore: value, objectiveAfter: null, candidate: { quality: value, entropy: 0, coherence: 0, words: 0 }, usage: { inputTokens: 1, outputTokens: 2 }, costUsd: value, durationMs: value }],
      stopReason: 'no-improvement',
      error: null,
      usage: { inputTokens: 3, outputTokens: 4 },
      costUsd: value,
      durationMs: value,
    });
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: 1, maxLength: 4 }), (numbers) => {
        const results = numbers.map(base);
        expect(roundTrip(results)).toEqual(results);
      }),
    );
    const [decoded] = roundTrip([base(-0), base(Number.NaN)]);
    expect(Object.is(decoded?.initialMetrics.quality, -0)).toBe(true);
  });
});
