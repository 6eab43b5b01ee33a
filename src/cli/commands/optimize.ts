/**
 * `miair optimize <inputs...>`: refines the documents below the gate and
 * writes the results atomically to `--out DIR` (mirroring the input tree) or
 * back to the inputs with `--in-place`.
 */
import path from 'node:path';
import { refine } from '../../refine/refine.js';
import { createDocumentPatch } from '../format/create-document-patch.js';
import type { RefineOptions, RefineResult } from '../../refine/types.js';
import { refineOptionsOf } from '../refine-options-of.js';
import { existsSync } from 'node:fs';
import { hashContent } from '../../cache/hash-content.js';
import { openJournal, type Journal, type JsonValue } from '../../pipeline/journal/index.js';
import { runSettingsHash } from '../run-settings-hash.js';
import { encodeText, writeFileAtomic } from '../../document/index.js';
import type { TextEncodingInfo } from '../../document/types.js';
import { MiairError } from '../../errors.js';
import type { LanguageModel } from '../../providers/spec.js';
import { mapOrdered } from '../../pipeline/map-ordered.js';
import { createLineWriter, writeText, type CliIo } from '../io.js';
import type { CliSettings } from '../resolve-settings.js';
import { noDocumentsMessage, readDocuments } from '../read-documents.js';
import { isInside } from '../output-path.js';
import { placeOutputs, type PlacedRow } from '../place-outputs.js';
import { createPalette } from '../format/analyze-table.js';
import { formatNumber } from '../format/format-number.js';
import { createProgress } from '../progress.js';
import { toOptimizeRecord, type OptimizeRecord, type OptimizeRow } from '../format/optimize-row.js';
import { printable } from '../format/printable.js';
import { countTruncated, truncatedSummary } from '../format/truncated-summary.js';
import { EXIT_BELOW_THRESHOLD, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK } from '../exit-codes.js';

/** Output formats of `miair optimize`. */
export const OPTIMIZE_FORMATS = ['text', 'ndjson'] as const;
export type OptimizeFormat = (typeof OPTIMIZE_FORMATS)[number];

/** What to do with the refined text. */
export interface OptimizeOutputOptions {
  format: OptimizeFormat;
  out: string | null;
  inPlace: boolean;
  dryRun: boolean;
  diff: boolean;
  progress: boolean;
  /** Reads the response cache's hit count for the summary. */
  readCacheHits: () => number;
  /** Refines one document with the run's options (on this thread or in a worker). @default refine on this thread */
  refineDocument?: (text: string) => Promise<RefineResult>;
  /** Ignore the journal an earlier run left in the output directory. */
  restart: boolean;
}

/** The run journal's file inside the `--out` directory (never read as an input: the directory is skipped). */
export const JOURNAL_FILE_NAME = '.miair-journal.ndjson';

/** Runs the optimize command with a model already created; returns the exit code. */
export async function optimize(inputs: string[], output: OptimizeOutputOptions, settings: CliSettings, model: LanguageModel, io: CliIo): Promise<number> {
  const palette = createPalette(io.stdout.isTTY === true);
  const writes = !output.dryRun && (output.out !== null || output.inPlace);
  const progress = output.progress && io.stderr.isTTY === true ? createProgress(io.stderr) : null;
  const totals = { count: 0, improved: 0, unchanged: 0, errors: 0, belowThreshold: 0, qualityBefore: 0, qualityAfter: 0, scored: 0, iterations: 0, costUsd: 0, budgetStops: 0, resumed: 0, sameFile: 0, truncated: 0 };
  const startedAt = performance.now();
  // Whether the refined text of stdin went to stdout: an unreadable stdin (too large, binary) prints its error instead.
  let isStdinWritten = false;

  const outDir = output.out;
  // A rerun over the same tree must not read its own earlier output as input.
  const skip = outDir === null ? undefined : (file: string): boolean => file !== '-' && isInside(file, outDir, io.cwd);
  // Output paths are decided in input order before any refinement, so a collision costs no model call.
  const rows = placeOutputs(readDocuments(inputs, { ...settings, ...(skip === undefined ? {} : { skip }) }, io), { out: outDir, inPlace: output.inPlace, cwd: io.cwd });
  const refineOptions = refineOptionsOf(settings, model);
  // With --out, a journal in the output directory makes the run resumable: finished documents are not refined again.
  const journal =
    writes && outDir !== null ? await openJournal({ path: path.join(path.resolve(io.cwd, outDir), JOURNAL_FILE_NAME), settingsHash: runSettingsHash(settings, model), restart: output.restart }) : null;
  const results = mapOrdered(rows, settings.concurrency, async (placed) => {
    const row = await optimizeOne(placed, output, refineOptions, io, writes, journal);
    placed.settle?.(toOptimizeRecord(row));
    return row;
  });

  const lines = createLineWriter(io.stdout);
  for await (const row of results) {
    const record = toOptimizeRecord(row);
    // An input that is the same file as an earlier one repeats that one's row: counting it again would count one file twice.
    if (row.sameFileAs !== undefined) totals.sameFile += 1;
    else {
      totals.count += 1;
      if (record.status === 'error') totals.errors += 1;
      if (row.replayed !== undefined) totals.resumed += 1;
      if (row.result !== undefined) {
        totals.costUsd += row.result.costUsd;
        if (row.result.stopReason === 'budget') totals.budgetStops += 1;
        if (row.replayed === undefined) totals.truncated += countTruncated(row.result);
      }
      if (record.initialQuality !== null && record.finalQuality !== null) {
        totals.scored += 1;
        totals.iterations += row.replayed === undefined ? record.iterations : 0;
        totals.qualityBefore += record.initialQuality;
        totals.qualityAfter += record.finalQuality;
        // A candidate is kept only when quality strictly rises: a higher score means a changed text.
        if (record.status === 'ok') {
          if (record.finalQuality > record.initialQuality) totals.improved += 1;
          else totals.unchanged += 1;
        }
        if (settings.failUnder !== null && record.finalQuality < settings.failUnder) totals.belowThreshold += 1;
      }
    }
    if (journal !== null && row.replayed === undefined && row.outputPath !== undefined && record.status === 'ok') {
      // The output was written (atomically) before this line: a crash in between only redoes the document.
      journal.append(row.path, row.contentHash ?? '', record as unknown as JsonValue, row.unsyncedDirectories);
    }
    progress?.clear();
    if (output.format === 'ndjson') await lines.write(`${JSON.stringify(record)}\n`);
    else {
      // Written at once (the progress line is cleared for it), waiting while stdout is full: a reader that left (`| head`) stops the run.
      if (output.diff && row.result !== undefined && row.result.text !== row.result.inputText) {
        // The file's own bytes (BOM, CRLF), so that `patch` applies it; a header after a tab lets `patch` read a
        // name with spaces whole (it takes a name up to a tab, else up to the first space).
        const encoding = row.encoding ?? LF_WITHOUT_BOM;
        await writeText(io.stdout, createDocumentPatch(row.path, row.outputPath ?? row.path, encodeText(row.result.inputText, encoding), encodeText(row.result.text, encoding), 'original', 'refined'));
      }
      if (row.path === '-' && output.out === null && row.result !== undefined && !output.dryRun) {
        await writeText(io.stdout, row.result.text);
        isStdinWritten = true;
      }
      else await writeText(io.stdout, formatOptimizeLine(row, palette));
    }
    progress?.update(totals.count, totals.improved, totals.errors);
  }
  await lines.flush();
  progress?.stop();
  await journal?.close();

  const seconds = (performance.now() - startedAt) / 1000;
  const interrupted = io.signal?.aborted === true;
  if (totals.count === 0 && !interrupted) {
    io.stderr.write(noDocumentsMessage(inputs));
    return EXIT_ERROR;
  }
  const mean = (sum: number): string => (totals.scored === 0 ? '-' : formatNumber(sum / totals.scored, 1));
  const summary = [
    `${totals.count} document${totals.count === 1 ? '' : 's'}: ${totals.improved} improved, ${totals.unchanged} unchanged, ${totals.errors} error${totals.errors === 1 ? '' : 's'}`,
    `mean quality ${mean(totals.qualityBefore)} -> ${mean(totals.qualityAfter)} (${settings.profile}, gate ${settings.gate})`,
    `${totals.iterations} model call${totals.iterations === 1 ? '' : 's'} (${model.provider}/${model.modelId}) in ${formatNumber(seconds, 2)} s${output.readCacheHits() > 0 ? `, ${output.readCacheHits()} from the cache` : ''}${totals.costUsd > 0 ? `, $${totals.costUsd.toFixed(4)}` : ''}${totals.budgetStops > 0 ? `; ${totals.budgetStops} stopped by the budget` : ''}`,
    writes ? (output.inPlace ? 'written in place' : `written to ${output.out ?? ''}`) : output.dryRun ? 'dry run: nothing written' : unsavedSummary(inputs, output, isStdinWritten),
    ...(settings.failUnder !== null ? [`${totals.belowThreshold} below ${settings.failUnder}`] : []),
    ...(totals.sameFile > 0 ? [`${totals.sameFile} input${totals.sameFile === 1 ? ' was' : 's were'} the same file as an earlier one (refined once)`] : []),
    ...(totals.resumed > 0 ? [`${totals.resumed} resumed from the journal of an earlier run (--restart redoes them)`] : []),
    ...(totals.truncated > 0 ? [truncatedSummary(totals.truncated, settings.maxOutputTokens)] : []),
    ...(interrupted ? ['interrupted: documents not started were skipped; run the same command again to resume'] : []),
  ];
  // Machine output and stdin text keep stdout clean: the summary goes to stderr.
  const summarySink = output.format === 'ndjson' || inputs.includes('-') ? io.stderr : io.stdout;
  summarySink.write(`${summary.join('\n')}\n`);
  if (interrupted) return EXIT_INTERRUPTED;
  if (totals.errors > 0) return EXIT_ERROR;
  return totals.belowThreshold > 0 ? EXIT_BELOW_THRESHOLD : EXIT_OK;
}

async function optimizeOne(placed: PlacedRow, output: OptimizeOutputOptions, refineOptions: RefineOptions, io: CliIo, writes: boolean, journal: Journal | null): Promise<OptimizeRow> {
  const { read } = placed;
  if (read.error !== undefined) return { path: read.path, error: read.error };
  if (placed.sameFileAs !== undefined) {
    // The earlier input of this file was started first (inputs start in order), so this wait holds no slot it needs.
    const record = await placed.sameFileAs.record;
    return { path: read.path, replayed: { ...record, path: read.path }, sameFileAs: placed.sameFileAs.path };
  }
  if (io.signal?.aborted === true) return { path: read.path, error: new MiairError('ABORTED', 'Interrupted before this document was started. Run the command again to process it.') };
  const { source } = read;
  const contentHash = journal === null ? undefined : hashContent(source.text);
  const recorded = journal === null || contentHash === undefined ? undefined : (journal.lookup(read.path, contentHash) as OptimizeRecord | undefined);
  if (recorded !== undefined && recorded.outputPath !== null && existsSync(path.resolve(io.cwd, recorded.outputPath))) return { path: read.path, replayed: recorded };
  try {
    const result = output.refineDocument === undefined
      ? await refine(source.text, { ...refineOptions, ...(io.signal === undefined ? {} : { abortSignal: io.signal }) })
      : await output.refineDocument(source.text);
    if (result.stopReason === 'error') return { path: read.path, result, error: result.error ?? new MiairError('INTERNAL', 'Refinement failed without an error.') };
    let outputPath: string | undefined;
    // With a journal, the directory syncs of the writes are grouped: the journal does them once per batch before it records them.
    const unsyncedDirectories = journal === null ? undefined : new Set<string>();
    if (writes) {
      const { target } = placed;
      // In place, an unchanged document is not rewritten; under --out every document is, so the tree is complete.
      if (target !== undefined && (!output.inPlace || result.text !== result.inputText)) {
        await writeFileAtomic(target, encodeText(result.text, source.encoding), unsyncedDirectories === undefined ? {} : { deferDirectorySyncs: unsyncedDirectories });
        // In place, the target is the real path behind a symbolic link; the row names the input as given.
        const shown = output.inPlace ? path.resolve(io.cwd, read.path) : target;
        const relative = path.relative(io.cwd, shown);
        outputPath = relative.startsWith('..') || path.isAbsolute(relative) ? shown : relative;
      }
    }
    return {
      path: read.path,
      result,
      ...(outputPath === undefined ? {} : { outputPath }),
      ...(contentHash === undefined ? {} : { contentHash }),
      encoding: source.encoding,
      ...(unsyncedDirectories === undefined ? {} : { unsyncedDirectories }),
    };
  } catch (error) {
    return { path: read.path, error: MiairError.from(error) };
  }
}

function formatOptimizeLine(row: OptimizeRow, palette: ReturnType<typeof createPalette>): string {
  if (row.sameFileAs !== undefined && row.replayed !== undefined) {
    const { initialQuality, finalQuality, outputPath, error } = row.replayed;
    const note = palette.dim(`same file as ${printable(row.sameFileAs)}${outputPath === null ? '' : `  -> ${printable(outputPath)}`}`);
    if (error !== null) return `${palette.bold(printable(row.path))}  ${palette.red(`error ${error.code}`)}: ${printable(error.message)}  ${note}\n`;
    return `${palette.bold(printable(row.path))}  ${formatNumber(initialQuality ?? 0, 1)} -> ${formatNumber(finalQuality ?? 0, 1)}  ${note}\n`;
  }
  if (row.replayed !== undefined) {
    const { initialQuality, finalQuality, outputPath } = row.replayed;
    return `${palette.bold(printable(row.path))}  ${formatNumber(initialQuality ?? 0, 1)} -> ${formatNumber(finalQuality ?? 0, 1)}  resumed  ${palette.dim(`done in an earlier run${outputPath === null ? '' : `  -> ${printable(outputPath)}`}`)}\n`;
  }
  if (row.result === undefined) return `${palette.bold(printable(row.path))}  ${palette.red(`error ${row.error?.code ?? 'INTERNAL'}`)}: ${printable(row.error?.message ?? '')}\n`;
  const before = formatNumber(row.result.initialMetrics.quality, 1);
  const after = formatNumber(row.result.finalMetrics.quality, 1);
  const changed = row.result.text !== row.result.inputText;
  const status = row.error !== undefined ? palette.red(`error ${row.error.code}: ${printable(row.error.message)}`) : row.result.stopReason;
  return `${palette.bold(printable(row.path))}  ${before} -> ${changed ? palette.green(after) : after}  ${status}  ${row.result.iterations.length} iteration${row.result.iterations.length === 1 ? '' : 's'}${row.outputPath === undefined ? '' : palette.dim(`  -> ${printable(row.outputPath)}`)}\n`;
}

const LF_WITHOUT_BOM: TextEncodingInfo = { lineEnding: 'lf', hasBom: false };

/** The last word of a run that saved no file: stdin's refined text went to stdout (text format), the files' nowhere. */
function unsavedSummary(inputs: readonly string[], output: OptimizeOutputOptions, isStdinWritten: boolean): string {
  if (!isStdinWritten) return 'nothing written: pass --out DIR or --in-place to save the results';
  return inputs.every((input) => input === '-') ? 'refined text written to stdout' : 'refined stdin written to stdout; files not written: pass --out DIR to save them';
}
