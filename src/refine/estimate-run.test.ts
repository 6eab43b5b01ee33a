import { describe, expect, it } from 'vitest';
import { score } from '../metrics/score.js';
import { extractDocumentBlock } from '../providers/document-block.js';
import { estimateTokens } from '../providers/estimate-tokens.js';
import type { LanguageModel, LanguageModelCallOptions } from '../providers/spec.js';
import { createPriceTable } from './cost.js';
import { createRunEstimator, estimateRun } from './estimate-run.js';
import { refine } from './refine.js';

// The long document of refine-sections.test.ts: the loop sends NOTES (index 2), then USAGE (index 1).
const REPEATED = 'Quarry copies 64 files at once with `--jobs`. It retries each failed copy before it reports an error to the console.';
const INTRO = `# Quarry\n\nQuarry moves large trees of files between disks and servers. It keeps the modification times and the permissions of every file it copies, so a backup looks exactly like its source.\n\n${REPEATED}\n\n- Copies in parallel.\n- Resumes after a crash.\n\n\`\`\`sh\nquarry copy ./src /mnt/backup\n\`\`\`\n\n`;
const USAGE = `## Usage\n\nPoint the tool at a source folder and a target folder, then wait for the summary line at the end of the run. Stop it with Ctrl+C whenever you like: the next run picks up where this one left off.\n\n${REPEATED}\n\n`;
const NOTES = '## Notes\n\nTODO: describe the retry policy. TBD.\n\n';
const LICENSE = '## License\n\nMIT, see the license file.\n';
const LONG = INTRO + USAGE + NOTES + LICENSE;
const WEAK = 'test test test bad bad bad document document document';
const GATE = score(USAGE).quality;

/** A model that echoes the document back and records every call. */
function createEchoModel(provider = 'fake'): LanguageModel & { calls: LanguageModelCallOptions[] } {
  const calls: LanguageModelCallOptions[] = [];
  return {
    provider,
    modelId: 'echo',
    calls,
    doGenerate(options) {
      calls.push(options);
      return Promise.resolve({ text: extractDocumentBlock(options.messages) ?? '', finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0 }, warnings: [] });
    },
  };
}

const tokensIn = (options: LanguageModelCallOptions): number => options.messages.reduce((sum, message) => sum + estimateTokens(message.content), 0);

describe('estimateRun', () => {
  it('skips a text at the gate, sends a short text whole and a long one by sections, without calling the model', () => {
    const model = createEchoModel();
    const atGate = score(USAGE).quality >= GATE ? USAGE : '';
    const estimate = estimateRun([atGate, WEAK, LONG], { model, gate: GATE, sectionThresholdChars: 300, maxIterations: 5, maxRejections: 2 });
    expect(model.calls).toEqual([]);
    expect(estimate.skipped).toBe(1);
    expect(estimate.documents.map((document) => [document.isSkipped, document.targets, document.sectionIndexes])).toEqual([
      [true, 0, null],
      [false, 1, null],
      [false, 2, [2, 1]],
    ]);
    expect(estimate.documents.map((document) => [document.expected.calls, document.maximum.calls])).toEqual([[0, 0], [2, 5], [4, 10]]);
    expect(estimate.maximum.calls).toBe(15);
    expect(estimate.expected.calls).toBe(6);
    // An answer as long as the text: WEAK is 53 characters, 14 tokens.
    expect(estimate.documents[1]?.maximum.outputTokens).toBe(5 * 14);
    expect(estimate.documents[2]?.maximum.outputTokens).toBe(5 * (estimateTokens(NOTES) + estimateTokens(USAGE)));
    expect(estimate.expected.costUsd).toBeNull();
  });

  it('estimates the prompt tokens of the calls the loop really makes', async () => {
    const model = createEchoModel();
    const options = { gate: GATE, sectionThresholdChars: 300, maxRejections: 2 };
    const estimate = estimateRun([LONG], { ...options, model });
    await refine(LONG, { ...options, model });
    expect(model.calls.map((call) => extractDocumentBlock(call.messages))).toEqual([NOTES, NOTES, USAGE, USAGE]);
    expect(estimate.documents[0]?.expected.calls).toBe(model.calls.length);
    expect(estimate.expected.inputTokens).toBe(model.calls.reduce((sum, call) => sum + tokensIn(call), 0));
  });

  it('counts at most maxSections sections, the ones the loop sends', async () => {
    const model = createEchoModel();
    const options = { gate: GATE, sectionThresholdChars: 300, maxRejections: 2, maxSections: 1 };
    const estimate = estimateRun([LONG], { ...options, model, maxIterations: 5 });
    expect(estimate.documents.map((document) => [document.targets, document.sectionIndexes])).toEqual([[1, [2]]]);
    expect([estimate.expected.calls, estimate.maximum.calls]).toEqual([2, 5]);
    await refine(LONG, { ...options, model });
    expect(model.calls.map((call) => extractDocumentBlock(call.messages))).toEqual([NOTES, NOTES]);
  });

  it('prices the tokens when the model has a price', () => {
    const prices = createPriceTable({ 'acme/*': { inputUsdPerMillionTokens: 1_000_000, outputUsdPerMillionTokens: 2_000_000 } });
    const estimate = estimateRun([WEAK], { model: createEchoModel('acme'), prices, maxIterations: 3, maxRejections: 1, profile: 'devdocai' });
    const { maximum, expected } = estimate;
    expect(maximum.calls).toBe(3);
    expect(maximum.costUsd).toBe(maximum.inputTokens + 2 * maximum.outputTokens);
    expect(expected.costUsd).toBe(expected.inputTokens + 2 * expected.outputTokens);
    expect(expected.calls).toBe(1);
  });

  it('caps the output tokens at maxOutputTokens', () => {
    const estimate = estimateRun([WEAK], { model: createEchoModel(), maxOutputTokens: 3, maxIterations: 1 });
    expect(estimate.maximum.outputTokens).toBe(3);
  });
});

describe('createRunEstimator', () => {
  it('adds up, one text at a time, to what estimateRun gives for all of them', () => {
    const texts = [LONG, WEAK, USAGE, '', WEAK];
    const options = { model: createEchoModel('openai'), gate: GATE, prices: createPriceTable({ 'openai/echo': { inputUsdPerMillionTokens: 1, outputUsdPerMillionTokens: 2 } }) };
    const whole = estimateRun(texts, options);
    const estimator = createRunEstimator(options);
    const documents = texts.map((text) => estimator.add(text));
    expect(documents).toEqual(whole.documents);
    expect({ documents: estimator.documents, skipped: estimator.skipped, expected: estimator.expected, maximum: estimator.maximum }).toEqual({
      documents: texts.length,
      skipped: whole.skipped,
      expected: whole.expected,
      maximum: whole.maximum,
    });
    expect(estimator.skipped).toBeGreaterThan(0);
    expect(estimator.expected.costUsd).toBeGreaterThan(0);
  });
});
