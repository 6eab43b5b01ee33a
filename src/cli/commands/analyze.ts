/**
 * `miair analyze <inputs...>`: scores documents and prints the numbers and
 * findings; `--fail-under` turns it into a CI gate.
 */
import { score } from '../../metrics/score.js';
import { MiairError } from '../../errors.js';
import { writeText, type CliIo } from '../io.js';
import type { CliSettings } from '../resolve-settings.js';
import { noDocumentsMessage, readDocuments } from '../read-documents.js';
import { toAnalyzeRecord, type AnalyzeRow } from '../format/analyze-row.js';
import { ANALYZE_MARKDOWN_HEADER, createPalette, formatAnalyzeBlock, formatAnalyzeMarkdownRow } from '../format/analyze-table.js';
import { formatNumber } from '../format/format-number.js';
import { EXIT_BELOW_THRESHOLD, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK } from '../exit-codes.js';

/** Output formats of `miair analyze`. */
export const ANALYZE_FORMATS = ['table', 'json', 'ndjson', 'markdown'] as const;
export type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];

/**
 * Runs the analyze command and returns the exit code. When `io.signal` aborts
 * (SIGINT/SIGTERM), the document in progress is finished and printed, no
 * further input is read, and the summary says the run was interrupted (exit 130).
 */
export async function analyze(inputs: string[], format: AnalyzeFormat, settings: CliSettings, io: CliIo): Promise<number> {
  const palette = createPalette(io.stdout.isTTY === true);
  let count = 0;
  let errors = 0;
  let belowThreshold = 0;
  let qualitySum = 0;
  if (format === 'json') io.stdout.write('[');
  if (format === 'markdown') io.stdout.write(ANALYZE_MARKDOWN_HEADER);

  for await (const read of readDocuments(inputs, settings, io)) {
    let row: AnalyzeRow;
    if (read.error !== undefined) row = { path: read.path, error: read.error };
    else {
      try {
        row = { path: read.path, text: read.source.text, metrics: score(read.source.text, { profile: settings.profile }) };
      } catch (error) {
        row = { path: read.path, error: MiairError.from(error) };
      }
    }
    if (row.error !== undefined) errors += 1;
    else {
      qualitySum += row.metrics.quality;
      if (settings.failUnder !== null && row.metrics.quality < settings.failUnder) belowThreshold += 1;
    }
    // Waiting while stdout is full keeps memory flat behind a slow reader, and lets a reader that left (`| head`) stop the run.
    await writeText(io.stdout, formatAnalyzeOutput(row, format, count, settings.failUnder ?? settings.gate, palette));
    count += 1;
    // Files are read synchronously and scoring is synchronous, so without this turn of the event loop a signal
    // would not be seen until the walk of a whole directory input ended (measured: 5000 files, ~0.7 s).
    await new Promise((resolve) => setImmediate(resolve));
    // Checked after the row is printed, so a document already read is not lost; leaving the loop stops the reading.
    if (io.signal?.aborted === true) break;
  }
  const interrupted = io.signal?.aborted === true;
  if (format === 'json') io.stdout.write(count === 0 ? ']\n' : '\n]\n');

  if (count === 0 && !interrupted) {
    io.stderr.write(noDocumentsMessage(inputs));
    return EXIT_ERROR;
  }
  const scored = count - errors;
  const summary = [
    `${count} document${count === 1 ? '' : 's'}`,
    `mean quality ${scored === 0 ? '-' : formatNumber(qualitySum / scored, 1)} (${settings.profile})`,
    ...(errors > 0 ? [palette.red(`${errors} error${errors === 1 ? '' : 's'}`)] : []),
    ...(settings.failUnder !== null ? [`${belowThreshold} below ${settings.failUnder}`] : []),
    ...(interrupted ? ['interrupted: documents not yet read were skipped'] : []),
  ].join(', ');
  // The summary goes to stderr for machine formats so stdout stays parseable.
  (format === 'table' ? io.stdout : io.stderr).write(`${format === 'table' ? '\n' : ''}${summary}\n`);
  if (interrupted) return EXIT_INTERRUPTED;
  if (errors > 0) return EXIT_ERROR;
  return belowThreshold > 0 ? EXIT_BELOW_THRESHOLD : EXIT_OK;
}

function formatAnalyzeOutput(row: AnalyzeRow, format: AnalyzeFormat, index: number, threshold: number, palette: ReturnType<typeof createPalette>): string {
  switch (format) {
    case 'json':
      return `${index === 0 ? '\n' : ',\n'}${JSON.stringify(toAnalyzeRecord(row))}`;
    case 'ndjson':
      return `${JSON.stringify(toAnalyzeRecord(row))}\n`;
    case 'markdown':
      return formatAnalyzeMarkdownRow(row);
    case 'table':
      return formatAnalyzeBlock(row, threshold, palette);
  }
}
