import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import { score } from '../metrics/score.js';
import { extractDocumentBlock } from '../providers/document-block.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelUsage } from '../providers/spec.js';
import { checkPreservation } from './check-preservation.js';
import { refine } from './refine.js';

/** What a scripted model does on one call: answer a text, throw, or compute either from the document it received. */
type Reply = string | Error | ((document: string, options: LanguageModelCallOptions) => string | Promise<string>);

interface ScriptedModel extends LanguageModel {
  /** The document block of every call, in order. */
  received: string[];
  systemMessages: string[];
}

/** A fake model that plays `replies` in order and repeats the last one. */
function createScriptedModel(replies: Reply[], settings: { provider?: string; modelId?: string; usage?: LanguageModelUsage } = {}): ScriptedModel {
  const received: string[] = [];
  const systemMessages: string[] = [];
  return {
    provider: settings.provider ?? 'fake',
    modelId: settings.modelId ?? 'scripted',
    received,
    systemMessages,
    async doGenerate(options) {
      const document = extractDocumentBlock(options.messages) ?? '';
      received.push(document);
      systemMessages.push(options.messages[0]?.content ?? '');
      const reply = replies[Math.min(received.length, replies.length) - 1];
      if (reply instanceof Error) throw reply;
      const text = typeof reply === 'function' ? await reply(document, options) : (reply ?? '');
      return { text, finishReason: 'stop', usage: settings.usage ?? { inputTokens: 10, outputTokens: 20 }, warnings: [] };
    },
  };
}

// devdocai scores are exact (docs/metrics.md): WEAK 76.27, BETTER 80.57.
const WEAK = 'test test test bad bad bad document document document';
const BETTER = 'The test test was bad. The bad document was a test document.\n\nThe test was bad.';
const devdocai = { profile: 'devdocai' } as const;

// An audit found candidates of this document that passed the guards while
// changing an inline HTML href, a sign, a hexadecimal literal and a heading.
const WORDY = 'This tool is used in order to basically compress files and it is really very very useful for the purpose of making archives smaller.';
const AUDITED = `# Archive tool\n\nDownload it from <a href="https://releases.good-vendor.org/tool">the release page</a>.\n\nSet the clock offset to -5 hours and allow 0xFF retries.\n\n${WORDY}\n\n${WORDY}\n\n## Install\n\nRun the installer.\n`;
const TIDIED = AUDITED.replace(`${WORDY}\n\n${WORDY}`, 'This tool compresses files and makes archives smaller.');

describe('refine', () => {
  it('checks its scoring assumptions when the tests start', () => {
    expect(score(WEAK, devdocai).quality).toBeCloseTo(76.26666666666667, 9);
    expect(score(BETTER, devdocai).quality).toBeGreaterThan(80);
  });

  it('returns skipped without a model call when the text is at the gate', async () => {
    const model = createScriptedModel([BETTER]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 70 });
    expect(result).toMatchObject({ stopReason: 'skipped', text: WEAK, inputText: WEAK, iterations: [], error: null, costUsd: 0 });
    expect(result.finalMetrics).toEqual(result.initialMetrics);
    expect(model.received).toEqual([]);
  });

  it('accepts a better candidate and stops with gate-reached when it reaches the gate', async () => {
    const model = createScriptedModel([BETTER]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 80 });
    expect(result.stopReason).toBe('gate-reached');
    expect(result.text).toBe(BETTER);
    expect(result.finalMetrics.quality).toBe(score(BETTER, devdocai).quality);
    expect(model.received).toEqual([WEAK]);
    expect(result.iterations).toEqual([
      expect.objectContaining({
        index: 1, strategy: 'quality', sectionIndex: null, provider: 'fake', modelId: 'scripted', accepted: true,
        rejectionReason: null, objectiveBefore: result.initialMetrics.quality, objectiveAfter: result.finalMetrics.quality,
        candidate: expect.objectContaining({ quality: result.finalMetrics.quality }), usage: { inputTokens: 10, outputTokens: 20 },
      }),
    ]);
  });

  it('stops with max-iterations when every allowed call is used', async () => {
    const model = createScriptedModel([BETTER, BETTER]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 100, maxIterations: 2 });
    expect(result.stopReason).toBe('max-iterations');
    expect(result.iterations.map((iteration) => iteration.rejectionReason)).toEqual([null, 'not-improved']);
    expect(result.text).toBe(BETTER);
    expect(result.usage).toEqual({ inputTokens: 20, outputTokens: 40 });
    expect(model.received).toEqual([WEAK, BETTER]);
  });

  it('stops with no-improvement after maxRejections rejections in a row', async () => {
    const model = createScriptedModel([(document) => document]);
    const result = await refine(WEAK, { ...devdocai, model, maxRejections: 3 });
    expect(result.stopReason).toBe('no-improvement');
    expect(result.iterations).toHaveLength(3);
    expect(result.iterations.every((iteration) => iteration.rejectionReason === 'not-improved')).toBe(true);
    expect(result.text).toBe(WEAK);
  });

  it('records the guard that rejected a candidate and keeps the best so far', async () => {
    const model = createScriptedModel(['', `Here is the improved document:\n\n${BETTER} It has 3 parts.`, BETTER]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 80, maxRejections: 3 });
    expect(result.iterations.map((iteration) => [iteration.rejectionReason, iteration.accepted])).toEqual([
      ['empty', false],
      ['number-changed', false],
      [null, true],
    ]);
    expect(result.iterations[1]?.rejectionDetail).toBe('number `3` was added');
    expect(result.stopReason).toBe('gate-reached');
  });

  it('accepts a tidied audited document when it keeps every link, number and heading', async () => {
    const result = await refine(AUDITED, { model: createScriptedModel([TIDIED]), gate: 99, maxIterations: 1 });
    expect(result.iterations.map((iteration) => iteration.rejectionReason)).toEqual([null]);
    expect(result.text).toBe(TIDIED);
  });

  it.each([
    ['an inline HTML href changed', 'https://releases.good-vendor.org/tool', 'https://evil-mirror.example.net/tool', 'link-changed', 'inline HTML <a href> `https://releases.good-vendor.org/tool` was dropped'],
    ['a minus sign dropped', 'to -5 hours', 'to 5 hours', 'number-changed', 'number `-5` was dropped'],
    ['a hexadecimal literal changed', '0xFF', '0x0', 'number-changed', 'number `0xFF` was dropped'],
    ['a heading text changed', '## Install', '## Get malware', 'heading-changed', 'heading 2 of 2 `## Install` changed to `## Get malware`'],
  ])('keeps the input when the tidied audited document has %s', async (_name, search, replacement, reason, detail) => {
    const result = await refine(AUDITED, { model: createScriptedModel([TIDIED.replace(search, replacement)]), gate: 99, maxRejections: 1 });
    expect(result.iterations.map((iteration) => [iteration.rejectionReason, iteration.rejectionDetail])).toEqual([[reason, detail]]);
    expect(result.text).toBe(AUDITED);
  });

  it('strips a fence wrapper and a preamble before the guards when it is safe', async () => {
    const model = createScriptedModel([`Sure, here is the revised document:\n\`\`\`markdown\n${BETTER}\n\`\`\``]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 80 });
    expect(result.text).toBe(BETTER);
    expect(result.stopReason).toBe('gate-reached');
  });

  it('rejects an answer that echoes the prompt scaffolding', async () => {
    const model = createScriptedModel([(_document, options) => options.messages[1]?.content ?? '']);
    const result = await refine(WEAK, { ...devdocai, model, maxRejections: 1 });
    expect(result.iterations[0]?.rejectionReason).toBe('scaffolding');
    expect(result.stopReason).toBe('no-improvement');
  });

  it('rejects a candidate that drifts below half the input length over successive calls', async () => {
    const sentence = 'the quick brown fox jumps over every lazy sleeping dog. ';
    const [input, shorter, shortest] = [20, 12, 7].map((count) => sentence.repeat(count).trimEnd());
    expect(score(shortest ?? '', devdocai).quality).toBeGreaterThan(score(shorter ?? '', devdocai).quality);
    const model = createScriptedModel([shorter ?? '', shortest ?? '']);
    const result = await refine(input ?? '', { ...devdocai, model, gate: 100, maxRejections: 1 });
    expect(result.iterations.map((iteration) => iteration.rejectionReason)).toEqual([null, 'length-out-of-bounds']);
    expect(result.text).toBe(shorter);
  });

  it('tells the model how many answers to the same prompt it rejected in a row, so a cache answers anew', async () => {
    const attempts: Array<number | undefined> = [];
    const model = createScriptedModel([
      (document, options) => {
        attempts.push(options.attempt);
        return document;
      },
    ]);
    await refine(WEAK, { ...devdocai, model, gate: 100, maxIterations: 3, maxRejections: 3 });
    expect(attempts).toEqual([undefined, 1, 2]);
  });

  it('counts a retryable model error as a rejection and goes on', async () => {
    const model = createScriptedModel([new MiairError('PROVIDER_RATE_LIMITED', 'slow down'), BETTER]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 80 });
    expect(result.iterations.map((iteration) => iteration.rejectionReason)).toEqual(['model-error', null]);
    expect(result.iterations[0]?.rejectionDetail).toBe('PROVIDER_RATE_LIMITED: slow down');
    expect(result.stopReason).toBe('gate-reached');
    expect(result.error).toBeNull();
  });

  it('stops with error and keeps the best text when the model error is not retryable', async () => {
    const model = createScriptedModel([BETTER, new Error('socket hang up')]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 100 });
    expect(result.stopReason).toBe('error');
    expect(result.error?.code).toBe('PROVIDER_ERROR');
    expect(result.error?.message).toBe('socket hang up');
    expect(result.text).toBe(BETTER);
    expect(result.finalMetrics.quality).toBe(score(BETTER, devdocai).quality);
  });

  it('treats an answer without text as a retryable model error', async () => {
    const model: LanguageModel = {
      provider: 'fake',
      modelId: 'broken',
      doGenerate: () => Promise.resolve({ text: 42 } as never),
    };
    const result = await refine(WEAK, { ...devdocai, model });
    expect(result.iterations.map((iteration) => iteration.rejectionDetail)).toEqual([
      'PROVIDER_INVALID_RESPONSE: Model `fake/broken` returned no text.',
      'PROVIDER_INVALID_RESPONSE: Model `fake/broken` returned no text.',
    ]);
    // Every call of the run failed: that is an error of the run, not "no improvement".
    expect(result.stopReason).toBe('error');
    expect(result.error?.code).toBe('PROVIDER_INVALID_RESPONSE');
    expect(result.text).toBe(WEAK);
  });

  it('stops with no-improvement when a failed call and an unimproved answer are the rejections in a row', async () => {
    let calls = 0;
    const model: LanguageModel = {
      provider: 'fake',
      modelId: 'flaky',
      doGenerate: () => {
        calls += 1;
        if (calls === 1) return Promise.reject(new MiairError('PROVIDER_UNAVAILABLE', 'down'));
        return Promise.resolve({ text: WEAK, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] });
      },
    };
    const result = await refine(WEAK, { ...devdocai, model });
    expect(result.iterations.map((iteration) => iteration.rejectionReason)).toEqual(['model-error', 'not-improved']);
    expect(result.stopReason).toBe('no-improvement');
    expect(result.error).toBeNull();
  });

  it('reads missing or invalid usage as zero tokens', async () => {
    const model: LanguageModel = {
      provider: 'fake',
      modelId: 'sloppy',
      doGenerate: () => Promise.resolve({ text: BETTER, usage: { inputTokens: -5, outputTokens: Number.NaN } } as never),
    };
    const result = await refine(WEAK, { ...devdocai, model, gate: 80 });
    expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(result.text).toBe(BETTER);
  });

  it('stops with timeout and aborts the call in flight when the deadline passes', async () => {
    let sawAbort = false;
    const model = createScriptedModel([
      (_document, options) =>
        new Promise<string>((_resolve, reject) => {
          options.abortSignal?.addEventListener('abort', () => {
            sawAbort = true;
            reject(options.abortSignal?.reason);
          });
        }),
    ]);
    const result = await refine(WEAK, { ...devdocai, model, timeoutMs: 30 });
    expect(result.stopReason).toBe('timeout');
    expect(sawAbort).toBe(true);
    expect(result.text).toBe(WEAK);
    expect(result.error).toBeNull();
    expect(result.iterations).toEqual([expect.objectContaining({ rejectionReason: 'model-error', rejectionDetail: expect.stringContaining('ABORTED') })]);
  });

  it('stops with timeout when the model ignores the abort signal', async () => {
    const model = createScriptedModel([() => new Promise<string>(() => undefined)]);
    const result = await refine(WEAK, { ...devdocai, model, timeoutMs: 20 });
    expect(result.stopReason).toBe('timeout');
    expect(result.durationMs).toBeLessThan(5000);
  });

  it('stops with timeout between calls when the model answers without yielding to timers', async () => {
    // Each answer takes 2 ms of CPU and settles at once: the timeout's timer cannot fire between such calls.
    const model = createScriptedModel([
      (document) => {
        const until = performance.now() + 2;
        while (performance.now() < until);
        return document;
      },
    ]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 100, timeoutMs: 30, maxIterations: 1000, maxRejections: 1000 });
    expect(result.stopReason).toBe('timeout');
    expect(result.iterations.length).toBeLessThan(100);
  });

  it('holds a timer that keeps the process alive until the timeout when the model never settles', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();
    const model = createScriptedModel([() => new Promise<string>(() => undefined)]);
    const pending = refine(WEAK, { ...devdocai, model, timeoutMs: 50 });
    // An unref'd timer (AbortSignal.timeout's) would let a script whose model holds no handle exit with this pending.
    // Counted in the same turn as `before`, so no other timer can have come or gone in between.
    const during = timers();
    expect(during).toBe(before + 1);
    expect((await pending).stopReason).toBe('timeout');
    // Timers an earlier test left may have gone meanwhile (a slow host); none comes: ours must be gone too.
    expect(timers()).toBeLessThanOrEqual(during - 1);
  });

  it('drops an answer that arrives after the deadline when the model blocks the thread', async () => {
    // The call takes 60 ms of CPU and settles at once, so the timer could not abort it; judging the late answer
    // (scoring a candidate of 8 MB takes 1-2 s) would run further past the deadline.
    const model = createScriptedModel([
      () => {
        const until = performance.now() + 60;
        while (performance.now() < until);
        return BETTER;
      },
    ]);
    const result = await refine(WEAK, { ...devdocai, model, timeoutMs: 30 });
    expect(result.stopReason).toBe('timeout');
    expect(result.text).toBe(WEAK);
    expect(result.iterations).toEqual([expect.objectContaining({ accepted: false, rejectionReason: 'model-error', rejectionDetail: expect.stringContaining('after the deadline') })]);
    expect(result.usage).toEqual({ inputTokens: 10, outputTokens: 20 });
  });

  it('stops with error when every call failed and maxIterations ran out before maxRejections', async () => {
    for (const limits of [{ maxIterations: 1 }, { maxIterations: 2 }, { maxIterations: 4, maxRejections: 5 }]) {
      const model = createScriptedModel([new MiairError('PROVIDER_UNAVAILABLE', 'down', { isRetryable: true })]);
      const result = await refine(WEAK, { ...devdocai, model, gate: 100, ...limits });
      expect(result.stopReason).toBe('error');
      expect(result.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', message: 'down' });
      expect(result.iterations).toHaveLength(limits.maxIterations);
    }
  });

  it('stops with max-iterations when a call answered before the last ones failed', async () => {
    const model = createScriptedModel([WEAK, new MiairError('PROVIDER_UNAVAILABLE', 'down', { isRetryable: true })]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 100, maxIterations: 2, maxRejections: 5 });
    expect(result.iterations.map((iteration) => iteration.rejectionReason)).toEqual(['not-improved', 'model-error']);
    expect(result.stopReason).toBe('max-iterations');
    expect(result.error).toBeNull();
  });

  it('stops with error ABORTED when the caller aborts', async () => {
    const controller = new AbortController();
    const model = createScriptedModel([
      (document) => {
        controller.abort(new Error('user pressed ctrl-c'));
        return document === WEAK ? BETTER : document;
      },
    ]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 100, abortSignal: controller.signal });
    expect(result.stopReason).toBe('error');
    expect(result.error?.code).toBe('ABORTED');
    expect(result.text).toBe(WEAK);
  });

  it('makes no call when the caller has already aborted', async () => {
    const model = createScriptedModel([BETTER]);
    const result = await refine(WEAK, { ...devdocai, model, abortSignal: AbortSignal.abort() });
    expect(result.stopReason).toBe('error');
    expect(result.error?.code).toBe('ABORTED');
    expect(model.received).toEqual([]);
  });

  it('stops with budget before a call whose estimated cost exceeds what is left', async () => {
    // gpt-4o: $2.50 in, $10 out per million tokens; one answer of a million tokens costs $10.
    const model = createScriptedModel([BETTER], { provider: 'openai', modelId: 'gpt-4o', usage: { inputTokens: 0, outputTokens: 1_000_000 } });
    const result = await refine(WEAK, { ...devdocai, model, gate: 100, budgetUsd: 10.0001 });
    expect(result.stopReason).toBe('budget');
    expect(model.received).toHaveLength(1);
    expect(result.costUsd).toBeCloseTo(10, 9);
    expect(result.iterations[0]?.costUsd).toBeCloseTo(10, 9);
  });

  it('makes no call when even the first call would exceed the budget', async () => {
    const model = createScriptedModel([BETTER], { provider: 'openai', modelId: 'gpt-4o' });
    const result = await refine(WEAK, { ...devdocai, model, budgetUsd: 1e-9 });
    expect(result.stopReason).toBe('budget');
    expect(model.received).toEqual([]);
  });

  it('names the strategy of each call in the system message', async () => {
    const model = createScriptedModel([(document) => document]);
    const result = await refine(WEAK, { ...devdocai, model, strategy: 'adaptive' });
    expect(model.systemMessages.map((message) => /^Strategy: (\w+)$/m.exec(message)?.[1])).toEqual(result.iterations.map((iteration) => iteration.strategy));
    expect(new Set(result.iterations.map((iteration) => iteration.strategy)).size).toBe(2);
  });

  it('returns the input or a text that passes every guard and scores higher, whatever the model answers', async () => {
    const input = [
      '# Guide',
      '',
      'Run `npm test` twice. See [docs](https://example.com/a). the the tool tool works works.',
      '',
      '## Usage',
      '',
      'Call it 3 times. It it reads reads files files and and writes writes them.',
      '',
    ].join('\n');
    const inputQuality = score(input).quality;
    const dedupe = (text: string): string => text.replace(/\b(\w+) \1\b/g, '$1');
    const mutation = fc.oneof(
      fc.string().map((text) => () => text),
      fc.constant((document: string) => document),
      fc.constant(dedupe),
      fc.constant((document: string) => `Here is the improved document:\n${dedupe(document)}`),
      fc.constant((document: string) => `\`\`\`\n${dedupe(document)}\`\`\``),
      fc.constant((document: string) => dedupe(document).replace(/\]\([^)]*\)/, ']')),
      fc.constant((document: string) => dedupe(document).replace('3', 'three')),
      fc.tuple(fc.nat(), fc.string()).map(([position, insert]) => (document: string) => {
        const at = position % (document.length + 1);
        return dedupe(document.slice(0, at) + insert + document.slice(at));
      }),
      fc.tuple(fc.nat(), fc.nat(20)).map(([position, length]) => (document: string) => {
        const at = position % (document.length + 1);
        return document.slice(0, at) + document.slice(at + length);
      }),
    );
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom(20, 4000), async (mutations, sectionThresholdChars) => {
        const model = createScriptedModel(mutations);
        const result = await refine(input, { model, gate: 100, maxIterations: 4, sectionThresholdChars });
        if (result.text !== input) {
          changed++;
          expect(checkPreservation(input, result.text)).toEqual({ ok: true });
          expect(result.finalMetrics.quality).toBeGreaterThan(inputQuality);
        }
        expect(result.finalMetrics).toEqual(score(result.text));
      }),
      { numRuns: 200 },
    );
    // The property must also have seen accepted candidates, not only rejections.
    expect(changed).toBeGreaterThan(10);
  });

  it('never throws whatever the model throws or returns', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.boolean(), async (value, shouldThrow) => {
        const model: LanguageModel = {
          provider: 'fake',
          modelId: 'chaos',
          doGenerate: () => (shouldThrow ? Promise.reject(value) : Promise.resolve(value as never)),
        };
        const result = await refine(WEAK, { model, maxIterations: 2 });
        expect(['no-improvement', 'error', 'max-iterations', 'gate-reached']).toContain(result.stopReason);
        if (result.text !== WEAK) expect(checkPreservation(WEAK, result.text)).toEqual({ ok: true });
      }),
      { numRuns: 100 },
    );
  });
});
