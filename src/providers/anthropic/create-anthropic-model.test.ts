import { afterEach, describe, expect, it } from 'vitest';
import { startMockLlmServer } from '../../testing/mock-llm/start-mock-llm-server.js';
import { createAnthropicModel } from './create-anthropic-model.js';
import type { MockLlmServer } from '../../testing/mock-llm/start-mock-llm-server.js';
import type { HttpLanguageModel } from '../http/http-language-model.js';

const KEY = 'sk-ant-test-0123456789';
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((item) => item.close()));
});

async function setUp(serverOptions = {}, version?: string): Promise<{ server: MockLlmServer; model: HttpLanguageModel }> {
  const server = await startMockLlmServer({ latencyMs: 0, ...serverOptions });
  const model = createAnthropicModel({ apiKey: KEY, baseURL: `${server.url}/`, modelId: 'claude-3-5-haiku-latest', ...(version === undefined ? {} : { anthropicVersion: version }) });
  opened.push(server, model);
  return { server, model };
}

describe('createAnthropicModel', () => {
  it('posts system apart, max_tokens and temperature with x-api-key and anthropic-version when called', async () => {
    const { server, model } = await setUp();
    await model.doGenerate({
      messages: [
        { role: 'system', content: 'Rule one.' },
        { role: 'system', content: 'Rule two.' },
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Hi' },
        { role: 'user', content: 'Again' },
      ],
      maxOutputTokens: 200,
      temperature: 0.4,
    });
    const request = server.requests[0];
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe(KEY);
    expect(request?.headers['anthropic-version']).toBe('2023-06-01');
    expect(request?.headers.authorization).toBeUndefined();
    expect(JSON.parse(request?.body ?? '{}')).toEqual({
      model: 'claude-3-5-haiku-latest',
      max_tokens: 200,
      temperature: 0.4,
      system: 'Rule one.\n\nRule two.',
      messages: [
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Hi' },
        { role: 'user', content: 'Again' },
      ],
    });
  });

  it('sends no system field and the given version when there is no system message', async () => {
    const { server, model } = await setUp({}, '2024-01-01');
    await model.doGenerate({ messages: [{ role: 'user', content: 'Hello' }], maxOutputTokens: 50, temperature: 0 });
    expect(server.requests[0]?.headers['anthropic-version']).toBe('2024-01-01');
    expect(JSON.parse(server.requests[0]?.body ?? '{}')).not.toHaveProperty('system');
  });

  it('sends temperature 1 with a warning when asked for more than 1', async () => {
    const { server, model } = await setUp();
    const result = await model.doGenerate({ messages: [{ role: 'user', content: 'Hello' }], maxOutputTokens: 50, temperature: 1.5 });
    expect(JSON.parse(server.requests[0]?.body ?? '{}')).toMatchObject({ temperature: 1 });
    expect(result.warnings).toEqual([{ type: 'other', setting: 'temperature', message: 'Anthropic accepts a temperature from 0 to 1; 1.5 was sent as 1.' }]);
  });
});
