import { afterEach, describe, expect, it } from 'vitest';
import { MiairError } from '../../errors.js';
import { startMockLlmServer } from '../../testing/mock-llm/start-mock-llm-server.js';
import { createOpenAIModel } from './create-openai-model.js';
import type { MockLlmServer } from '../../testing/mock-llm/start-mock-llm-server.js';
import type { HttpLanguageModel } from '../http/http-language-model.js';
import type { OpenAIModelOptions } from './create-openai-model.js';

const KEY = 'sk-test-openai-0123456789';
const MESSAGES = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'Hello' },
];
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((item) => item.close()));
});

async function start(): Promise<MockLlmServer> {
  const server = await startMockLlmServer({ latencyMs: 0 });
  opened.push(server);
  return server;
}

function create(options: OpenAIModelOptions): HttpLanguageModel {
  const model = createOpenAIModel(options);
  opened.push(model);
  return model;
}

function sentBody(server: MockLlmServer): Record<string, unknown> {
  return JSON.parse(server.requests.at(-1)?.body ?? '{}') as Record<string, unknown>;
}

describe('createOpenAIModel', () => {
  it('posts model, messages, max_tokens and temperature with a Bearer key when called', async () => {
    const server = await start();
    const model = create({ apiKey: KEY, baseURL: `${server.url}/v1`, modelId: 'gpt-4o-mini', headers: { 'x-title': 'miair' } });
    await model.doGenerate({ messages: MESSAGES, maxOutputTokens: 300, temperature: 0.3 });
    const request = server.requests[0];
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-title']).toBe('miair');
    expect(sentBody(server)).toEqual({ model: 'gpt-4o-mini', messages: MESSAGES, max_tokens: 300, temperature: 0.3 });
  });

  it.each(['/v1/', '/v1//', ''])('reaches the chat path when the base URL ends with %j', async (suffix) => {
    const server = await start();
    const model = create({ apiKey: KEY, baseURL: `${server.url}${suffix}`, modelId: 'llama3.1' });
    const result = await model.doGenerate({ messages: MESSAGES, maxOutputTokens: 300, temperature: 0.2 });
    expect(result.text.length).toBeGreaterThan(0);
    expect(server.requests[0]?.path).toBe(suffix === '' ? '/chat/completions' : '/v1/chat/completions');
  });

  it('uses the api-key header, the deployment path and api-version when Azure is configured', async () => {
    const server = await start();
    const model = create({ apiKey: KEY, baseURL: server.url, modelId: 'gpt-4o', azure: { apiVersion: '2024-10-21', deployment: 'my deployment' } });
    await model.doGenerate({ messages: MESSAGES, maxOutputTokens: 100, temperature: 0.2 });
    const request = server.requests[0];
    expect(request?.path).toBe('/openai/deployments/my%20deployment/chat/completions?api-version=2024-10-21');
    expect(request?.headers['api-key']).toBe(KEY);
    expect(request?.headers.authorization).toBeUndefined();
  });

  it('uses the model id as the deployment when Azure has none', async () => {
    const server = await start();
    const model = create({ apiKey: KEY, baseURL: server.url, modelId: 'gpt-4o', azure: { apiVersion: '2024-10-21' } });
    await model.doGenerate({ messages: MESSAGES, maxOutputTokens: 100, temperature: 0.2 });
    expect(server.requests[0]?.path).toBe('/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21');
  });

  it.each(['o1', 'o3-mini', 'o4-mini', 'gpt-5', 'gpt-5-mini'])('sends max_completion_tokens and no temperature when the model is %s', async (modelId) => {
    const server = await start();
    const model = create({ apiKey: KEY, baseURL: `${server.url}/v1`, modelId });
    const result = await model.doGenerate({ messages: MESSAGES, maxOutputTokens: 100, temperature: 0.2 });
    expect(sentBody(server)).toEqual({ model: modelId, messages: MESSAGES, max_completion_tokens: 100 });
    expect(result.warnings).toEqual([{ type: 'unsupported', setting: 'temperature', message: `Model \`${modelId}\` only accepts the default temperature 1; 0.2 was not sent.` }]);
  });

  it.each(['gpt-4o', 'gpt-5-chat-latest', 'omni', 'o1x'])('sends max_tokens and the temperature when the model is %s', async (modelId) => {
    const server = await start();
    const model = create({ apiKey: KEY, baseURL: `${server.url}/v1`, modelId });
    const result = await model.doGenerate({ messages: MESSAGES, maxOutputTokens: 100, temperature: 0.2 });
    expect(sentBody(server)).toEqual({ model: modelId, messages: MESSAGES, max_tokens: 100, temperature: 0.2 });
    expect(result.warnings).toEqual([]);
  });

  it('sends the field maxTokensField names when it is set', async () => {
    const server = await start();
    const model = create({ apiKey: KEY, baseURL: `${server.url}/v1`, modelId: 'gpt-4o', maxTokensField: 'max_completion_tokens' });
    await model.doGenerate({ messages: MESSAGES, maxOutputTokens: 100, temperature: 0.2 });
    expect(sentBody(server)).toMatchObject({ max_completion_tokens: 100 });
    expect(sentBody(server).max_tokens).toBeUndefined();
  });

  it.each([
    [{ modelId: '' }, 'CONFIG_INVALID', '`modelId`'],
    [{ baseURL: 'ftp://example.com' }, 'CONFIG_INVALID', '`baseURL`'],
    [{ baseURL: 'not a url' }, 'CONFIG_INVALID', '`baseURL`'],
    [{ connections: 0 }, 'CONFIG_INVALID', '`connections` to be an integer >= 1, got `0`'],
    [{ timeoutMs: 1.5 }, 'CONFIG_INVALID', '`timeoutMs`'],
    [{ azure: { apiVersion: '' }, baseURL: 'https://x.openai.azure.com' }, 'CONFIG_INVALID', 'azure.apiVersion'],
    [{ azure: { apiVersion: '2024-10-21' } }, 'CONFIG_INVALID', '--base-url'],
  ])('throws %s when the options are %j', (overrides, code, fragment) => {
    let thrown: unknown;
    try {
      createOpenAIModel({ apiKey: KEY, modelId: 'gpt-4o', ...overrides });
    } catch (error) {
      thrown = error;
    }
    expect(MiairError.isInstance(thrown)).toBe(true);
    expect((thrown as MiairError).code).toBe(code);
    expect((thrown as MiairError).message).toContain(fragment);
    expect((thrown as MiairError).message).not.toContain(KEY);
  });

  it('never shows credentials of the base URL when the server cannot be reached', async () => {
    const server = await start();
    const url = new URL(server.url);
    await server.close();
    const model = create({ apiKey: KEY, baseURL: `http://user:hunter2secret@${url.host}/v1`, modelId: 'gpt-4o' });
    const error = (await model.doGenerate({ messages: MESSAGES, maxOutputTokens: 10, temperature: 0 }).catch((thrown: unknown) => thrown)) as MiairError;
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.message).toContain(`http://${url.host}/v1`);
    expect(JSON.stringify(error)).not.toContain('hunter2secret');
  });
});
