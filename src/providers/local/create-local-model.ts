import { DEFAULT_TEMPERATURE } from '../../config/defaults.js';
import { MiairError } from '../../errors.js';
import { extractDocumentBlock } from '../document-block.js';
import { estimateTokens } from '../estimate-tokens.js';
import { parseMarkdown } from '../../document/parse-markdown.js';
import { readFlaggedLines } from './read-flagged-lines.js';
import { readStrategyDirective } from './read-strategy-directive.js';
import { removeFlaggedParagraphs } from './rules/remove-flagged-paragraphs.js';
import { refineTextSteps } from './refine-text.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelMessage, LanguageModelResult, LanguageModelWarning } from '../spec.js';
import type { LocalStrategy } from './read-strategy-directive.js';

/** Options of {@link createLocalModel}. */
export interface LocalModelOptions {
  /** Rule set to use whatever the prompt says; by default it is read from the prompt's `Strategy:` line. */
  strategy?: LocalStrategy;
}

/** Model id of the local refiner's rule set; changes when its rules change output. */
export const LOCAL_MODEL_ID = 'rules-v1';

/**
 * Creates the offline, deterministic `local` refiner: a `LanguageModel` that
 * reads the document block of the prompt and returns it with editorial fixes
 * the metrics reward (paragraphs the prompt's findings flag as repeated,
 * whitespace, repeated paragraphs and sentences,
 * duplicated words, wordy phrases, fillers, sentence capitals, overlong
 * sentences and paragraphs), never touching headings, code, URLs, HTML,
 * front matter or numbers. No network, no API key.
 *
 * Usage is estimated (characters / 4). Temperature is ignored: a warning is
 * reported when a temperature other than the default (0.2) or 0 is asked,
 * since 0 asks for the determinism the refiner has anyway.
 *
 * @throws MiairError `INTERNAL` when the prompt carries no document block (the caller built a bad prompt).
 * @throws MiairError `ABORTED` when the abort signal has fired.
 * @example
 * const result = await refine(text, { model: createLocalModel() });
 */
export function createLocalModel(options: LocalModelOptions = {}): LanguageModel {
  return {
    provider: 'local',
    modelId: LOCAL_MODEL_ID,
    async doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
      throwIfAborted(callOptions.abortSignal);
      const document = readDocument(callOptions.messages);
      const strategy = options.strategy ?? readStrategyDirective(callOptions.messages);
      // A section is sent alone: a paragraph repeated from another section is known only from the findings.
      const deduplicated = removeFlaggedParagraphs(
        document,
        parseMarkdown(document),
        readFlaggedLines(callOptions.messages, 'repeated-paragraph'),
        readFlaggedLines(callOptions.messages, 'repeated-sentence'),
      );
      const text = await runSteps(refineTextSteps(deduplicated, { strategy }), document.length >= YIELDING_MIN_CHARS ? callOptions.abortSignal : undefined);
      return {
        text,
        finishReason: 'stop',
        usage: { inputTokens: estimateMessageTokens(callOptions.messages), outputTokens: estimateTokens(text) },
        warnings: temperatureWarnings(callOptions.temperature),
      };
    },
  };
}

/**
 * Documents from this length on (UTF-16 code units) are refined yielding to
 * the event loop between rules when the call has an abort signal: the rules
 * run synchronously, so on a document of megabytes (a rule takes up to a
 * second on 8 MB) a deadline's timer could not fire until the whole call was
 * over, seconds late. Shorter documents take under a millisecond per rule and
 * do not pay for the yields.
 */
const YIELDING_MIN_CHARS = 65_536;

/** Runs the steps of a refinement to their result; with a signal, lets timers run between steps and throws `ABORTED` once it fires. */
async function runSteps(steps: Generator<void, string, void>, signal: AbortSignal | undefined): Promise<string> {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (signal === undefined) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    throwIfAborted(signal);
  }
}

/** Reads the document block of a prompt; a prompt without one is a bug of its builder. */
export function readDocument(messages: readonly LanguageModelMessage[]): string {
  const document = extractDocumentBlock(messages);
  if (document === null) {
    throw new MiairError(
      'INTERNAL',
      'The prompt has no document block, so there is nothing to refine. Build the user message with wrapDocumentBlock() from providers/document-block.',
    );
  }
  return document;
}

/** Throws `ABORTED` when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new MiairError('ABORTED', 'The model call was aborted before it finished.', { cause: signal.reason });
}

/** Estimated input tokens of a prompt (every message's content). */
export function estimateMessageTokens(messages: readonly LanguageModelMessage[]): number {
  return messages.reduce((total, message) => total + estimateTokens(message.content), 0);
}

/** A temperature warning for models that ignore it, unless the default or 0 was asked. */
export function temperatureWarnings(temperature: number): LanguageModelWarning[] {
  if (temperature === DEFAULT_TEMPERATURE || temperature === 0) return [];
  return [{ type: 'unsupported', setting: 'temperature', message: `Temperature ${temperature} is ignored: this model is deterministic.` }];
}
