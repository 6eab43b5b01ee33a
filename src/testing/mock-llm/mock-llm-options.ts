/**
 * Options of the mock LLM server, their defaults, and their validation into a
 * resolved form with no optional fields.
 */
import { DEFAULT_MOCK_LATENCY_MS } from '../../config/defaults.js';
import { MiairError } from '../../errors.js';
import { validateLatency } from '../../providers/mock/sample-latency.js';
import type { MockLatency } from '../../providers/mock/sample-latency.js';
import { MOCK_LLM_EDIT_PRESETS, type MockLlmEditPreset } from './create-mock-llm-edit.js';

/** What the server does wrong on purpose to one request. */
export type MockLlmFault = '429' | '500' | '503' | 'reset' | 'hang' | 'malformed' | 'empty' | 'length';

/** Every fault kind, in the order the seeded draw walks them. */
export const MOCK_LLM_FAULTS: readonly MockLlmFault[] = ['429', '500', '503', 'reset', 'hang', 'malformed', 'empty', 'length'];

/** The transient faults `failRate` spreads its share over, equally. */
export const MOCK_LLM_TRANSIENT_FAULTS: readonly MockLlmFault[] = ['429', '500', '503', 'reset'];

/** Seconds the server asks for in `Retry-After` on a 429. @default 1 */
export const DEFAULT_MOCK_LLM_RETRY_AFTER_SECONDS = 1;

/** Requests kept in the server's in-memory `requests` log (the newest ones). @default 10000 */
export const DEFAULT_MOCK_LLM_MAX_RECORDED_REQUESTS = 10_000;

/** Seed of the server's fault and latency draws. @default 1 */
export const DEFAULT_MOCK_LLM_SEED = 1;

/** Largest request body accepted, in bytes (16 MiB); larger ones get a 413. @default 16777216 */
export const DEFAULT_MOCK_LLM_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Model ids listed by `GET /v1/models`. */
export const DEFAULT_MOCK_LLM_MODELS: readonly string[] = ['mock-v1', 'gpt-4o-mini', 'claude-3-5-haiku-latest'];

/** Share (0-1) of requests that get each fault kind. */
export type MockLlmFaultRates = Partial<Record<MockLlmFault, number>>;

/** Options of {@link startMockLlmServer}. */
export interface MockLlmServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number;
  /** Latency before each chat answer, in milliseconds, or a distribution. @default DEFAULT_MOCK_LATENCY_MS (50) */
  latencyMs?: MockLatency;
  /** Share (0-1) of requests that get a transient fault, drawn equally from 429, 500, 503 and connection reset. @default 0 */
  failRate?: number;
  /** Share (0-1) of requests per fault kind, added to what `failRate` gives. The sum of all shares must be at most 1. @default {} */
  faultRates?: MockLlmFaultRates;
  /** Seconds sent in `Retry-After` with a 429. @default 1 */
  retryAfterSeconds?: number;
  /** Seed of the fault and latency draws: same seed and request order, same faults and latencies. @default 1 */
  seed?: number;
  /** The API key clients must send; when unset, any non-empty key is accepted. */
  apiKey?: string;
  /** Appends one NDJSON line per request to this file (time, method, path, status, fault, latencyMs, body). */
  logFile?: string;
  /** Requests kept in `requests` (the newest); 0 keeps none. @default 10000 */
  maxRecordedRequests?: number;
  /** Turns the document of a request into the answer: a preset (see {@link MockLlmEditPreset}) or a function. @default 'default' */
  edit?: MockLlmEditPreset | ((text: string) => string);
  /** Model ids listed by `GET /v1/models`. @default ['mock-v1', 'gpt-4o-mini', 'claude-3-5-haiku-latest'] */
  models?: readonly string[];
}

/** {@link MockLlmServerOptions} after validation, with every default applied. */
export interface ResolvedMockLlmOptions {
  port: number;
  latencyMs: MockLatency;
  /** Cumulative share per fault kind, in {@link MOCK_LLM_FAULTS} order, for one uniform draw. */
  faultThresholds: readonly { fault: MockLlmFault; upTo: number }[];
  retryAfterSeconds: number;
  seed: number;
  apiKey: string | null;
  logFile: string | null;
  maxRecordedRequests: number;
  edit: MockLlmEditPreset | ((text: string) => string);
  models: readonly string[];
}

/** Every option of {@link MockLlmServerOptions}. */
const OPTION_KEYS = [
  'port', 'latencyMs', 'failRate', 'faultRates', 'retryAfterSeconds', 'seed', 'apiKey', 'logFile', 'maxRecordedRequests', 'edit', 'models',
] as const satisfies readonly (keyof MockLlmServerOptions)[];
const KNOWN_KEYS: ReadonlySet<string> = new Set(OPTION_KEYS);
// An option added to MockLlmServerOptions but not to OPTION_KEYS fails to compile here (unlisted, it would be refused).
const ALL_OPTIONS_LISTED: [Exclude<keyof MockLlmServerOptions, (typeof OPTION_KEYS)[number]>] extends [never] ? true : never = true;
void ALL_OPTIONS_LISTED;

/**
 * Validates the options and applies the defaults.
 *
 * @throws MiairError `CONFIG_INVALID` naming the option, the expectation and the value; `CONFIG_UNKNOWN_KEY` for an unknown option.
 */
export function resolveMockLlmOptions(options: MockLlmServerOptions): ResolvedMockLlmOptions {
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) throw new MiairError('CONFIG_UNKNOWN_KEY', `Unknown mock LLM server option \`${key}\`. Known options: ${[...KNOWN_KEYS].join(', ')}.`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) invalid('port', 'an integer from 0 to 65535', port, '--port 8080');
  const latencyMs = options.latencyMs ?? DEFAULT_MOCK_LATENCY_MS;
  validateLatency(latencyMs);
  const failRate = options.failRate ?? 0;
  checkRate('failRate', failRate, '--fail-rate 0.1');
  const rates = new Map<MockLlmFault, number>(MOCK_LLM_FAULTS.map((fault) => [fault, 0]));
  for (const [fault, rate] of Object.entries(options.faultRates ?? {})) {
    if (!rates.has(fault as MockLlmFault)) {
      throw new MiairError('CONFIG_INVALID', `Expected a key of \`faultRates\` to be one of ${MOCK_LLM_FAULTS.join(', ')}, got \`${fault}\`.`);
    }
    checkRate(`faultRates.${fault}`, rate, `--rate-${fault} 0.1`);
    rates.set(fault as MockLlmFault, (rates.get(fault as MockLlmFault) ?? 0) + (rate ?? 0));
  }
  for (const fault of MOCK_LLM_TRANSIENT_FAULTS) rates.set(fault, (rates.get(fault) ?? 0) + failRate / MOCK_LLM_TRANSIENT_FAULTS.length);
  let upTo = 0;
  const faultThresholds: { fault: MockLlmFault; upTo: number }[] = [];
  for (const fault of MOCK_LLM_FAULTS) {
    const rate = rates.get(fault) ?? 0;
    if (rate === 0) continue;
    upTo += rate;
    faultThresholds.push({ fault, upTo });
  }
  // A little slack for float sums such as 0.1 + 0.2 + 0.7.
  if (upTo > 1 + 1e-9) {
    throw new MiairError('CONFIG_INVALID', `Expected the fault rates (fail-rate plus every --rate-*) to add up to at most 1, got \`${upTo}\`. Lower some of them.`);
  }
  const retryAfterSeconds = options.retryAfterSeconds ?? DEFAULT_MOCK_LLM_RETRY_AFTER_SECONDS;
  if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) invalid('retryAfterSeconds', 'an integer >= 0', retryAfterSeconds, '--retry-after-seconds 1');
  const seed = options.seed ?? DEFAULT_MOCK_LLM_SEED;
  if (!Number.isInteger(seed)) invalid('seed', 'an integer', seed, '--seed 7');
  const maxRecordedRequests = options.maxRecordedRequests ?? DEFAULT_MOCK_LLM_MAX_RECORDED_REQUESTS;
  if (!Number.isInteger(maxRecordedRequests) || maxRecordedRequests < 0) invalid('maxRecordedRequests', 'an integer >= 0', maxRecordedRequests, 'maxRecordedRequests: 1000');
  if (options.apiKey !== undefined && (typeof options.apiKey !== 'string' || options.apiKey === '')) {
    invalid('apiKey', 'a non-empty string', options.apiKey, '--api-key test-key');
  }
  const edit = options.edit ?? 'default';
  if (typeof edit !== 'function' && !MOCK_LLM_EDIT_PRESETS.includes(edit)) invalid('edit', `a function or one of ${MOCK_LLM_EDIT_PRESETS.join(', ')}`, edit, '--edit fast');
  const models = options.models ?? DEFAULT_MOCK_LLM_MODELS;
  return {
    port,
    latencyMs,
    faultThresholds,
    retryAfterSeconds,
    seed,
    apiKey: options.apiKey ?? null,
    logFile: options.logFile ?? null,
    maxRecordedRequests,
    edit,
    models,
  };
}

function checkRate(name: string, rate: unknown, example: string): void {
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) invalid(name, 'a number from 0 to 1', rate, example);
}

function invalid(name: string, expectation: string, value: unknown, example: string): never {
  throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to be ${expectation}, got \`${String(value)}\` (${typeof value}). Pass ${example}, for example.`);
}
