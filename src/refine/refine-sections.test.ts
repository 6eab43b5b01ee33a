import { describe, expect, it } from 'vitest';
import { score } from '../metrics/score.js';
import { extractDocumentBlock } from '../providers/document-block.js';
import type { LanguageModel } from '../providers/spec.js';
import { refine } from './refine.js';

interface RecordingModel extends LanguageModel {
  received: string[];
}

/** A fake model that answers each section from `answers`, or echoes it back unchanged. */
function createRecordingModel(answers: Record<string, string>): RecordingModel {
  const received: string[] = [];
  return {
    provider: 'fake',
    modelId: 'sections',
    received,
    doGenerate(options) {
      const document = extractDocumentBlock(options.messages) ?? '';
      received.push(document);
      return Promise.resolve({ text: answers[document] ?? document, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] });
    },
  };
}

const devdocai = { profile: 'devdocai' } as const;
// devdocai scores, alone: STRONG 85.07 (at the gate of 85), BETA 82.0, GAMMA 79.93; the whole document 84.03.
const STRONG = `# Alpha\n\n${'The system stores documents. Users can edit documents. The system saves versions.\n\n'.repeat(8)}`;
const BETA = '## Beta\n\ntest test test bad bad bad document document document\n\n';
const GAMMA = '## Gamma\n\nhello hello world\n';
const DOCUMENT = STRONG + BETA + GAMMA;
const options = { ...devdocai, gate: 85, sectionThresholdChars: 100 };

describe('refine on a long document', () => {
  it('checks its scoring assumptions when the tests start', () => {
    expect(score(STRONG, devdocai).quality).toBeGreaterThanOrEqual(85);
    expect(score(GAMMA, devdocai).quality).toBeLessThan(score(BETA, devdocai).quality);
    expect(score(BETA, devdocai).quality).toBeLessThan(85);
    expect(score(DOCUMENT, devdocai).quality).toBeLessThan(85);
  });

  it('sends only the sections below the gate, weakest first', async () => {
    const model = createRecordingModel({});
    const result = await refine(DOCUMENT, { ...options, model });
    expect(model.received).toEqual([GAMMA, GAMMA, BETA, BETA]);
    expect(result.iterations.map((iteration) => iteration.sectionIndex)).toEqual([2, 2, 1, 1]);
    expect(result.stopReason).toBe('no-improvement');
    expect(result.text).toBe(DOCUMENT);
  });

  it('accepts a section candidate only when the whole document improves', async () => {
    const gammaBetter = '## Gamma\n\nhello world\n';
    const betaBetter = '## Beta\n\nA test found a bad document.\n\n';
    const worse = '## Beta\n\nThe test marks a bad document. A bad test fails.\n\n';
    expect(score(STRONG + BETA + gammaBetter, devdocai).quality).toBeGreaterThan(score(DOCUMENT, devdocai).quality);
    const model = createRecordingModel({ [GAMMA]: gammaBetter, [BETA]: worse, [worse]: betaBetter });
    const result = await refine(DOCUMENT, { ...options, model, maxRejections: 1 });
    expect(result.iterations[0]).toMatchObject({ sectionIndex: 2, accepted: true });
    expect(result.text.startsWith(STRONG)).toBe(true);
    expect(result.text.endsWith(gammaBetter)).toBe(true);
    expect(result.finalMetrics).toEqual(score(result.text, devdocai));
    for (const iteration of result.iterations) {
      if (iteration.accepted) expect(iteration.objectiveAfter).toBeGreaterThan(iteration.objectiveBefore);
    }
  });

  it('keeps each section to maxIterations calls and reports max-iterations', async () => {
    const model = createRecordingModel({});
    const result = await refine(DOCUMENT, { ...options, model, maxIterations: 1 });
    expect(model.received).toEqual([GAMMA, BETA]);
    expect(result.stopReason).toBe('max-iterations');
  });

  it('stops with gate-reached as soon as the whole document reaches the gate', async () => {
    const gammaBetter = '## Gamma\n\nhello world\n';
    const gate = score(STRONG + BETA + gammaBetter, devdocai).quality;
    const model = createRecordingModel({ [GAMMA]: gammaBetter });
    const result = await refine(DOCUMENT, { ...options, model, gate });
    expect(result.stopReason).toBe('gate-reached');
    expect(model.received).toEqual([GAMMA]);
  });

  it('sends nothing and reports no-improvement when no weak section has prose', async () => {
    const text = `${STRONG}## Code\n\n\`\`\`\nx\n\`\`\`\n`;
    const model = createRecordingModel({});
    const result = await refine(text, { ...options, model, gate: score(text, devdocai).quality + 0.5 });
    expect(model.received.every((document) => document !== '## Code\n\n```\nx\n```\n')).toBe(true);
    expect(['no-improvement', 'max-iterations']).toContain(result.stopReason);
  });
});
