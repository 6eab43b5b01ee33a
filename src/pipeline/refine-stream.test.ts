import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import { readDocument } from '../providers/local/create-local-model.js';
import { createMockModel } from '../providers/mock/create-mock-model.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../providers/spec.js';
import { refineStream, type StreamInput, type StreamProgress, type StreamResult } from './refine-stream.js';

/** What the fake model does with a document: wait, then answer or fail. */
interface Behaviour {
  delayMs: number;
  shouldFail: boolean;
}

interface FakeModel extends LanguageModel {
  calls: string[];
  inFlight: number;
  peakInFlight: number;
  aborted: number;
}

/** A model whose latency and failure depend on the document, looked up in `behaviours`. */
function createFakeModel(behaviours: Map<string, Behaviour> = new Map()): FakeModel {
  const model: FakeModel = {
    provider: 'fake',
    modelId: 'fake-1',
    calls: [],
    inFlight: 0,
    peakInFlight: 0,
    aborted: 0,
    async doGenerate(options: LanguageModelCallOptions): Promise<LanguageModelResult> {
      const text = readDocument(options.messages);
      model.calls.push(text);
      model.inFlight++;
      model.peakInFlight = Math.max(model.peakInFlight, model.inFlight);
      try {
        const behaviour = behaviours.get(text) ?? { delayMs: 0, shouldFail: false };
        await sleep(behaviour.delayMs, options.abortSignal);
        if (options.abortSignal?.aborted) {
          model.aborted++;
          throw new MiairError('ABORTED', 'aborted');
        }
        if (behaviour.shouldFail) throw new MiairError('PROVIDER_ERROR', `refused ${text}`);
        return { text: `${text} Also.`, finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 5 }, warnings: [] };
      } finally {
        model.inFlight--;
      }
    },
  };
  return model;
}

function sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (delayMs <= 0) {
      queueMicrotask(resolve);
      return;
    }
    const timer = setTimeout(resolve, delayMs);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

async function collect(iterable: AsyncIterable<StreamResult>): Promise<StreamResult[]> {
  const items: StreamResult[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Gate 100 so that every document goes to the model; one call each. */
const REFINE = { gate: 100, maxIterations: 1 } as const;

const documentArbitrary = fc.record({ delayMs: fc.nat(4), shouldFail: fc.boolean(), copyOf: fc.option(fc.nat(30), { nil: null }) });

function buildInputs(documents: Array<{ delayMs: number; shouldFail: boolean; copyOf: number | null }>): { inputs: StreamInput[]; behaviours: Map<string, Behaviour> } {
  const behaviours = new Map<string, Behaviour>();
  const inputs = documents.map((document, index) => {
    const source = document.copyOf !== null && document.copyOf < index ? document.copyOf : index;
    const text = `Document number ${source} says something.`;
    if (!behaviours.has(text)) behaviours.set(text, { delayMs: document.delayMs, shouldFail: document.shouldFail });
    return { id: `doc-${index}`, text };
  });
  return { inputs, behaviours };
}

describe('refineStream', () => {
  it('yields exactly one result per input in input order when delays, failures and copies are random', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(documentArbitrary, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), fc.nat(4), async (documents, maxInFlight, reorderWindow) => {
        const { inputs, behaviours } = buildInputs(documents);
        const model = createFakeModel(behaviours);
        const results = await collect(refineStream(inputs, { ...REFINE, model, maxInFlight, reorderWindow }));
        expect(results.map((result) => result.id)).toEqual(inputs.map((input) => input.id));
        expect(results.map((result) => result.index)).toEqual(inputs.map((_, index) => index));
        for (const [index, result] of results.entries()) {
          const shouldFail = (behaviours.get(inputs[index]!.text) as Behaviour).shouldFail;
          expect(result.status).toBe(shouldFail ? 'error' : 'ok');
          expect(result.result?.inputText).toBe(inputs[index]!.text);
        }
        expect(model.peakInFlight).toBeLessThanOrEqual(maxInFlight);
      }),
      { numRuns: 60 },
    );
  });

  it('yields a permutation of the inputs, each once, when order is completion', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(documentArbitrary, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), async (documents, maxInFlight) => {
        const { inputs, behaviours } = buildInputs(documents);
        const results = await collect(refineStream(inputs, { ...REFINE, model: createFakeModel(behaviours), maxInFlight, order: 'completion' }));
        expect(results.map((result) => result.index).sort((a, b) => a - b)).toEqual(inputs.map((_, index) => index));
        for (const result of results) expect(result.id).toBe(inputs[result.index]!.id);
      }),
      { numRuns: 60 },
    );
  });

  it('yields a fast document before a slow earlier one when order is completion', async () => {
    const behaviours = new Map([['Slow document text here.', { delayMs: 40, shouldFail: false }]]);
    const inputs = [{ id: 'slow', text: 'Slow document text here.' }, { id: 'fast', text: 'Fast document text here.' }];
    const results = await collect(refineStream(inputs, { ...REFINE, model: createFakeModel(behaviours), order: 'completion' }));
    expect(results.map((result) => result.id)).toEqual(['fast', 'slow']);
  });

  it.each([
    { order: 'input' as const, maxInFlight: 4, reorderWindow: 0 },
    { order: 'input' as const, maxInFlight: 3, reorderWindow: 5 },
    { order: 'completion' as const, maxInFlight: 6, reorderWindow: 2 },
    { order: 'input' as const, maxInFlight: 5, reorderWindow: undefined },
  ])('reads at most maxInFlight + reorderWindow inputs ahead of a slow consumer when $order, $maxInFlight, $reorderWindow', async ({ order, maxInFlight, reorderWindow }) => {
    let pulled = 0;
    let consumed = 0;
    let worstLead = 0;
    async function* source(): AsyncGenerator<StreamInput> {
      for (let index = 0; index < 200; index++) {
        pulled++;
        worstLead = Math.max(worstLead, pulled - consumed);
        yield { id: `${index}`, text: `Document number ${index} says something.` };
      }
    }
    const model = createFakeModel();
    for await (const result of refineStream(source(), { ...REFINE, model, maxInFlight, order, ...(reorderWindow === undefined ? {} : { reorderWindow }) })) {
      await sleep(1);
      consumed++;
      expect(result.status).toBe('ok');
    }
    expect(consumed).toBe(200);
    expect(worstLead).toBeLessThanOrEqual(maxInFlight + (reorderWindow ?? maxInFlight) + 1);
    expect(worstLead).toBeGreaterThan(1);
    expect(model.peakInFlight).toBeLessThanOrEqual(maxInFlight);
  });

  it('pauses reading when the head-of-line document is slow in input order', async () => {
    let pulled = 0;
    function* source(): Generator<StreamInput> {
      for (let index = 0; index < 100; index++) {
        pulled++;
        yield { id: `${index}`, text: `Document number ${index} says something.` };
      }
    }
    const behaviours = new Map([['Document number 0 says something.', { delayMs: 60, shouldFail: false }]]);
    const iterator = refineStream(source(), { ...REFINE, model: createFakeModel(behaviours), maxInFlight: 4, reorderWindow: 6 });
    const first = await iterator.next();
    expect(first.value?.id).toBe('0');
    // While document 0 was slow, at most 4 + 6 were read.
    expect(pulled).toBeLessThanOrEqual(11);
    await iterator.return();
  });

  it('ends with one result per input read, the cut-off ones ABORTED, when the signal fires mid-stream', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<StreamInput> {
      for (let index = 0; ; index++) {
        pulled++;
        yield { id: `${index}`, text: `Document number ${index} says something.` };
      }
    }
    const behaviours = new Map(Array.from({ length: 400 }, (_, index) => [`Document number ${index} says something.`, { delayMs: index < 5 ? 0 : 30, shouldFail: false }] as const));
    const model = createFakeModel(new Map(behaviours));
    const controller = new AbortController();
    const results: StreamResult[] = [];
    for await (const result of refineStream(endless(), { ...REFINE, model, maxInFlight: 8, signal: controller.signal })) {
      results.push(result);
      if (results.length === 5) controller.abort();
    }
    expect(results.map((result) => result.index)).toEqual(Array.from({ length: pulled }, (_, index) => index));
    const aborted = results.filter((result) => result.error?.code === 'ABORTED');
    expect(aborted.length).toBeGreaterThan(0);
    expect(aborted.every((result) => result.status === 'error')).toBe(true);
    expect(pulled).toBeLessThan(5 + 8 + 8 + 2);
  });

  it('yields nothing and reads nothing when the signal has already fired', async () => {
    let pulled = 0;
    function* source(): Generator<StreamInput> {
      pulled++;
      yield { id: 'a', text: 'Some text here.' };
    }
    const results = await collect(refineStream(source(), { ...REFINE, model: createFakeModel(), signal: AbortSignal.abort() }));
    expect(results).toEqual([]);
    expect(pulled).toBe(0);
  });

  it('stops a stalled input read when the signal fires', async () => {
    const controller = new AbortController();
    async function* stalled(): AsyncGenerator<StreamInput> {
      yield { id: 'a', text: 'Some text here.' };
      await new Promise(() => undefined);
    }
    const pending = collect(refineStream(stalled(), { ...REFINE, model: createFakeModel(), signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    const results = await pending;
    expect(results.map((result) => result.id)).toEqual(['a']);
  });

  it('aborts the work in progress and closes the source when the consumer breaks out', async () => {
    let isClosed = false;
    async function* source(): AsyncGenerator<StreamInput> {
      try {
        for (let index = 0; ; index++) yield { id: `${index}`, text: `Document number ${index} says something.` };
      } finally {
        isClosed = true;
      }
    }
    const behaviours = new Map(Array.from({ length: 50 }, (_, index) => [`Document number ${index} says something.`, { delayMs: index === 0 ? 0 : 200, shouldFail: false }] as const));
    const model = createFakeModel(new Map(behaviours));
    for await (const result of refineStream(source(), { ...REFINE, model, maxInFlight: 4 })) {
      expect(result.id).toBe('0');
      break;
    }
    await sleep(5);
    expect(model.aborted).toBeGreaterThan(0);
    expect(model.inFlight).toBe(0);
    expect(isClosed).toBe(true);
  });

  it('shares an abort signal between 64 documents at most, and a caller abortSignal among the refine options still aborts them all', async () => {
    const signals: AbortSignal[] = [];
    const count = 200;
    const model = createFakeModel(new Map(Array.from({ length: count }, (_, index) => [`Document number ${index} says something.`, { delayMs: 200, shouldFail: false }] as const)));
    const generate = model.doGenerate.bind(model);
    model.doGenerate = (options) => {
      if (options.abortSignal !== undefined) signals.push(options.abortSignal);
      return generate(options);
    };
    const controller = new AbortController();
    const inputs = Array.from({ length: count }, (_, index) => ({ id: `${index}`, text: `Document number ${index} says something.` }));
    setTimeout(() => controller.abort(), 50);
    const results = await collect(refineStream(inputs, { ...REFINE, model, maxInFlight: count, concurrency: count, abortSignal: controller.signal }));
    // Thousands of documents on one shared signal cost O(n) per listener added.
    expect(signals).toHaveLength(count);
    expect(new Set(signals).size).toBe(Math.ceil(count / 64));
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(results.map((result) => result.error?.code)).toEqual(Array.from({ length: count }, () => 'ABORTED'));
  });

  it('yields INPUT_MALFORMED for inputs that are not {id, text} and goes on', async () => {
    const inputs = [
      null,
      42,
      { id: 1, text: 'Number id text.' },
      { id: 'no-text' },
      ['array'],
      { id: 'good', text: 'A good document here.' },
      new MiairError('INPUT_MALFORMED', 'Line 7 is not JSON.', { details: { line: 7, id: 'line-7' } }),
    ] as unknown as StreamInput[];
    const results = await collect(refineStream(inputs, { ...REFINE, model: createFakeModel() }));
    expect(results.map((result) => [result.id, result.status, result.error?.code ?? null])).toEqual([
      [null, 'error', 'INPUT_MALFORMED'],
      [null, 'error', 'INPUT_MALFORMED'],
      [null, 'error', 'INPUT_MALFORMED'],
      ['no-text', 'error', 'INPUT_MALFORMED'],
      [null, 'error', 'INPUT_MALFORMED'],
      ['good', 'ok', null],
      ['line-7', 'error', 'INPUT_MALFORMED'],
    ]);
    expect(results[1]?.error?.message).toContain('Input 2 is not an object');
    expect(results[1]?.error?.details).toEqual({ index: 1 });
    expect(results[6]?.error?.message).toBe('Line 7 is not JSON.');
  });

  it('calls the model once for identical inputs and gives each its result', async () => {
    const text = 'The same document, sent many times.';
    const model = createMockModel({ latencyMs: 5, edit: (document) => `${document}\n` });
    const inputs = Array.from({ length: 20 }, (_, index) => ({ id: `copy-${index}`, text }));
    const results = await collect(refineStream(inputs, { ...REFINE, model, maxInFlight: 8 }));
    expect(model.calls).toBe(1);
    expect(results.map((result) => result.id)).toEqual(inputs.map((input) => input.id));
    expect(results.map((result) => result.isDuplicate)).toEqual(inputs.map((_, index) => index > 0));
    expect(new Set(results.map((result) => result.result)).size).toBe(1);
  });

  it('refines a text again once its entry is evicted, and every time when deduplication is off', async () => {
    const text = 'The same document, sent many times.';
    const inputs = Array.from({ length: 3 }, (_, index) => ({ id: `${index}`, text }));
    const evicting = createFakeModel();
    await collect(refineStream(inputs, { ...REFINE, model: evicting, maxInFlight: 1, reorderWindow: 0, maxDedupeEntries: 0 }));
    expect(evicting.calls).toHaveLength(3);
    const remembering = createFakeModel();
    await collect(refineStream(inputs, { ...REFINE, model: remembering, maxInFlight: 1, reorderWindow: 0 }));
    expect(remembering.calls).toHaveLength(1);
    const off = createFakeModel();
    const results = await collect(refineStream(inputs, { ...REFINE, model: off, maxInFlight: 8, shouldDeduplicate: false }));
    expect(off.calls).toHaveLength(3);
    expect(results.some((result) => result.isDuplicate)).toBe(false);
  });

  it('refines a failed text again for a later copy', async () => {
    const text = 'A document the model refuses.';
    const model = createFakeModel(new Map([[text, { delayMs: 0, shouldFail: true }]]));
    const results = await collect(refineStream([{ id: 'a', text }, { id: 'b', text }], { ...REFINE, model, maxInFlight: 1, reorderWindow: 0 }));
    expect(model.calls).toHaveLength(2);
    expect(results.map((result) => [result.status, result.error?.code, result.isDuplicate])).toEqual([
      ['error', 'PROVIDER_ERROR', false],
      ['error', 'PROVIDER_ERROR', false],
    ]);
  });

  it('turns a refine that throws into an error result for every input', async () => {
    const results = await collect(refineStream([{ id: 'a', text: 'One text.' }, { id: 'b', text: 'Two text.' }], { model: createFakeModel(), gate: 500 }));
    expect(results.map((result) => [result.id, result.status, result.error?.code, result.result])).toEqual([
      ['a', 'error', 'CONFIG_INVALID', null],
      ['b', 'error', 'CONFIG_INVALID', null],
    ]);
  });

  it('throws INPUT_UNREADABLE after the inputs read before the source failed', async () => {
    async function* failing(): AsyncGenerator<StreamInput> {
      yield { id: 'a', text: 'One text here.' };
      yield { id: 'b', text: 'Two text here.' };
      throw new Error('disk gone');
    }
    const results: StreamResult[] = [];
    const failure = await (async () => {
      try {
        for await (const result of refineStream(failing(), { ...REFINE, model: createFakeModel() })) results.push(result);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(results.map((result) => result.id)).toEqual(['a', 'b']);
    expect(MiairError.isInstance(failure) && failure.code).toBe('INPUT_UNREADABLE');
    expect((failure as Error).message).toContain('disk gone');
  });

  it('reports progress with counts, tokens and the limit, ending with end', async () => {
    const events: StreamProgress[] = [];
    const behaviours = new Map([['Bad document text here.', { delayMs: 0, shouldFail: true }]]);
    const inputs = [
      { id: 'a', text: 'Good document text here.' },
      { id: 'b', text: 'Bad document text here.' },
      { id: 'c', text: 'Good document text here.' },
    ];
    await collect(refineStream(inputs, { ...REFINE, model: createFakeModel(behaviours), concurrency: 3, maxHeapBytes: 0, onProgress: (event) => events.push(event), readCacheHits: () => 7 }));
    const end = events.at(-1);
    expect(events.filter((event) => event.type === 'document-end')).toHaveLength(3);
    expect(end).toEqual({ type: 'end', read: 3, inFlight: 0, done: 3, failed: 1, duplicates: 1, cacheHits: 7, tokens: 15, costUsd: 0, concurrency: 3, heapBytes: 0 });
  });

  it('guards the heap by default', async () => {
    const events: StreamProgress[] = [];
    await collect(refineStream([{ id: 'a', text: 'One text here.' }, { id: 'b', text: 'Two text here.' }], { ...REFINE, model: createFakeModel(), onProgress: (event) => events.push(event) }));
    expect(events.at(-1)?.heapBytes).toBeGreaterThan(1_000_000);
  });

  it('ignores an onProgress that throws', async () => {
    const results = await collect(refineStream([{ id: 'a', text: 'One text here.' }], { ...REFINE, model: createFakeModel(), onProgress: () => { throw new Error('display broke'); } }));
    expect(results.map((result) => result.status)).toEqual(['ok']);
  });

  it('keeps model calls under a fixed concurrency when concurrency is set', async () => {
    const behaviours = new Map(Array.from({ length: 30 }, (_, index) => [`Document number ${index} says something.`, { delayMs: 3, shouldFail: false }] as const));
    const model = createFakeModel(new Map(behaviours));
    const inputs = Array.from({ length: 30 }, (_, index) => ({ id: `${index}`, text: `Document number ${index} says something.` }));
    const results = await collect(refineStream(inputs, { ...REFINE, model, maxInFlight: 16, concurrency: 2 }));
    expect(results).toHaveLength(30);
    expect(model.peakInFlight).toBe(2);
  });

  it('admits one document at a time while the heap is above maxHeapBytes, and resumes below it', async () => {
    let heapBytes = 2_000;
    const events: StreamProgress['type'][] = [];
    const behaviours = new Map(Array.from({ length: 12 }, (_, index) => [`Document number ${index} says something.`, { delayMs: 2, shouldFail: false }] as const));
    const model = createFakeModel(new Map(behaviours));
    const inputs = Array.from({ length: 12 }, (_, index) => ({ id: `${index}`, text: `Document number ${index} says something.` }));
    const results = await collect(refineStream(inputs, {
      ...REFINE, model, maxInFlight: 8, maxHeapBytes: 1_000, readHeapBytes: () => heapBytes, memorySampleIntervalMs: 0,
      onProgress: (event) => {
        if (event.type !== 'document-end') events.push(event.type);
        if (event.done === 6) heapBytes = 500;
      },
    }));
    expect(results.map((result) => result.id)).toEqual(inputs.map((input) => input.id));
    expect(events).toEqual(['memory-pause', 'memory-resume', 'end']);
    // Over the limit from the start: one at a time until 6 were done, then up to 8.
    expect(model.peakInFlight).toBeGreaterThan(1);
    const over = createFakeModel(new Map(behaviours));
    await collect(refineStream(inputs, { ...REFINE, model: over, maxInFlight: 8, maxHeapBytes: 1_000, readHeapBytes: () => 5_000 }));
    expect(over.peakInFlight).toBe(1);
  });

  it.each([
    [{ maxInFlight: 0 }, '`maxInFlight` to be an integer >= 1'],
    [{ reorderWindow: -1 }, '`reorderWindow` to be an integer >= 0'],
    [{ order: 'random' }, "`order` to be 'input' or 'completion'"],
    [{ concurrency: 1.5 }, '`concurrency` to be an integer >= 1'],
    [{ minConcurrency: 8, maxConcurrency: 4 }, '`min` (8) to be at most `max` (4)'],
    [{ maxHeapBytes: -1 }, '`maxHeapBytes` to be a number >= 0'],
  ])('throws CONFIG_INVALID at once for %j', (options, message) => {
    expect(() => refineStream([], options as never)).toThrow(message);
  });

  it.each([null, 'text', 42, {}])('throws CONFIG_INVALID at once when inputs is %j', (inputs) => {
    expect(() => refineStream(inputs as never)).toThrow('Expected `inputs` to be an iterable or async iterable');
  });
});
