/**
 * `miair optimize --estimate`: what a run would call, send and cost, without
 * calling any model.
 */
import type { MiairError } from '../../errors.js';
import { createRunEstimator, type UsageEstimate } from '../../refine/estimate-run.js';
import { refineOptionsOf } from '../refine-options-of.js';
import type { LanguageModel } from '../../providers/spec.js';
import type { CliIo } from '../io.js';
import type { CliSettings } from '../resolve-settings.js';
import { readDocuments } from '../read-documents.js';
import { readNdjsonInputs } from '../read-ndjson-inputs.js';
import { printable } from '../format/printable.js';
import { EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK } from '../exit-codes.js';

/** What to estimate: files, directories and `-` (as `miair optimize` reads them), or the documents of an NDJSON input (`--from-ndjson`). */
export type EstimateSource = { inputs: string[]; fromNdjson?: undefined } | { inputs?: undefined; fromNdjson: string };

/**
 * Scores every input, estimates the run and prints it; returns the exit code.
 * Inputs are estimated as they are read and only the totals are kept, so an
 * NDJSON input of any size fits in memory. An input that cannot be read is
 * reported on stderr (exit 2, the others are still estimated); Ctrl-C stops
 * reading and prints the estimate of what was read (exit 130).
 */
export async function estimate(source: EstimateSource, settings: CliSettings, model: LanguageModel, io: CliIo): Promise<number> {
  // The estimate spends nothing: no budget, only the run's prices and limits.
  const { budget: _budget, ...options } = refineOptionsOf(settings, model);
  const estimator = createRunEstimator(options);
  let errors = 0;
  let isInterrupted = false;
  for await (const input of readInputs(source, settings, io)) {
    if (io.signal?.aborted === true) {
      isInterrupted = true;
      break;
    }
    if (input.error === undefined) estimator.add(input.text);
    else {
      errors += 1;
      io.stderr.write(`${input.where}  error ${input.error.code}: ${printable(input.error.message)}\n`);
    }
  }
  const line = (label: string, usage: UsageEstimate): string =>
    `${label}: ${usage.calls} call${usage.calls === 1 ? '' : 's'}, ${usage.inputTokens} input and ${usage.outputTokens} output tokens, ${
      usage.costUsd === null ? 'cost unknown (no price for this model: add one under `prices` in the config file)' : `$${usage.costUsd.toFixed(4)}`
    }`;
  const count = estimator.documents;
  io.stdout.write(
    [
      `${count} document${count === 1 ? '' : 's'} (${estimator.skipped} already at the gate of ${settings.gate}), model ${model.provider}/${model.modelId}; nothing was called`,
      line('expected', estimator.expected),
      line('at most', estimator.maximum),
      ...(settings.budgetUsd > 0 ? [`budget: $${settings.budgetUsd} (no call starts that would exceed it)`] : []),
      ...(isInterrupted ? ['interrupted: the documents not read yet are not in this estimate'] : []),
    ].join('\n') + '\n',
  );
  return isInterrupted ? EXIT_INTERRUPTED : errors > 0 ? EXIT_ERROR : EXIT_OK;
}

/** The texts of `source` as `optimize` reads them, or where an input could not be read and why. */
async function* readInputs(source: EstimateSource, settings: CliSettings, io: CliIo): AsyncGenerator<{ text: string; error?: undefined } | { where: string; error: MiairError }> {
  if (source.fromNdjson === undefined) {
    for await (const row of readDocuments(source.inputs, settings, io)) yield row.error === undefined ? { text: row.source.text } : { where: printable(row.path), error: row.error };
    return;
  }
  for await (const line of readNdjsonInputs(source.fromNdjson, io.stdin, io.cwd, { maxBytes: settings.maxBytes })) {
    yield line.error === undefined ? { text: line.input.text } : { where: `line ${line.lineNumber}${line.id === undefined ? '' : ` (id ${JSON.stringify(line.id)})`}`, error: line.error };
  }
}
