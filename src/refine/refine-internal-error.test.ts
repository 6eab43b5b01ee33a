import { describe, expect, it, vi } from 'vitest';
import type { LanguageModel } from '../providers/spec.js';
import { refine } from './refine.js';

// A metric that throws on some text stands for a bug of miair met while judging a candidate.
// The loop scores from its own parse (scoreDocument): both profiles' scorers throw.
vi.mock('../metrics/miair/score-miair.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../metrics/miair/score-miair.js')>();
  return {
    ...original,
    scoreMiairDocument: (document: Parameters<typeof original.scoreMiairDocument>[0]) => {
      if (document.text.includes('explode')) throw new RangeError('metric bug');
      return original.scoreMiairDocument(document);
    },
  };
});
vi.mock('../metrics/devdocai/score-devdocai.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../metrics/devdocai/score-devdocai.js')>();
  return {
    ...original,
    scoreDevdocai: (text: string) => {
      if (text.includes('explode')) throw new RangeError('metric bug');
      return original.scoreDevdocai(text);
    },
  };
});

describe('refine when judging a candidate fails', () => {
  it('stops with error INTERNAL and keeps the best text so far', async () => {
    const input = 'the the tool tool works works and reads files.';
    const model: LanguageModel = {
      provider: 'fake',
      modelId: 'fake',
      doGenerate: () => Promise.resolve({ text: 'The tool works and reads files; explode.', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] }),
    };
    const result = await refine(input, { model });
    expect(result.stopReason).toBe('error');
    expect(result.error?.code).toBe('INTERNAL');
    expect(result.error?.message).toBe('metric bug');
    expect(result.text).toBe(input);
    expect(result.iterations).toHaveLength(1);
  });

  it('stops with error INTERNAL under the devdocai profile too', async () => {
    const input = 'the the tool tool works works and reads files.';
    const model: LanguageModel = {
      provider: 'fake',
      modelId: 'fake',
      doGenerate: () => Promise.resolve({ text: 'The tool works and reads files; explode.', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] }),
    };
    const result = await refine(input, { model, profile: 'devdocai', gate: 100 });
    expect(result.stopReason).toBe('error');
    expect(result.error?.code).toBe('INTERNAL');
    expect(result.text).toBe(input);
  });
});
