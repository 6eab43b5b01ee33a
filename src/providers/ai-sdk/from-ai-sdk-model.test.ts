import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refine } from '../../refine/refine.js';
import { startMockLlmServer, type MockLlmServer } from '../../testing/mock-llm/start-mock-llm-server.js';
import { fromAiSdkModel, type AiSdkLanguageModel } from './from-ai-sdk-model.js';

const KEY = 'sk-test-key-123456';
const IMPROVABLE = 'this is is a document with with repeated words and no structure at all it just goes on and on in order to be long';
const CALL = { messages: [{ role: 'system' as const, content: 'Edit.' }, { role: 'user' as const, content: 'Some text.' }], maxOutputTokens: 100, temperature: 0.2 };

let server: MockLlmServer;
beforeAll(async () => {
  server = await startMockLlmServer({ latencyMs: 1, apiKey: KEY });
});
afterAll(async () => {
  await server.close();
});

/** An AI SDK model of the real `@ai-sdk/openai-compatible` provider, talking to `url` over HTTP. */
function aiSdkModel(url: string, apiKey = KEY): AiSdkLanguageModel {
  return createOpenAICompatible({ name: 'compatible', baseURL: `${url}/v1`, apiKey }).chatModel('gpt-4o-mini');
}

describe('fromAiSdkModel', () => {
  it('refines a document through a real AI SDK provider over HTTP, with its usage', async () => {
    const model = fromAiSdkModel(aiSdkModel(server.url));
    expect(model).toMatchObject({ provider: 'compatible.chat', modelId: 'gpt-4o-mini' });
    const result = await refine(IMPROVABLE, { model, gate: 100, maxIterations: 2 });
    expect(result.text).not.toBe(IMPROVABLE);
    expect(result.iterations.some((iteration) => iteration.accepted)).toBe(true);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    const request = server.requests.at(-1);
    expect(request?.path).toBe('/v1/chat/completions');
  });

  it.each([
    ['a wrong key', { apiKey: 'sk-wrong-key' }, 'PROVIDER_UNAUTHORIZED', false],
    ['a 429 with Retry-After', { faultRates: { 429: 1 }, retryAfterSeconds: 2 }, 'PROVIDER_RATE_LIMITED', true],
    ['a 503', { faultRates: { 503: 1 } }, 'PROVIDER_UNAVAILABLE', true],
  ] as const)('turns %s into %s', async (_name, serverOptions, code, isRetryable) => {
    const failing = await startMockLlmServer({ latencyMs: 1, apiKey: KEY, ...('faultRates' in serverOptions ? serverOptions : {}) });
    try {
      const model = fromAiSdkModel(aiSdkModel(failing.url, 'apiKey' in serverOptions ? serverOptions.apiKey : KEY));
      const error = await model.doGenerate(CALL).catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code, isRetryable });
      if (code === 'PROVIDER_RATE_LIMITED') expect(error).toMatchObject({ details: { status: 429, retryAfterMs: 2000 } });
    } finally {
      await failing.close();
    }
  });

  it('turns a refused connection into a retryable PROVIDER_UNAVAILABLE, and an abort into ABORTED', async () => {
    const refused = fromAiSdkModel(aiSdkModel('http://127.0.0.1:9'));
    await expect(refused.doGenerate(CALL)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', isRetryable: true });
    const controller = new AbortController();
    controller.abort();
    await expect(fromAiSdkModel(aiSdkModel(server.url)).doGenerate({ ...CALL, abortSignal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('reads v2 answers, maps their warnings and estimates a missing usage', async () => {
    const v2: AiSdkLanguageModel = {
      specificationVersion: 'v2',
      provider: 'acme',
      modelId: 'a1',
      doGenerate: () => Promise.resolve({ content: [{ type: 'text', text: 'Hello ' }, { type: 'reasoning', text: 'hidden' }, { type: 'text', text: 'world.' }], finishReason: 'tool-calls', usage: {}, warnings: [{ type: 'unsupported-setting', setting: 'temperature', details: 'fixed at 1' }] }),
    };
    const result = await fromAiSdkModel(v2).doGenerate(CALL);
    expect(result).toMatchObject({ text: 'Hello world.', finishReason: 'other' });
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.warnings).toEqual([
      { type: 'unsupported', setting: 'temperature', message: 'fixed at 1' },
      { type: 'other', setting: 'usage', message: 'acme sent no token usage; it was estimated at 4 characters per token.' },
    ]);
  });

  it('refuses what is not an AI SDK language model, with CONFIG_INVALID', () => {
    expect(() => fromAiSdkModel({ provider: 'x', modelId: 'y', doGenerate: () => Promise.reject(new Error('no')) } as never)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('an object without specificationVersion') }),
    );
  });
});
