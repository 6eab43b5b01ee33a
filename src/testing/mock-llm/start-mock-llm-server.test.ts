import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { wrapDocumentBlock } from '../../providers/document-block.js';
import { defaultMockEdit } from '../../providers/mock/create-mock-model.js';
import { estimateTokens } from '../../providers/estimate-tokens.js';
import { MOCK_LLM_NO_DOCUMENT_REPLY, startMockLlmServer, type MockLlmServer } from './start-mock-llm-server.js';
import type { MockLlmServerOptions } from './mock-llm-options.js';

const DOCUMENT = 'The the tool runs fast.\n\nIt reads files in order to save time.';
const SYSTEM = 'Improve the document. Return only the document.';
const USER = `Here is the document.\n${wrapDocumentBlock(DOCUMENT, '0123456789abcdef')}`;
const EDITED = defaultMockEdit(DOCUMENT);
const OPENAI_HEADERS = { authorization: 'Bearer test-key', 'content-type': 'application/json' };
const ANTHROPIC_HEADERS = { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
const OPENAI_BODY = { model: 'gpt-4o-mini', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: USER }], max_tokens: 1000 };
const ANTHROPIC_BODY = { model: 'claude-3-5-haiku-latest', system: SYSTEM, messages: [{ role: 'user', content: [{ type: 'text', text: USER }] }], max_tokens: 1000 };

let servers: MockLlmServer[] = [];

async function start(options: MockLlmServerOptions = {}): Promise<MockLlmServer> {
  const server = await startMockLlmServer({ latencyMs: 0, ...options });
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any;
}

async function send(server: MockLlmServer, path: string, body: unknown, headers: Record<string, string>, method: 'POST' | 'GET' = 'POST'): Promise<Answer> {
  const response = await request(`${server.url}${path}`, { method, headers, ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) };
}

afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

describe('startMockLlmServer', () => {
  it('answers in the OpenAI shape with the edited document and usage when the route is chat completions', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const answer = await send(server, '/v1/chat/completions', OPENAI_BODY, OPENAI_HEADERS);
    expect(answer.status).toBe(200);
    expect(EDITED).not.toBe(DOCUMENT);
    const inputTokens = estimateTokens(SYSTEM) + estimateTokens(USER);
    expect(answer.json()).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: EDITED }, finish_reason: 'stop' }],
      usage: { prompt_tokens: inputTokens, completion_tokens: estimateTokens(EDITED), total_tokens: inputTokens + estimateTokens(EDITED) },
    });
    expect(answer.json().id).toMatch(/^chatcmpl-/);
    expect(typeof answer.json().created).toBe('number');
  });

  it('answers the same when the base URL has no /v1 or is an Azure deployment', async () => {
    const server = await start();
    const plain = await send(server, '/chat/completions', OPENAI_BODY, OPENAI_HEADERS);
    expect(plain.json().choices[0].message.content).toBe(EDITED);
    const azure = await send(server, '/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21', { messages: OPENAI_BODY.messages }, { 'api-key': 'k', 'content-type': 'application/json' });
    expect(azure.status).toBe(200);
    expect(azure.json()).toMatchObject({ model: 'my-gpt', choices: [{ message: { content: EDITED } }] });
    const noVersion = await send(server, '/openai/deployments/my-gpt/chat/completions', { messages: OPENAI_BODY.messages }, { 'api-key': 'k' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.json().error.message).toContain('api-version');
  });

  it('answers in the Anthropic shape when the route is messages, with string or block content', async () => {
    const server = await start();
    const answer = await send(server, '/v1/messages', ANTHROPIC_BODY, ANTHROPIC_HEADERS);
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-3-5-haiku-latest',
      content: [{ type: 'text', text: EDITED }],
      stop_reason: 'end_turn',
      usage: { input_tokens: estimateTokens(SYSTEM) + estimateTokens(USER), output_tokens: estimateTokens(EDITED) },
    });
    const stringContent = await send(server, '/v1/messages', { ...ANTHROPIC_BODY, messages: [{ role: 'user', content: USER }] }, ANTHROPIC_HEADERS);
    expect(stringContent.json().content[0].text).toBe(EDITED);
  });

  it('echoes a fixed text when the prompt has no document block', async () => {
    const server = await start();
    const answer = await send(server, '/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hello' }] }, OPENAI_HEADERS);
    expect(answer.json().choices[0].message.content).toBe(MOCK_LLM_NO_DOCUMENT_REPLY);
  });

  it('cuts the answer at max_tokens with finish_reason length when the limit is small', async () => {
    const server = await start({ edit: 'echo' });
    const answer = await send(server, '/v1/chat/completions', { ...OPENAI_BODY, max_tokens: 3 }, OPENAI_HEADERS);
    expect(answer.json().choices[0]).toMatchObject({ message: { content: DOCUMENT.slice(0, 12) }, finish_reason: 'length' });
  });

  it.each([
    ['OpenAI without a key', '/v1/chat/completions', OPENAI_BODY, { 'content-type': 'application/json' }, { error: { type: 'invalid_request_error', code: 'invalid_api_key' } }],
    ['OpenAI with a wrong key', '/v1/chat/completions', OPENAI_BODY, { authorization: 'Bearer wrong' }, { error: { code: 'invalid_api_key' } }],
    ['Azure with a wrong key', '/openai/deployments/d/chat/completions?api-version=1', OPENAI_BODY, { 'api-key': 'wrong' }, { error: { code: 'invalid_api_key' } }],
    ['Anthropic without a key', '/v1/messages', ANTHROPIC_BODY, { 'anthropic-version': '2023-06-01' }, { type: 'error', error: { type: 'authentication_error' } }],
    ['Anthropic with a Bearer key only', '/v1/messages', ANTHROPIC_BODY, { authorization: 'Bearer test-key', 'anthropic-version': '2023-06-01' }, { type: 'error', error: { type: 'authentication_error' } }],
    ['Anthropic with a wrong key', '/v1/messages', ANTHROPIC_BODY, { 'x-api-key': 'wrong', 'anthropic-version': '2023-06-01' }, { error: { message: 'invalid x-api-key' } }],
  ])('refuses with 401 in the vendor shape when %s is sent', async (_name, path, body, headers, shape) => {
    const server = await start({ apiKey: 'test-key' });
    const answer = await send(server, path, body, headers as Record<string, string>);
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject(shape);
    expect(answer.text).not.toContain('wrong');
  });

  it('accepts any non-empty key when no key is configured', async () => {
    const server = await start();
    expect((await send(server, '/v1/chat/completions', OPENAI_BODY, { authorization: 'Bearer anything' })).status).toBe(200);
    expect((await send(server, '/v1/chat/completions', OPENAI_BODY, { authorization: 'Bearer ' })).status).toBe(401);
  });

  it.each([
    ['/v1/chat/completions', OPENAI_HEADERS, '{not json', 'not valid JSON'],
    ['/v1/chat/completions', OPENAI_HEADERS, { messages: OPENAI_BODY.messages }, 'model'],
    ['/v1/chat/completions', OPENAI_HEADERS, { model: 'm', messages: [] }, 'messages'],
    ['/v1/chat/completions', OPENAI_HEADERS, { ...OPENAI_BODY, stream: true }, 'stream'],
    ['/v1/chat/completions', OPENAI_HEADERS, { ...OPENAI_BODY, max_tokens: 0 }, 'max_tokens'],
    ['/v1/messages', ANTHROPIC_HEADERS, { ...ANTHROPIC_BODY, max_tokens: undefined }, 'max_tokens'],
    ['/v1/messages', ANTHROPIC_HEADERS, { ...ANTHROPIC_BODY, messages: [{ role: 'system', content: 'x' }] }, 'messages.0'],
    ['/v1/messages', ANTHROPIC_HEADERS, { ...ANTHROPIC_BODY, system: 42 }, 'system'],
    ['/v1/messages', { 'x-api-key': 'k' }, ANTHROPIC_BODY, 'anthropic-version'],
  ])('answers 400 when %s gets an invalid request (%#)', async (path, headers, body, fragment) => {
    const server = await start();
    const answer = await send(server, path, body, headers);
    expect(answer.status).toBe(400);
    const json = answer.json();
    expect(json.error.type).toBe('invalid_request_error');
    if (path === '/v1/messages') expect(json.type).toBe('error');
    expect(json.error.message).toContain(fragment);
  });

  it('lists models in the OpenAI shape and answers unknown routes with a 404 JSON error', async () => {
    const server = await start({ models: ['a', 'b'] });
    const models = await send(server, '/v1/models', undefined, { authorization: 'Bearer k' }, 'GET');
    expect(models.json()).toMatchObject({ object: 'list', data: [{ id: 'a', object: 'model' }, { id: 'b', object: 'model' }] });
    expect((await send(server, '/models', undefined, { 'x-api-key': 'k' }, 'GET')).status).toBe(200);
    expect((await send(server, '/v1/models', undefined, {}, 'GET')).status).toBe(401);
    const missing = await send(server, '/v2/nothing', {}, OPENAI_HEADERS);
    expect(missing.status).toBe(404);
    expect(missing.json().error.message).toContain('/v2/nothing');
    const wrongMethod = await send(server, '/v1/messages', undefined, ANTHROPIC_HEADERS, 'GET');
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it.each([
    ['429', 429, { error: { type: 'requests', code: 'rate_limit_exceeded' } }, { type: 'error', error: { type: 'rate_limit_error' } }],
    ['500', 500, { error: { type: 'server_error' } }, { type: 'error', error: { type: 'api_error' } }],
    ['503', 503, { error: { type: 'server_error' } }, { type: 'error', error: { type: 'overloaded_error' } }],
  ] as const)('answers the %s fault in both vendor shapes when its rate is 1', async (fault, status, openaiShape, anthropicShape) => {
    const server = await start({ faultRates: { [fault]: 1 }, retryAfterSeconds: 3 });
    const openai = await send(server, '/v1/chat/completions', OPENAI_BODY, OPENAI_HEADERS);
    const anthropic = await send(server, '/v1/messages', ANTHROPIC_BODY, ANTHROPIC_HEADERS);
    expect([openai.status, anthropic.status]).toEqual([status, status]);
    expect(openai.json()).toMatchObject(openaiShape);
    expect(anthropic.json()).toMatchObject(anthropicShape);
    if (fault === '429') {
      expect(openai.headers['retry-after']).toBe('3');
      expect(openai.headers['x-ratelimit-reset-requests']).toBe('3s');
      expect(anthropic.headers['retry-after']).toBe('3');
      expect(Date.parse(String(anthropic.headers['anthropic-ratelimit-requests-reset']))).toBeGreaterThan(Date.now());
    }
    expect(server.stats().faults[fault]).toBe(2);
    expect(server.requests.map((record) => [record.status, record.fault])).toEqual([[status, fault], [status, fault]]);
  });

  it('resets the connection when the reset fault is drawn', async () => {
    const server = await start({ faultRates: { reset: 1 } });
    await expect(send(server, '/v1/chat/completions', OPENAI_BODY, OPENAI_HEADERS)).rejects.toMatchObject({ code: expect.stringMatching(/UND_ERR_SOCKET|ECONNRESET/) });
    expect(server.requests[0]).toMatchObject({ fault: 'reset', status: null });
  });

  it('sends an invalid JSON body with 200 when the malformed fault is drawn', async () => {
    const server = await start({ faultRates: { malformed: 1 } });
    const answer = await send(server, '/v1/chat/completions', OPENAI_BODY, OPENAI_HEADERS);
    expect(answer.status).toBe(200);
    expect(answer.text.length).toBeGreaterThan(0);
    expect(() => answer.json()).toThrow(SyntaxError);
  });

  it('answers empty content when the empty fault is drawn', async () => {
    const server = await start({ faultRates: { empty: 1 } });
    const openai = await send(server, '/v1/chat/completions', OPENAI_BODY, OPENAI_HEADERS);
    expect(openai.json().choices[0]).toMatchObject({ message: { content: '' }, finish_reason: 'stop' });
    expect(openai.json().usage.completion_tokens).toBe(0);
    const anthropic = await send(server, '/v1/messages', ANTHROPIC_BODY, ANTHROPIC_HEADERS);
    expect(anthropic.json()).toMatchObject({ content: [], stop_reason: 'end_turn' });
  });

  it('cuts the text in half with length and max_tokens when the length fault is drawn', async () => {
    const server = await start({ faultRates: { length: 1 } });
    const half = EDITED.slice(0, Math.floor(EDITED.length / 2));
    const openai = await send(server, '/v1/chat/completions', OPENAI_BODY, OPENAI_HEADERS);
    expect(openai.json().choices[0]).toMatchObject({ message: { content: half }, finish_reason: 'length' });
    const anthropic = await send(server, '/v1/messages', ANTHROPIC_BODY, ANTHROPIC_HEADERS);
    expect(anthropic.json()).toMatchObject({ content: [{ text: half }], stop_reason: 'max_tokens', usage: { output_tokens: estimateTokens(half) } });
  });

  it('never answers when the hang fault is drawn, so the client times out', async () => {
    const server = await start({ faultRates: { hang: 1 } });
    const started = Date.now();
    await expect(
      request(`${server.url}/v1/chat/completions`, { method: 'POST', headers: OPENAI_HEADERS, body: JSON.stringify(OPENAI_BODY), headersTimeout: 150 }),
    ).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(server.stats().faults.hang).toBe(1);
  });

  it('closes while a request hangs', async () => {
    const server = await start({ faultRates: { hang: 1 } });
    const pending = request(`${server.url}/v1/chat/completions`, { method: 'POST', headers: OPENAI_HEADERS, body: JSON.stringify(OPENAI_BODY) });
    const failure = expect(pending).rejects.toBeDefined();
    while (server.stats().inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.close();
    await failure;
    expect(server.stats().inFlight).toBe(0);
  });

  it('spreads fail-rate over the transient faults and repeats them when the seed is the same', async () => {
    const outcomes = async (seed: number): Promise<(string | null)[]> => {
      const server = await start({ failRate: 0.4, seed });
      const faults: (string | null)[] = [];
      for (let index = 0; index < 400; index++) {
        const answer = await send(server, '/v1/chat/completions', OPENAI_BODY, OPENAI_HEADERS).catch(() => null);
        faults.push(answer === null ? 'reset' : answer.status === 200 ? null : String(answer.status));
      }
      return faults;
    };
    const first = await outcomes(11);
    expect(await outcomes(11)).toEqual(first);
    expect(await outcomes(12)).not.toEqual(first);
    const share = (kind: string | null): number => first.filter((fault) => fault === kind).length / first.length;
    // 400 draws: a binomial share of 0.1 has a standard deviation of 0.015; 0.6 of 0.024.
    expect(share(null)).toBeGreaterThan(0.52);
    expect(share(null)).toBeLessThan(0.68);
    for (const kind of ['429', '500', '503', 'reset']) {
      expect(share(kind)).toBeGreaterThan(0.05);
      expect(share(kind)).toBeLessThan(0.15);
    }
  });

  it('waits the fixed latency before answering', async () => {
    const server = await start({ latencyMs: 60 });
    const started = performance.now();
    await send(server, '/v1/chat/completions', OPENAI_BODY, OPENAI_HEADERS);
    expect(performance.now() - started).toBeGreaterThanOrEqual(58);
    expect(server.requests[0]?.latencyMs).toBe(60);
  });

  it('draws latencies within the uniform bounds when the latency is a distribution', async () => {
    const server = await start({ latencyMs: { distribution: 'uniform', minMs: 1, maxMs: 5 }, seed: 3 });
    await Promise.all(Array.from({ length: 20 }, () => send(server, '/v1/chat/completions', OPENAI_BODY, OPENAI_HEADERS)));
    const latencies = server.requests.map((record) => record.latencyMs);
    expect(latencies.every((latency) => latency >= 1 && latency <= 5)).toBe(true);
    expect(new Set(latencies).size).toBeGreaterThan(10);
    expect(server.stats().maxInFlight).toBeGreaterThan(1);
  });

  it('keeps only the newest requests and appends NDJSON lines to the log file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'miair-mock-llm-'));
    try {
      const logFile = join(directory, 'requests.ndjson');
      const server = await start({ maxRecordedRequests: 2, logFile, faultRates: { '500': 0.5 }, seed: 5 });
      for (const model of ['a', 'b', 'c']) await send(server, '/v1/chat/completions', { ...OPENAI_BODY, model }, OPENAI_HEADERS);
      expect(server.requests.map((record) => JSON.parse(record.body).model)).toEqual(['b', 'c']);
      expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: 'Bearer test-key' } });
      await server.close();
      const lines = (await readFile(logFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
      expect(lines.map((line) => JSON.parse(line.body).model)).toEqual(['a', 'b', 'c']);
      expect(Object.keys(lines[0]).sort()).toEqual(['body', 'fault', 'latencyMs', 'method', 'path', 'status', 'time']);
      for (const line of lines) expect(line.status).toBe(line.fault === '500' ? 500 : 200);
      expect(Number.isNaN(Date.parse(lines[0].time))).toBe(false);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it.each([
    [{ port: -1 }],
    [{ failRate: 2 }],
    [{ faultRates: { hang: -0.1 } }],
    [{ faultRates: { nope: 0.1 } as never }],
    [{ failRate: 0.8, faultRates: { hang: 0.3 } }],
    [{ retryAfterSeconds: 1.5 }],
    [{ seed: 0.5 }],
    [{ maxRecordedRequests: -1 }],
    [{ apiKey: '' }],
    [{ edit: 'fancy' as never }],
    [{ latencyMs: -5 }],
    [{ latencyMs: { distribution: 'uniform' as const, minMs: 0, maxMs: 2 ** 31 } }],
  ])('throws CONFIG_INVALID when the options are %j', async (options) => {
    await expect(startMockLlmServer(options)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('throws CONFIG_INVALID naming the log file when it cannot be opened', async () => {
    const logFile = join(tmpdir(), 'miair-no-such-directory', 'requests.log');
    await expect(startMockLlmServer({ logFile })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining(`Could not open the request log \`${logFile}\``) });
  });

  it('throws CONFIG_UNKNOWN_KEY naming an option it does not know', async () => {
    await expect(startMockLlmServer({ bogus: 1 } as never)).rejects.toMatchObject({ code: 'CONFIG_UNKNOWN_KEY', message: expect.stringContaining('`bogus`') });
  });

  it('throws CONFIG_INVALID saying what to do when the port is in use', async () => {
    const taken = await start();
    await expect(startMockLlmServer({ port: taken.port })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining(`Port ${taken.port} on 127.0.0.1 is already in use`) });
  });
});
