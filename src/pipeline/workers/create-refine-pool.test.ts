import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { refine } from '../../refine/refine.js';
import { createMockWorkerModel } from '../../testing/create-mock-worker-model.js';
import { refineStream, type StreamResult } from '../refine-stream.js';
import { createRefinePool, type RefinePool } from './create-refine-pool.js';

// Threads run the compiled worker (dist/), which `npm test` builds first.
const MODELS = pathToFileURL(path.resolve(import.meta.dirname, '../../../test/fixtures/worker-models/models.mjs')).href;
const TESTING = pathToFileURL(path.resolve(import.meta.dirname, '../../../dist/testing/index.js')).href;
const DOCUMENTS = [
  '# Tar\n\nArchiving utility.\nOften combined with a compression method, such as gzip or bzip2.\n\n- Create an archive:\n\n`tar cf target.tar file1 file2`\n',
  'this is is a document with with repeated words and no structure at all it just goes on and on in order to be long',
  'Short.',
  '',
];
const REFINE = { gate: 100, maxIterations: 2 } as const;

let pool: RefinePool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('createRefinePool', () => {
  it('gives the same results as refining on this thread', async () => {
    pool = createRefinePool({ threads: 2, model: { module: TESTING, exportName: 'createMockWorkerModel', options: { latencyMs: 0 } }, refineOptions: REFINE });
    const threaded = await Promise.all(DOCUMENTS.map((text) => (pool as RefinePool).refine(text)));
    const local = await Promise.all(DOCUMENTS.map((text) => refine(text, { ...REFINE, model: createMockWorkerModel({ latencyMs: 0 }) })));
    const comparable = (result: Awaited<ReturnType<typeof refine>>): unknown => ({
      ...result,
      durationMs: 0,
      iterations: result.iterations.map((iteration) => ({ ...iteration, durationMs: 0 })),
    });
    expect(threaded.map(comparable)).toEqual(local.map(comparable));
    expect(threaded.some((result) => result.text !== result.inputText)).toBe(true);
  });

  it("tells, on this thread, the warnings of the threads' models and of the model it builds for long documents", async () => {
    const warnings: string[] = [];
    pool = createRefinePool({
      threads: 2,
      model: { module: MODELS, exportName: 'createWarningModel' },
      refineOptions: { gate: 100, maxIterations: 1, temperature: 0.4 },
      maxThreadDocumentChars: 200,
      onWarning: (text) => warnings.push(text),
    });
    await Promise.all(Array.from({ length: 20 }, (_, index) => (pool as RefinePool).refine(`Document ${index} says something useful here.`)));
    await (pool as RefinePool).refine(`# Long\n\n${'A sentence that goes on. '.repeat(20)}`);
    const threadWarnings = warnings.filter((text) => !text.startsWith('echo/echo-thread-0:'));
    expect(threadWarnings.length).toBe(20);
    expect(new Set(threadWarnings.map((text) => text.split(':')[0])).size).toBe(2);
    expect(threadWarnings.every((text) => text.endsWith(': temperature 0.4 was not sent'))).toBe(true);
    expect(warnings).toContain('echo/echo-thread-0: temperature 0.4 was not sent');
  });

  it('spreads documents over the threads, each with its own model', async () => {
    pool = createRefinePool({ threads: 2, model: { module: MODELS, exportName: 'createEchoModel', options: { latencyMs: 20 } }, refineOptions: { gate: 100, maxIterations: 1 } });
    const results = await Promise.all(Array.from({ length: 40 }, (_, index) => (pool as RefinePool).refine(`Document ${index} says something useful here.`)));
    const models = new Set(results.map((result) => result.iterations[0]?.modelId));
    expect(models.size).toBe(2);
    expect(pool.inFlight()).toBe(0);
  });

  it('fails every document with the error of a model that cannot be built', async () => {
    pool = createRefinePool({ threads: 2, model: { module: MODELS, exportName: 'createBrokenModel' }, refineOptions: REFINE });
    await expect(pool.refine('Some text here.')).rejects.toMatchObject({ code: 'INTERNAL', message: 'no model here: set MODEL_URL' });
    await expect(pool.refine('Other text here.')).rejects.toMatchObject({ message: 'no model here: set MODEL_URL' });
  });

  it('says what to export when the module lacks the factory', async () => {
    pool = createRefinePool({ threads: 1, model: { module: MODELS, exportName: 'nope' }, refineOptions: REFINE });
    await expect(pool.refine('Some text here.')).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('export a function `nope`') });
  });

  it('says the module cannot be found with CONFIG_INVALID, not INTERNAL', async () => {
    const missing = pathToFileURL(path.resolve(import.meta.dirname, 'no-such-model.mjs')).href;
    pool = createRefinePool({ threads: 1, model: { module: missing, exportName: 'createModel' }, refineOptions: REFINE });
    await expect(pool.refine('Some text here.')).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining(`Could not load the worker model module \`${missing}\``) });
  });

  it('fails the documents of a thread that dies with INTERNAL and replaces the thread', async () => {
    pool = createRefinePool({ threads: 1, model: { module: MODELS, exportName: 'createCrashingModel' }, refineOptions: REFINE });
    await expect(pool.refine('Some text that is not good enough.')).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('worker thread stopped') });
    await expect(pool.refine('Another text that is not good enough.')).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('refines again on this thread the documents of a thread that ran out of memory', async () => {
    pool = createRefinePool({ threads: 1, threadHeapMb: 16, model: { module: MODELS, exportName: 'createMemoryHogModel' }, refineOptions: { gate: 100, maxIterations: 1 } });
    const results = await Promise.all(['First text that is not good enough.', 'Second text that is not good enough.'].map((text) => (pool as RefinePool).refine(text)));
    expect(results.map((result) => result.iterations[0]?.modelId)).toEqual(['echo-thread-0', 'echo-thread-0']);
    expect(results.every((result) => result.error === null)).toBe(true);
    expect(pool.inFlight()).toBe(0);
  });

  it('refines documents too long for a thread on this thread, with the given refiner', async () => {
    const here: string[] = [];
    pool = createRefinePool({
      threads: 1, maxThreadDocumentChars: 40, model: { module: MODELS, exportName: 'createEchoModel' }, refineOptions: { gate: 100, maxIterations: 1 },
      refineHere: (text) => {
        here.push(text);
        return refine(text, { gate: 100, maxIterations: 1, model: createMockWorkerModel({ latencyMs: 0 }) });
      },
    });
    const long = 'A document longer than forty characters, refined here.';
    const [short, refinedHere] = await Promise.all([pool.refine('Short text here.'), pool.refine(long)]);
    expect(here).toEqual([long]);
    expect(short.iterations[0]?.modelId).toMatch(/^echo-thread-[1-9]/);
    expect(refinedHere.inputText).toBe(long);
  });

  it('holds documents back while a thread has no room for their text, and aborts those still waiting', async () => {
    pool = createRefinePool({ threads: 1, threadInFlightChars: 60, model: { module: MODELS, exportName: 'createEchoModel', options: { latencyMs: 100 } }, refineOptions: { gate: 100, maxIterations: 1 } });
    const texts = ['First text of forty characters, or so.', 'Second text of forty characters or so.', 'Third text of forty characters, or so.'];
    const controller = new AbortController();
    const pending = texts.map((text, index) => (pool as RefinePool).refine(text, index === 2 ? controller.signal : null));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pool.inFlight()).toBe(3);
    controller.abort();
    await expect(pending[2]).rejects.toMatchObject({ code: 'ABORTED' });
    const started = performance.now();
    const [first, second] = await Promise.all(pending.slice(0, 2));
    // One at a time: the second starts when the first comes back, 100 ms each.
    expect(performance.now() - started).toBeGreaterThan(150);
    expect([first?.error, second?.error]).toEqual([null, null]);
    expect(pool.inFlight()).toBe(0);
  });

  it('gives a thread only as many documents as it may hold, and more as they come back while its loop keeps up', async () => {
    pool = createRefinePool({ threads: 1, threadInitialDocuments: 2, threadMinDocuments: 1, model: { module: MODELS, exportName: 'createEchoModel', options: { latencyMs: 100 } }, refineOptions: { gate: 100, maxIterations: 1 } });
    // The thread is started first: its start-up (~100 ms) is not what is measured.
    await pool.refine('A first document starts the thread.');
    expect(pool.threadLimits()).toEqual([2]);
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 6 }, (_, index) => (pool as RefinePool).refine(`Document ${index} says something useful here.`)));
    expect(results.every((result) => result.error === null)).toBe(true);
    // 2, then 3 (grown when the first two came back), then the last one: three round trips of 100 ms, not one.
    expect(performance.now() - started).toBeGreaterThan(250);
    expect(pool.threadLimits()[0]).toBeGreaterThan(2);
  });

  it("gives a thread fewer documents while its event loop lags behind the target", async () => {
    pool = createRefinePool({ threads: 1, threadLagTargetMs: 5, threadInitialDocuments: 16, threadMinDocuments: 1, model: { module: MODELS, exportName: 'createBusyModel', options: { busyMs: 20 } }, refineOptions: { gate: 100, maxIterations: 1 } });
    const results = await Promise.all(Array.from({ length: 40 }, (_, index) => (pool as RefinePool).refine(`Document ${index} says something useful here.`)));
    expect(results.every((result) => result.error === null)).toBe(true);
    expect(pool.threadLimits()[0]).toBeLessThan(16);
  });

  it("sizes each thread's young generation (96 MiB unless told) and caps its old one when told", async () => {
    const modelOf = async (options: { threadYoungGenerationMb?: number; threadHeapMb?: number }): Promise<string | undefined> => {
      const limited = createRefinePool({ threads: 1, ...options, model: { module: MODELS, exportName: 'createLimitsModel' }, refineOptions: { gate: 100, maxIterations: 1 } });
      try {
        return (await limited.refine('A document that names the heap of its thread.')).iterations[0]?.modelId;
      } finally {
        await limited.close();
      }
    };
    expect(await modelOf({})).toMatch(/^limits-young-96-old-\d+$/);
    expect(await modelOf({ threadYoungGenerationMb: 8, threadHeapMb: 128 })).toBe('limits-young-8-old-128');
  });

  it('aborts a document in progress when its signal fires', async () => {
    pool = createRefinePool({ threads: 1, model: { module: MODELS, exportName: 'createEchoModel', options: { latencyMs: 10_000 } }, refineOptions: REFINE });
    const controller = new AbortController();
    const pending = pool.refine('A text the slow model never answers.', controller.signal);
    setTimeout(() => controller.abort(), 50);
    const result = await pending;
    expect(result.stopReason).toBe('error');
    expect(result.error?.code).toBe('ABORTED');
  });

  it('aborts every document that carries a shared signal, and one aborted before its batch left', async () => {
    pool = createRefinePool({ threads: 2, model: { module: MODELS, exportName: 'createEchoModel', options: { latencyMs: 10_000 } }, refineOptions: REFINE });
    const shared = new AbortController();
    const texts = ['First text the slow model never answers.', 'Second text the slow model never answers.', 'Third text the slow model never answers.'];
    const together = texts.map((text) => (pool as RefinePool).refine(text, shared.signal));
    // Aborted in the same turn as refine(): the document is still in the thread's outbox.
    const alone = new AbortController();
    const early = pool.refine('A text aborted at once.', alone.signal);
    alone.abort();
    setTimeout(() => shared.abort(), 50);
    const results = await Promise.all([...together, early]);
    expect(results.map((result) => [result.stopReason, result.error?.code])).toEqual(Array(4).fill(['error', 'ABORTED']));
    expect(pool.inFlight()).toBe(0);
  });

  it('ends the documents in progress ABORTED on close and refuses new ones', async () => {
    pool = createRefinePool({ threads: 1, model: { module: MODELS, exportName: 'createWrappedModel', options: { latencyMs: 10_000 } }, refineOptions: REFINE });
    const pending = expect(pool.refine('A text the slow model never answers.')).rejects.toMatchObject({ code: 'ABORTED' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pool.close();
    await pending;
    await expect(pool.refine('Late.')).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('rejects bad options with CONFIG_INVALID', () => {
    expect(() => createRefinePool({ threads: 0, model: { module: MODELS } })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => createRefinePool({ threads: 1, model: { module: '' } })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => createRefinePool({ threads: 1, model: { module: MODELS }, concurrency: 0.5 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => createRefinePool({ threads: 1, model: { module: MODELS }, threadHeapMb: -1 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('threadHeapMb') }));
    expect(() => createRefinePool({ threads: 1, model: { module: MODELS }, threadInFlightChars: 1.5 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => createRefinePool({ threads: 1, model: { module: MODELS }, threadYoungGenerationMb: 0 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('threadYoungGenerationMb') }));
    expect(() => createRefinePool({ threads: 1, model: { module: MODELS }, threadLagTargetMs: -1 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('threadLagTargetMs') }));
    expect(() => createRefinePool({ threads: 1, model: { module: MODELS }, threadInitialDocuments: 4, threadMinDocuments: 8 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('threadMinDocuments') }));
  });
});

describe('refineStream with threads', () => {
  it('yields one result per input, in input order, copies refined once', async () => {
    const inputs = Array.from({ length: 300 }, (_, index) => ({ id: `${index}`, text: `Document ${index % 250} says something useful here.` }));
    const results: StreamResult[] = [];
    for await (const result of refineStream(inputs, {
      gate: 100, maxIterations: 1, threads: 2, maxInFlight: 64,
      workerModel: { module: MODELS, exportName: 'createWrappedModel', options: { latencyMs: 5 } },
    })) results.push(result);
    expect(results.map((result) => result.id)).toEqual(inputs.map((input) => input.id));
    expect(results.every((result) => result.status === 'ok')).toBe(true);
    expect(results.filter((result) => result.isDuplicate)).toHaveLength(50);
  });

  it('splits a fixed call limit exactly over the threads, and starts no more threads than calls', async () => {
    pool = createRefinePool({ threads: 2, model: { module: TESTING, exportName: 'createMockWorkerModel', options: { latencyMs: 5 } }, refineOptions: REFINE, concurrency: 3 });
    await Promise.all(Array.from({ length: 40 }, (_, index) => (pool as RefinePool).refine(`Document ${index} says something useful here.`)));
    expect(pool.threads).toBe(2);
    // 2 + 1, not 2 + 2: rounding each share up let 3 become 4 calls at once (audit).
    expect(pool.concurrency()).toBe(3);
    await pool.close();
    pool = createRefinePool({ threads: 2, model: { module: TESTING, exportName: 'createMockWorkerModel', options: { latencyMs: 0 } }, refineOptions: REFINE, concurrency: 1 });
    await pool.refine('Some text here.');
    expect(pool.threads).toBe(1);
    expect(pool.concurrency()).toBe(1);
  });

  it('reports the threads cache hits and limits in progress', async () => {
    const seen: Array<{ cacheHits: number; concurrency: number }> = [];
    for await (const _ of refineStream([{ id: 'a', text: 'Some text that says a thing.' }], {
      gate: 100, maxIterations: 1, threads: 2, concurrency: 8,
      workerModel: { module: MODELS, exportName: 'createWrappedModel' },
      onProgress: (progress) => seen.push({ cacheHits: progress.cacheHits, concurrency: progress.concurrency }),
    })) void _;
    expect(seen.at(-1)).toEqual({ cacheHits: 7, concurrency: 4 });
  });

  it('runs stream after stream in a given pool, on the same threads, and leaves it open', async () => {
    pool = createRefinePool({ threads: 2, model: { module: MODELS, exportName: 'createWrappedModel', options: { latencyMs: 5 } }, refineOptions: { gate: 100, maxIterations: 1 } });
    const given = pool;
    const threadsOf = async (offset: number): Promise<{ models: Set<string>; hits: number }> => {
      const models = new Set<string>();
      let hits = -1;
      const inputs = Array.from({ length: 40 }, (_, index) => ({ id: `${index}`, text: `Document ${offset + index} says something useful here.` }));
      for await (const result of refineStream(inputs, { pool: given, maxInFlight: 16, onProgress: (progress) => (hits = progress.cacheHits) })) {
        expect(result.status).toBe('ok');
        for (const iteration of result.result?.iterations ?? []) models.add(iteration.modelId);
      }
      return { models, hits };
    };
    const first = await threadsOf(0);
    const second = await threadsOf(100);
    expect(first.models.size).toBe(2);
    expect([...second.models].sort()).toEqual([...first.models].sort());
    // The threads' hit counters stood still: the second stream reports none of the first's.
    expect(second.hits).toBe(0);
    expect(given.inFlight()).toBe(0);
    await expect(given.refine('Still open after two streams.')).resolves.toMatchObject({ stopReason: expect.any(String) });
  });

  it('rejects options that a given pool already decided', () => {
    const given = { threads: 1 } as RefinePool;
    expect(() => refineStream([], { pool: given, threads: 2 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('`threads`') }));
    expect(() => refineStream([], { pool: given, model: createMockWorkerModel(), concurrency: 4 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('`model`, `concurrency`') }));
  });

  it('rejects a model object, a run budget or a missing workerModel with threads', async () => {
    const { createBudget } = await import('../../refine/budget.js');
    expect(() => refineStream([], { threads: 2 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('workerModel') }));
    expect(() => refineStream([], { threads: 2, workerModel: { module: MODELS }, model: createMockWorkerModel() })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => refineStream([], { threads: 2, workerModel: { module: MODELS }, budget: createBudget(1) })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
