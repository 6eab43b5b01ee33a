/**
 * `miair mock-llm`: runs the mock LLM server (OpenAI and Anthropic shapes,
 * latency, faults) on 127.0.0.1 until SIGINT or SIGTERM.
 */
import { Option, type Command } from 'commander';
import { MiairError } from '../../errors.js';
import type { MockLatency } from '../../providers/mock/sample-latency.js';
import { MOCK_LLM_EDIT_PRESETS, type MockLlmEditPreset } from '../../testing/mock-llm/create-mock-llm-edit.js';
import { MOCK_LLM_FAULTS, type MockLlmFaultRates } from '../../testing/mock-llm/mock-llm-options.js';
import { startMockLlmServer } from '../../testing/mock-llm/start-mock-llm-server.js';
import type { CliIo } from '../io.js';

/**
 * Parses a latency flag: `50` or `fixed:50` (milliseconds), `uniform:MIN:MAX`,
 * or `log-normal:MEDIAN:SIGMA`.
 *
 * @throws MiairError `CONFIG_INVALID` naming the flag and the accepted forms.
 */
export function parseLatencySpec(value: string): MockLatency {
  const parts = value.split(':');
  const numbers = parts.slice(1).map(Number);
  const isValid = numbers.every((number) => Number.isFinite(number));
  if (parts.length === 1 && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (isValid && parts[0] === 'fixed' && numbers.length === 1) return numbers[0] as number;
  if (isValid && parts[0] === 'uniform' && numbers.length === 2) return { distribution: 'uniform', minMs: numbers[0] as number, maxMs: numbers[1] as number };
  if (isValid && parts[0] === 'log-normal' && numbers.length === 2) return { distribution: 'log-normal', medianMs: numbers[0] as number, sigma: numbers[1] as number };
  throw new MiairError('CONFIG_INVALID', `Expected \`--latency\` to be MS, fixed:MS, uniform:MIN:MAX or log-normal:MEDIAN:SIGMA, got \`${value}\`. Pass --latency log-normal:50:0.5, for example.`);
}

/** Adds the `mock-llm` command to `program`; it prints `mock-llm listening on URL` as its first stdout line. */
export function registerMockLlmCommand(program: Command, io: CliIo): void {
  const command = program
    .command('mock-llm')
    .description('serve a mock OpenAI/Anthropic API on 127.0.0.1 with latency and faults, for tests and benchmarks')
    .option('--port <port>', 'TCP port; 0 picks a free one (default 0)')
    .option('--latency-ms <ms>', 'fixed latency per answer in milliseconds (default 50)')
    .option('--latency <spec>', 'latency as fixed:MS, uniform:MIN:MAX or log-normal:MEDIAN:SIGMA (overrides --latency-ms)')
    .option('--fail-rate <rate>', 'share of requests (0-1) with a transient fault: 429, 500, 503 or connection reset (default 0)')
    .option('--retry-after-seconds <seconds>', 'Retry-After sent with a 429 (default 1)')
    .option('--seed <seed>', 'seed of the fault and latency draws (default 1)')
    .option('--api-key <key>', 'the key clients must send (default: any non-empty key)')
    .option('--log <file>', 'append one NDJSON line per request to this file')
    .addOption(new Option('--edit <edit>', 'answer: default (local refiner rules), fast (cheap, for load) or echo').choices(MOCK_LLM_EDIT_PRESETS).default('default'));
  for (const fault of MOCK_LLM_FAULTS) command.option(`--rate-${fault} <rate>`, `share of requests (0-1) that get the ${fault} fault (default 0)`);

  command.action(async (options: Record<string, unknown>) => {
    const faultRates: MockLlmFaultRates = {};
    for (const fault of MOCK_LLM_FAULTS) {
      const rate = readNumber(options, `rate${fault.charAt(0).toUpperCase()}${fault.slice(1)}`, `--rate-${fault}`);
      if (rate !== undefined) faultRates[fault] = rate;
    }
    const latency = options['latency'] === undefined ? readNumber(options, 'latencyMs', '--latency-ms') : parseLatencySpec(String(options['latency']));
    const server = await startMockLlmServer({
      port: readNumber(options, 'port', '--port') ?? 0,
      ...(latency === undefined ? {} : { latencyMs: latency }),
      failRate: readNumber(options, 'failRate', '--fail-rate') ?? 0,
      faultRates,
      ...optional('retryAfterSeconds', readNumber(options, 'retryAfterSeconds', '--retry-after-seconds')),
      ...optional('seed', readNumber(options, 'seed', '--seed')),
      ...optional('apiKey', options['apiKey'] as string | undefined),
      ...optional('logFile', options['log'] as string | undefined),
      edit: options['edit'] as MockLlmEditPreset,
      // Nobody reads the in-memory log of a CLI server: keep none.
      maxRecordedRequests: 0,
    });
    io.stdout.write(`mock-llm listening on ${server.url}\n`);
    await new Promise<void>((resolve) => {
      if (io.signal === undefined) return;
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    const stats = server.stats();
    io.stderr.write(`mock-llm stopped after ${stats.received} requests (${JSON.stringify(stats.byStatus)}).\n`);
  });
}

function readNumber(options: Record<string, unknown>, key: string, flag: string): number | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  const number = Number(value);
  if (String(value).trim() === '' || !Number.isFinite(number)) {
    throw new MiairError('CONFIG_INVALID', `Expected \`${flag}\` to be a number, got \`${String(value)}\` (string). Pass ${flag} 1, for example.`);
  }
  return number;
}

function optional<Key extends string, Value>(key: Key, value: Value | undefined): { [K in Key]?: Value } {
  return (value === undefined ? {} : { [key]: value }) as { [K in Key]?: Value };
}
