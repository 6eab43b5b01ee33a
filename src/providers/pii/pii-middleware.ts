import { MiairError } from '../../errors.js';
import type { LanguageModelMiddleware } from '../middleware/language-model-middleware.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelMessage, LanguageModelResult } from '../spec.js';
import { checkPlaceholders } from './check-placeholders.js';
import { locateDocumentBlock } from './locate-document-block.js';
import { maskPii, type KnownValueSearch, type PlaceholderTable } from './mask-pii.js';
import { restorePii } from './restore-pii.js';
import { PII_CATEGORY, type PiiFinding, type PiiKind } from './types.js';

/** What the middleware does with personal data and secrets. */
export type PiiMode = 'mask' | 'block' | 'off';

/** Options of {@link piiMiddleware}. */
export interface PiiMiddlewareOptions {
  /**
   * `mask`: replace every finding with a placeholder, restore the answer.
   * `block`: like `mask`, but refuse (`INPUT_CONTAINS_SECRETS`) a prompt
   * with a secret (a credential; personal data alone is masked, not
   * refused). `off`: the model is returned as it is.
   */
  mode: PiiMode;
  /** Kinds to detect; every kind by default. */
  kinds?: readonly PiiKind[];
}

/**
 * Masks personal data and secrets in every message before the inner model
 * sees them, and puts them back in its answer. The document block and the
 * rest of the prompt (findings quote the document) share one placeholder
 * table; the block's marker lines are left alone. An answer that drops,
 * duplicates, rewrites or invents a placeholder of the document is
 * refused with `PROVIDER_INVALID_RESPONSE` and `details.guard`
 * `pii-placeholder`, which the refine loop treats as a rejected candidate.
 * No original value ever reaches the inner model, an error or its details.
 *
 * @example
 * const model = wrapLanguageModel(createOpenAIModel({ ... }), [retryMiddleware(), piiMiddleware({ mode: 'mask' })]);
 */
export function piiMiddleware(options: PiiMiddlewareOptions): LanguageModelMiddleware {
  if (options.mode === 'off') return (model) => model;
  const kinds = options.kinds;
  const cleanTexts = new Set<string>();
  return (model: LanguageModel): LanguageModel => ({
    provider: model.provider,
    modelId: model.modelId,
    async doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
      const masked = maskMessages(callOptions.messages, kinds, cleanTexts);
      if (options.mode === 'block') refuseSecrets(masked.findings, model);
      const result = await model.doGenerate({ ...callOptions, messages: masked.messages });
      const reference = masked.document ?? masked.messages.map((message) => message.content).join('\n');
      const check = checkPlaceholders(reference, result.text, { requireAll: masked.document !== null });
      if (!check.ok) {
        throw new MiairError(
          'PROVIDER_INVALID_RESPONSE',
          `The answer of ${model.provider}/${model.modelId} ${PROBLEM_TEXT[check.reason]} (${check.detail}); the candidate is rejected. A model that keeps doing this cannot be used with --pii mask: use a stronger model.`,
          { isRetryable: false, details: { guard: 'pii-placeholder', reason: check.reason, detail: check.detail } },
        );
      }
      return { ...result, text: restorePii(result.text, masked.placeholders) };
    },
  });
}

const PROBLEM_TEXT = {
  dropped: 'dropped a placeholder of personal data or a secret',
  duplicated: 'repeated a placeholder of personal data or a secret',
  altered: 'rewrote a placeholder of personal data or a secret',
  invented: 'invented a placeholder that the document does not have',
} as const;

interface MaskedMessages {
  messages: LanguageModelMessage[];
  /** The masked document text, or null when no message has a document block. */
  document: string | null;
  placeholders: PlaceholderTable;
  findings: PiiFinding[];
}

/** Texts around the document (the system prompt above all) recur on every call; this many without findings are remembered. */
const MAX_CLEAN_TEXTS = 256;

function maskMessages(messages: readonly LanguageModelMessage[], kinds: readonly PiiKind[] | undefined, cleanTexts: Set<string>): MaskedMessages {
  const placeholders: PlaceholderTable = new Map();
  const reservedText = messages.map((message) => message.content).join('\n');
  const findings: PiiFinding[] = [];
  const mask = (text: string, knownValues: KnownValueSearch): string => {
    const result = maskPii(text, { placeholders, reservedText, knownValues, ...(kinds === undefined ? {} : { kinds }) });
    findings.push(...result.findings);
    return result.text;
  };
  const remember = (text: string): void => {
    if (cleanTexts.size >= MAX_CLEAN_TEXTS) cleanTexts.clear();
    cleanTexts.add(text);
  };
  // A text no detector flags is masked to itself while the table is empty
  // (with values in it, they are searched for in every text). Around the
  // document block are the findings, which quote the document, perhaps cut
  // short: pieces of known values are masked there too.
  const maskOther = (text: string, knownValues: KnownValueSearch): string => {
    if (placeholders.size === 0 && cleanTexts.has(text)) return text;
    const isTableEmpty = placeholders.size === 0;
    const masked = mask(text, knownValues);
    if (isTableEmpty && placeholders.size === 0) remember(text);
    return masked;
  };
  // A system message is the caller's instructions (miair's hold no user
  // data): only detectors mask it, never a search for values found
  // elsewhere. A common word used as a password ("document") once turned
  // "technical documentation" into "technical [PASSWORD_1]ation" there.
  const maskInstructions = (text: string): string => {
    if (cleanTexts.has(text)) return text;
    const count = findings.length;
    const masked = mask(text, 'none');
    if (findings.length === count) remember(text);
    return masked;
  };
  let blockIndex = -1;
  let range: ReturnType<typeof locateDocumentBlock> = null;
  for (let index = messages.length - 1; index >= 0 && blockIndex === -1; index--) {
    if (messages[index]!.role !== 'user') continue;
    range = locateDocumentBlock(messages[index]!.content);
    if (range !== null) blockIndex = index;
  }
  // The document first, so placeholders are numbered in document order.
  let document: string | null = null;
  let blockMessage: LanguageModelMessage | undefined;
  if (blockIndex !== -1 && range !== null) {
    const message = messages[blockIndex]!;
    document = mask(message.content.slice(range.start, range.end), 'occurrences');
    const beginLine = message.content.lastIndexOf('\n', range.start - 2) + 1;
    const endLineEnd = message.content.indexOf('>>>', range.end) + '>>>'.length;
    blockMessage = {
      role: message.role,
      content:
        maskOther(message.content.slice(0, beginLine), 'fragments') +
        message.content.slice(beginLine, range.start) +
        document +
        message.content.slice(range.end, endLineEnd) +
        maskOther(message.content.slice(endLineEnd), 'fragments'),
    };
  }
  const masked = messages.map((message, index) => {
    if (index === blockIndex) return blockMessage!;
    return { role: message.role, content: message.role === 'system' ? maskInstructions(message.content) : maskOther(message.content, 'occurrences') };
  });
  return { messages: masked, document, placeholders, findings };
}

function refuseSecrets(findings: readonly PiiFinding[], model: LanguageModel): void {
  const counts = new Map<PiiKind, number>();
  for (const finding of findings) {
    if (PII_CATEGORY[finding.kind] === 'secret') counts.set(finding.kind, (counts.get(finding.kind) ?? 0) + 1);
  }
  if (counts.size === 0) return;
  const summary = [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
  throw new MiairError(
    'INPUT_CONTAINS_SECRETS',
    `The document contains secrets (${summary}), so it was not sent to ${model.provider}/${model.modelId}. Remove or rotate them, or run with --pii mask to send it with every secret replaced by a placeholder.`,
    { details: { kinds: Object.fromEntries(counts) } },
  );
}
