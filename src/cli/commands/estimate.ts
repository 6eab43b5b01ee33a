/**
 * `miair optimize --estimate`: what a run would call, send and cost, without
 * calling any model.
 */
import { estimateRun, type UsageEstimate } from '../../refine/estimate-run.js';
import { refineOptionsOf } from '../refine-options-of.js';
import type { LanguageModel } from '../../providers/spec.js';
import type { CliIo } from '../io.js';
import type { CliSettings } from '../resolve-settings.js';
import { readDocuments } from '../read-documents.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';

/** Scores every input, estimates the run and prints it; returns the exit code. */
export async function estimate(inputs: string[], settings: CliSettings, model: LanguageModel, io: CliIo): Promise<number> {
  const texts: string[] = [];
  let errors = 0;
  for await (const row of readDocuments(inputs, settings, io)) {
    if (row.error !== undefined) {
      errors += 1;
      io.stderr.write(`${row.path}  error ${row.error.code}: ${row.error.message}\n`);
    } else texts.push(row.source.text);
  }
  // The estimate spends nothing: no budget, only the run's prices and limits.
  const { budget: _budget, ...options } = refineOptionsOf(settings, model);
  const result = estimateRun(texts, options);
  const line = (label: string, usage: UsageEstimate): string =>
    `${label}: ${usage.calls} call${usage.calls === 1 ? '' : 's'}, ${usage.inputTokens} input and ${usage.outputTokens} output tokens, ${
      usage.costUsd === null ? 'cost unknown (no price for this model: add one under `prices` in the config file)' : `$${usage.costUsd.toFixed(4)}`
    }`;
  io.stdout.write(
    [
      `${texts.length} document${texts.length === 1 ? '' : 's'} (${result.skipped} already at the gate of ${settings.gate}), model ${model.provider}/${model.modelId}; nothing was called`,
      line('expected', result.expected),
      line('at most', result.maximum),
      ...(settings.budgetUsd > 0 ? [`budget: $${settings.budgetUsd} (no call starts that would exceed it)`] : []),
    ].join('\n') + '\n',
  );
  return errors > 0 ? EXIT_ERROR : EXIT_OK;
}
