import { describe, expect, it } from 'vitest';
import { MiairError } from '../../errors.js';
import { createBoundary, wrapDocumentBlock } from '../document-block.js';
import { createLocalModel } from './create-local-model.js';
import { readStrategyDirective } from './read-strategy-directive.js';
import type { LanguageModelMessage } from '../spec.js';

function prompt(document: string, strategy = 'quality'): LanguageModelMessage[] {
  return [
    { role: 'system', content: `You edit documentation.\nStrategy: ${strategy}\nReturn only the document.` },
    { role: 'user', content: `Improve this document.\n${wrapDocumentBlock(document, createBoundary(document))}` },
  ];
}

describe('createLocalModel', () => {
  it('returns only the revised document when the prompt carries one', async () => {
    const model = createLocalModel();
    const result = await model.doGenerate({ messages: prompt('The the tool runs in order to test.'), maxOutputTokens: 100, temperature: 0.2 });
    expect(model.provider).toBe('local');
    expect(model.modelId).toBe('rules-v1');
    expect(result.text).toBe('The tool runs to test.');
    expect(result.finishReason).toBe('stop');
    expect(result.warnings).toEqual([]);
    expect(result.usage.outputTokens).toBe(Math.ceil(result.text.length / 4));
    expect(result.usage.inputTokens).toBeGreaterThan(result.usage.outputTokens);
  });

  it('applies the rule set of the strategy line when the system message names one', async () => {
    const messages = prompt('The the tool runs in order to test.', 'performance');
    const result = await createLocalModel().doGenerate({ messages, maxOutputTokens: 100, temperature: 0 });
    expect(result.text).toBe('The tool runs in order to test.');
  });

  it('reports temperature as unsupported when a non-default temperature is asked', async () => {
    const result = await createLocalModel().doGenerate({ messages: prompt('Fine.'), maxOutputTokens: 100, temperature: 1 });
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'unsupported', setting: 'temperature' })]);
  });

  it('throws INTERNAL when the prompt has no document block', async () => {
    const call = createLocalModel().doGenerate({ messages: [{ role: 'user', content: 'no block' }], maxOutputTokens: 100, temperature: 0.2 });
    await expect(call).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('throws ABORTED when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const call = createLocalModel().doGenerate({ messages: prompt('Fine.'), maxOutputTokens: 100, temperature: 0.2, abortSignal: controller.signal });
    await expect(call).rejects.toSatisfy((error: unknown) => MiairError.isInstance(error) && error.code === 'ABORTED');
  });

  it('throws ABORTED between rules when the signal fires while it refines a large document', async () => {
    // The rules run synchronously: without yielding between them, a timer (a refine deadline) could not fire before
    // the whole call was over.
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1);
    const document = `# Title\n\n${'The the tool runs in order to test it. '.repeat(20_000)}\n`;
    const call = createLocalModel().doGenerate({ messages: prompt(document), maxOutputTokens: 100, temperature: 0.2, abortSignal: controller.signal });
    await expect(call).rejects.toSatisfy((error: unknown) => MiairError.isInstance(error) && error.code === 'ABORTED');
  });

  it('answers as without a signal when a signal is given and never fires', async () => {
    const document = `# Title\n\n${'The the tool runs in order to test it. '.repeat(2_000)}\n`;
    const withSignal = await createLocalModel().doGenerate({ messages: prompt(document), maxOutputTokens: 100, temperature: 0.2, abortSignal: new AbortController().signal });
    const without = await createLocalModel().doGenerate({ messages: prompt(document), maxOutputTokens: 100, temperature: 0.2 });
    expect(withSignal.text).toBe(without.text);
    expect(withSignal.text).not.toBe(document);
  });
});

describe('readStrategyDirective', () => {
  it.each([
    ['Strategy: entropy', 'entropy'],
    ['Strategy: performance', 'performance'],
    ['  strategy:   QUALITY', 'quality'],
    ['Strategy: adaptive', 'quality'],
    ['No directive here.', 'quality'],
  ] as const)('reads %j as %s', (content, expected) => {
    expect(readStrategyDirective([{ role: 'system', content }])).toBe(expected);
  });

  it('ignores the line when it is in a user message', () => {
    expect(readStrategyDirective([{ role: 'user', content: 'Strategy: entropy' }])).toBe('quality');
  });
});
