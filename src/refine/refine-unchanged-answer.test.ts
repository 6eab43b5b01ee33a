import { beforeEach, describe, expect, it, vi } from 'vitest';
import { score } from '../metrics/score.js';
import { extractDocumentBlock } from '../providers/document-block.js';
import type { LanguageModel } from '../providers/spec.js';
import { refine } from './refine.js';

// Counts the documents the miair profile scores.
const scored: string[] = [];
vi.mock('../metrics/miair/score-miair.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../metrics/miair/score-miair.js')>();
  return {
    ...original,
    scoreMiairDocument: (document: Parameters<typeof original.scoreMiairDocument>[0]) => {
      scored.push(document.text);
      return original.scoreMiairDocument(document);
    },
  };
});

/** Answers with the document it was sent, passed through `edit`. */
function editingModel(edit: (document: string) => string): LanguageModel {
  return {
    provider: 'fake',
    modelId: 'editor',
    doGenerate: (options) => Promise.resolve({ text: edit(extractDocumentBlock(options.messages) ?? ''), finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] }),
  };
}

const TEXT = '# Copy\n\nCopies files between folders and keeps their times.\n\n```sh\ncp -p a b\n```\n';

describe('refine when the model returns the text unchanged', () => {
  beforeEach(() => {
    scored.length = 0;
  });

  it('rejects it as not improved with the current metrics, without scoring it again', async () => {
    const result = await refine(TEXT, { model: editingModel((document) => document), gate: 100, maxIterations: 2 });
    const metrics = score(TEXT);
    expect(scored).toEqual([TEXT]);
    expect(result.text).toBe(TEXT);
    expect(result.iterations).toHaveLength(2);
    for (const iteration of result.iterations) {
      expect(iteration).toMatchObject({
        accepted: false,
        rejectionReason: 'not-improved',
        rejectionDetail: `quality ${metrics.quality} is not above ${metrics.quality}`,
        objectiveBefore: metrics.quality,
        objectiveAfter: metrics.quality,
        candidate: { quality: metrics.quality, entropy: metrics.entropy, coherence: metrics.coherence, words: metrics.words },
      });
    }
  });

  it('scores an answer that differs, even by one character', async () => {
    const result = await refine(TEXT, { model: editingModel((document) => document.replace('times.', 'times!')), gate: 100, maxIterations: 1 });
    expect(scored).toHaveLength(2);
    expect(result.iterations[0]?.objectiveAfter).toBe(score(TEXT.replace('times.', 'times!')).quality);
  });
});
