/**
 * Human-readable output of `miair analyze`: one block per document with its
 * scores and its most important findings, located by line and column.
 */
import pc from 'picocolors';
import type { Finding } from '../../metrics/types.js';
import { createPositionLookup } from '../text-position.js';
import type { AnalyzeRow } from './analyze-row.js';
import { formatNumber } from './format-number.js';
import { printable } from './printable.js';

/** Findings shown per document in the table; `--format json` shows all. */
export const FINDINGS_SHOWN = 5;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Colours used when the output is a terminal. */
export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

/** The palette for a sink: colours on a TTY (picocolors honours NO_COLOR), plain otherwise. */
export function createPalette(isColor: boolean): Palette {
  const colors = pc.createColors(isColor);
  return { bold: colors.bold, dim: colors.dim, red: colors.red, yellow: colors.yellow, green: colors.green };
}

/** Formats one row of `miair analyze` as text lines. */
export function formatAnalyzeBlock(row: AnalyzeRow, gate: number, palette: Palette): string {
  if (row.error !== undefined) return `${palette.bold(printable(row.path))}  ${palette.red(`error ${row.error.code}`)}: ${printable(row.error.message)}\n`;
  const { metrics } = row;
  const quality = formatNumber(metrics.quality, 1);
  const colored = metrics.quality >= gate ? palette.green(quality) : palette.yellow(quality);
  const lines = [
    `${palette.bold(printable(row.path))}  quality ${colored}  words ${metrics.words}  entropy ${formatNumber(metrics.entropy, 2)} bits  coherence ${formatNumber(metrics.coherence, 2)}`,
  ];
  const findings = [...metrics.findings].sort(compareFindings);
  const position = createPositionLookup(row.text);
  for (const finding of findings.slice(0, FINDINGS_SHOWN)) {
    const { line, column } = position(finding.range.start);
    const severity = finding.severity === 'error' ? palette.red(finding.severity) : finding.severity === 'warning' ? palette.yellow(finding.severity) : palette.dim(finding.severity);
    lines.push(`  ${`${line}:${column}`.padEnd(8)} ${severity.padEnd(7)} ${printable(finding.message)} ${palette.dim(finding.metric)}`);
  }
  if (findings.length > FINDINGS_SHOWN) lines.push(palette.dim(`  ... and ${findings.length - FINDINGS_SHOWN} more (--format json lists all)`));
  return `${lines.join('\n')}\n`;
}

function compareFindings(left: Finding, right: Finding): number {
  return SEVERITY_ORDER[left.severity] - SEVERITY_ORDER[right.severity] || left.range.start - right.range.start;
}

/** A Markdown table row for `--format markdown`. */
export function formatAnalyzeMarkdownRow(row: AnalyzeRow): string {
  const path = markdownCellText(row.path);
  if (row.error !== undefined) return `| ${path} | error | ${row.error.code} | | | |\n`;
  const { metrics } = row;
  return `| ${path} | ${formatNumber(metrics.quality, 1)} | ${metrics.words} | ${formatNumber(metrics.entropy, 2)} | ${formatNumber(metrics.coherence, 2)} | ${metrics.findings.length} |\n`;
}

/** The header of the `--format markdown` table. */
export const ANALYZE_MARKDOWN_HEADER = '| path | quality | words | entropy (bits) | coherence | findings |\n|---|---:|---:|---:|---:|---:|\n';

/**
 * `text` as the content of one GFM table cell, shown as written: backslashes,
 * pipes and backticks escaped (a bare `\\|` let the pipe split the cell, a
 * backtick opened a code span), line breaks as `<br>` (they ended the row).
 */
export function markdownCellText(text: string): string {
  return printable(text.replace(/[\\|`]/g, '\\$&').replace(/\r\n|\r|\n/g, '<br>'));
}
