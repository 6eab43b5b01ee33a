/**
 * The CLI as a function: `run(argv, io)` parses the arguments, runs a command
 * and returns the exit code. bin.ts is the only caller that touches the process.
 */
import { Command, CommanderError, Option } from 'commander';
import { MiairError, errorCategory } from '../errors.js';
import { CONFIG_KEYS } from '../config/schema.js';
import type { CliIo } from './io.js';
import { readFlags, resolveSettings } from './resolve-settings.js';
import { analyze, ANALYZE_FORMATS, type AnalyzeFormat } from './commands/analyze.js';
import { optimize, OPTIMIZE_FORMATS, type OptimizeFormat } from './commands/optimize.js';
import { registerMockLlmCommand } from './commands/mock-llm.js';
import { registerCacheCommand } from './commands/cache.js';
import { createModel } from './create-model.js';
import { createCliRefiner, workerModelOf } from './create-cli-refiner.js';
import { refineOptionsOf } from './refine-options-of.js';
import { estimate } from './commands/estimate.js';
import { printable } from './format/printable.js';
import { optimizeStream } from './commands/optimize-stream.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { MIAIR_VERSION } from '../version.js';

/** Runs the miair CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  let exitCode = EXIT_OK;
  const program = new Command('miair')
    .description('Measure and improve documentation: scores, findings, and a refine loop that keeps only what makes a document better.')
    .version(MIAIR_VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`${text.trimEnd()} Run \`miair --help\` for usage.\n`),
    })
    .showSuggestionAfterError(true);

  const common = (command: Command): Command =>
    command
      .option('--profile <profile>', 'quality profile: miair (default) or devdocai')
      .option('--config <path>', 'config file (default: miair.config.{ts,js,json} in the working directory)')
      .option('--include <glob>', 'only files under a directory input matching this glob (repeatable)', collect)
      .option('--exclude <glob>', 'skip files under a directory input matching this glob (repeatable)', collect)
      .option('--max-bytes <bytes>', 'largest input read, in bytes (default 10 MiB)')
      .option('--fail-under <quality>', 'exit 1 if any document scores below this quality (0-100)')
      .option('--debug', 'print stack traces of errors');

  common(program.command('analyze').argument('<inputs...>', 'files, directories, or - for stdin'))
    .description('score documents and list their findings')
    .addOption(new Option('--format <format>', 'output format').choices(ANALYZE_FORMATS).default('table'))
    .action(async (inputs: string[], options: Record<string, unknown>) => {
      debug = options['debug'] === true;
      const settings = await resolveSettings(readFlags(options, CONFIG_KEYS), io.env, io.cwd, options['config'] as string | undefined);
      exitCode = await analyze(inputs, options['format'] as AnalyzeFormat, settings, io);
    });

  common(program.command('optimize').argument('[inputs...]', 'files, directories, or - for stdin'))
    .description('refine documents below the quality gate and write the results')
    .option('--out <dir>', 'write every document to this directory, mirroring the input tree')
    .option('--from-ndjson <file>', 'read {"id", "text"} lines from FILE (or - for stdin) instead of files; writes NDJSON')
    .option('--out-ndjson <file>', 'with --from-ndjson: write the NDJSON lines to FILE (resumable: a journal sits next to it)')
    .option('--restart', 'ignore the journal of an earlier run (in --out DIR or next to --out-ndjson FILE)')
    .option('--min-concurrency <n>', 'lowest model-call concurrency the adaptive limit may use (default 1)')
    .option('--max-concurrency <n>', 'highest model-call concurrency the adaptive limit may use (default 1024)')
    .option('--max-in-flight <n>', 'documents in progress at once in stream mode (default 1024)')
    .option('--drain-timeout-ms <ms>', 'after Ctrl-C, time documents in flight get to finish (default 10000)')
    .option('--in-place', 'overwrite the inputs that improved')
    .option('--dry-run', 'write nothing; with --diff, show what would change')
    .option('--diff', 'print a unified diff of each changed document')
    .addOption(new Option('--format <format>', 'output format').choices(OPTIMIZE_FORMATS).default('text'))
    .option('--provider <provider>', 'model provider: local (offline rules, default), openai, anthropic or mock')
    .option('--model <id>', 'model id of the provider (openai: gpt-4o-mini, anthropic: claude-3-5-haiku-latest by default)')
    .option('--api-key <key>', 'API key (default: OPENAI_API_KEY or ANTHROPIC_API_KEY)')
    .option('--base-url <url>', 'API base URL, e.g. http://localhost:11434/v1 for Ollama (default: OPENAI_BASE_URL / ANTHROPIC_BASE_URL or the vendor)')
    .option('--azure-api-version <version>', 'use Azure OpenAI: api-version query and api-key header')
    .option('--fallback <providers>', 'models tried in order when a call fails, comma-separated provider or provider:model', splitList)
    .option('--pii <mode>', 'personal data and secrets: mask (default), block or off')
    .option('--temperature <t>', 'sampling temperature, 0-2 (default 0.2)')
    .option('--max-output-tokens <n>', 'output tokens per call at most (default 4096)')
    .option('--max-retries <n>', 'retries of a failed call (default 3)')
    .option('--request-timeout-ms <ms>', 'timeout of one model call (default 120000)')
    .option('--requests-per-minute <n>', 'client-side request rate limit (default none)')
    .option('--tokens-per-minute <n>', 'client-side token rate limit (default none)')
    .option('--breaker-threshold <n>', 'consecutive failures that open the circuit breaker (default 5)')
    .option('--estimate', 'print the expected calls, tokens and cost, call nothing')
    .option('--strategy <strategy>', 'quality (default), entropy, performance or adaptive')
    .option('--max-iterations <n>', 'model calls per document at most (default 7)')
    .option('--max-rejections <n>', 'rejected candidates in a row that end the loop (default 2)')
    .option('--gate <quality>', 'quality at which a document is good enough (default 85)')
    .option('--concurrency <n>', 'documents refined at once (default 8)')
    .option('--threads <n>', 'worker threads that refine documents; 0: one per core once a run is large (default 0)')
    .option('--thread-heap-mb <mb>', 'old-generation heap of each worker thread in MiB; 0: no cap (default 256 with --from-ndjson, else 0)')
    .option('--timeout-ms <ms>', 'deadline per document in milliseconds (default none)')
    .option('--budget-usd <usd>', 'spending limit of the run in US dollars: no call starts that would exceed it (default none)')
    .option('--section-threshold-chars <n>', 'refine documents longer than this section by section (default 4000)')
    .option('--max-sections <n>', 'sections of a long document sent at most, weakest first (default 32)')
    .option('--mock-latency-ms <ms>', 'latency of the mock model (default 50)')
    .option('--mock-failure-rate <rate>', 'share of mock model calls that fail, 0-1 (default 0)')
    .option('--mock-edit <edit>', 'edit of the mock model: rules (the local refiner) or fast (a cheap one, for load tests) (default rules)')
    .option('--no-progress', 'no progress display on a terminal')
    .option('--cache-dir <dir>', 'directory of the model-response cache (default $XDG_CACHE_HOME/miair or ~/.cache/miair)')
    .option('--no-cache', 'neither read nor write the model-response cache')
    .option('--cache-warm <dir>', 'preload the cache from the cache directory of an earlier run')
    .action(async (inputs: string[], options: Record<string, unknown>) => {
      debug = options['debug'] === true;
      const fromNdjson = options['fromNdjson'] as string | undefined;
      if (fromNdjson === undefined && inputs.length === 0) {
        throw new MiairError('CONFIG_INVALID', 'Name the documents to optimize (files, directories or - for stdin), or pass --from-ndjson FILE.');
      }
      if (fromNdjson !== undefined && (inputs.length > 0 || options['out'] !== undefined || options['inPlace'] === true)) {
        throw new MiairError('CONFIG_INVALID', '--from-ndjson reads its documents from the NDJSON input and writes NDJSON: drop the other inputs, --out and --in-place (use --out-ndjson FILE).');
      }
      if (fromNdjson === undefined && options['outNdjson'] !== undefined) {
        throw new MiairError('CONFIG_INVALID', '--out-ndjson goes with --from-ndjson. For files, use --out DIR (or --format ndjson for a report on stdout).');
      }
      if (options['out'] !== undefined && options['inPlace'] === true) {
        throw new MiairError('CONFIG_INVALID', 'Pass either --out DIR or --in-place, not both.');
      }
      if (options['inPlace'] === true && inputs.includes('-')) {
        throw new MiairError('CONFIG_INVALID', 'Standard input cannot be refined in place. Drop --in-place (the result goes to stdout) or pass --out DIR.');
      }
      // commander sets `cache: true` unless --no-cache is given: only the flag itself may override the environment or file.
      if (options['cache'] === true) delete options['cache'];
      const settings = await resolveSettings(readFlags(options, CONFIG_KEYS), io.env, io.cwd, options['config'] as string | undefined);
      // The models' warnings, from this thread and from the worker threads, each said once.
      const toldModelWarnings = new Set<string>();
      const onModelWarning = (text: string): void => {
        if (toldModelWarnings.has(text)) return;
        toldModelWarnings.add(text);
        io.stderr.write(`warning: ${printable(text)}\n`);
      };
      const created = await createModel(settings, options['apiKey'] as string | undefined, io.env, {
        isEstimate: options['estimate'] === true,
        onWarning: (warning) => io.stderr.write(`warning ${warning.code}: ${warning.message}\n`),
        onModelWarning,
      });
      const workerModel = workerModelOf(settings, options['apiKey'] as string | undefined, io.env);
      try {
        // Before the stream: with --from-ndjson too, an estimate must call nothing.
        if (options['estimate'] === true) {
          exitCode = await estimate(fromNdjson === undefined ? { inputs } : { fromNdjson }, settings, created.model, io);
          return;
        }
        if (fromNdjson !== undefined) {
          exitCode = await optimizeStream(
            {
              fromNdjson,
              outNdjson: (options['outNdjson'] as string | undefined) ?? null,
              restart: options['restart'] === true,
              progress: options['progress'] !== false,
              drainTimeoutMs: settings.drainTimeoutMs,
              readCacheHits: () => created.cache?.stats().hits ?? 0,
              workerModel,
              onModelWarning,
            },
            settings,
            created.model,
            io,
          );
          return;
        }
        const refiner = createCliRefiner(settings, created, refineOptionsOf(settings, created.model), workerModel, io.signal, onModelWarning);
        try {
          exitCode = await optimize(
            inputs,
            {
              format: options['format'] as OptimizeFormat,
              out: (options['out'] as string | undefined) ?? null,
              inPlace: options['inPlace'] === true,
              dryRun: options['dryRun'] === true,
              diff: options['diff'] === true,
              progress: options['progress'] !== false,
              readCacheHits: refiner.readCacheHits,
              refineDocument: refiner.refine,
              restart: options['restart'] === true,
            },
            settings,
            created.model,
            io,
          );
        } finally {
          await refiner.close();
        }
      } finally {
        await created.close();
      }
    });

  registerMockLlmCommand(program, io);
  registerCacheCommand(program, io);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0 through the same path.
      return error.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    }
    const miairError = MiairError.from(error);
    const hint = errorCategory(miairError.code) === 'internal' ? ' This is a bug in miair: please report it with the output of --debug.' : '';
    io.stderr.write(`error ${miairError.code}: ${miairError.message}${hint}\n`);
    if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}

function splitList(value: string): string[] {
  return value.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
