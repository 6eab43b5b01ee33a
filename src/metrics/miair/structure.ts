import type { ParsedDocument } from '../../document/types.js';
import type { Finding } from '../types.js';
import { analyzeProse, type ProseBlock } from './analyze-prose.js';
import type { MetricResult, MiairMetric } from './miair-metric.js';

/** Documents with more words than this are expected to have headings. */
export const HEADINGS_FROM_WORDS = 150;
/** Words per expected heading in a document longer than {@link HEADINGS_FROM_WORDS}. */
export const WORDS_PER_HEADING = 800;
/** Words above which a paragraph is reported as too long. */
export const LONG_PARAGRAPH_WORDS = 120;
/** Documents with fewer words are too short to be judged on their mix of blocks. */
const VARIETY_FROM_WORDS = 40;
/** Points taken off the structure score for each code fence that is never closed. */
const UNCLOSED_FENCE_PENALTY = 40;

/** Reads a fenced code span: whether its opening line names a language and whether it is closed. */
export function inspectFence(text: string, start: number, end: number): { hasLanguage: boolean; isClosed: boolean } {
  // Opening line: indentation, a run of 3+ backticks or tildes, then the info string.
  let index = start;
  while (index < end && (text.charCodeAt(index) === 32 || text.charCodeAt(index) === 9)) index++;
  const fenceCode = text.charCodeAt(index);
  const runStart = index;
  while (index < end && text.charCodeAt(index) === fenceCode) index++;
  const runLength = index - runStart;
  if ((fenceCode !== 96 && fenceCode !== 126) || runLength < 3) return { hasLanguage: true, isClosed: true };
  let openingEnd = text.indexOf('\n', index);
  if (openingEnd === -1 || openingEnd > end) openingEnd = end;
  let hasLanguage = false;
  for (let position = index; position < openingEnd && !hasLanguage; position++) hasLanguage = !isBlankCode(text.charCodeAt(position));
  // Closing line: the last line after trailing line breaks, trimmed, only fence characters, starting with the opening run.
  let lastEnd = end;
  while (lastEnd > start && text.charCodeAt(lastEnd - 1) === 10) lastEnd--;
  if (lastEnd <= openingEnd) return { hasLanguage, isClosed: false };
  const lastStart = text.lastIndexOf('\n', lastEnd - 1) + 1;
  let first = lastStart;
  let last = lastEnd;
  while (first < last && isBlankCode(text.charCodeAt(first))) first++;
  while (last > first && isBlankCode(text.charCodeAt(last - 1))) last--;
  const closingCode = text.charCodeAt(first);
  let isClosed = last - first >= runLength && closingCode === fenceCode;
  for (let position = first; position < last && isClosed; position++) isClosed = text.charCodeAt(position) === closingCode;
  return { hasLanguage, isClosed };
}

/** White space as `String.prototype.trim` sees it on a line (no line breaks here). */
function isBlankCode(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 11 || code === 12 || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x1680 || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

/**
 * Structure (`structure`): how the document is laid out.
 * score = max(0, 0.30 * H + 0.25 * P + 0.25 * V + 0.20 * F - 40 * unclosedFences), each part 0-100:
 * H headings: 100 up to 150 words, else 100 * min(1, headings / max(1, words / 800));
 * P paragraphs: 100 * (1 - words beyond 120 in any paragraph / prose words);
 * V variety (documents of 40 words or more): share of {has a heading, has a list, table or code, has two or more blocks};
 * F code fences: share of fenced code blocks whose opening names a language (100 without fences).
 */
export function measureStructure(document: ParsedDocument): MetricResult {
  const { blocks, table } = analyzeProse(document);
  const { text } = document;
  const findings: Finding[] = [];
  const totalWords = table.count;

  const headingCount = document.headings.length;
  const expectedHeadings = totalWords <= HEADINGS_FROM_WORDS ? 0 : Math.max(1, totalWords / WORDS_PER_HEADING);
  const headingScore = expectedHeadings === 0 ? 100 : 100 * Math.min(1, headingCount / expectedHeadings);
  if (headingCount < expectedHeadings) {
    const longest = longestSection(document, blocks);
    findings.push({
      metric: 'missing-headings',
      message: `${totalWords} words under ${headingCount} heading(s): add a heading about every ${WORDS_PER_HEADING} words so readers can scan.`,
      severity: 'warning',
      range: longest,
    });
  }

  let proseWords = 0;
  let overflowWords = 0;
  let hasListTableOrCode = false;
  let contentBlocks = 0;
  for (const block of blocks) {
    if (block.kind === 'list-item' || block.kind === 'table' || block.kind === 'code') hasListTableOrCode = true;
    if (block.kind !== 'heading' && block.kind !== 'other') contentBlocks++;
    if (block.kind !== 'paragraph' && block.kind !== 'quote' && block.kind !== 'list-item') continue;
    proseWords += block.wordCount;
    if (block.wordCount > LONG_PARAGRAPH_WORDS) {
      overflowWords += block.wordCount - LONG_PARAGRAPH_WORDS;
      findings.push({
        metric: 'long-paragraph',
        message: `Paragraph of ${block.wordCount} words: split it into paragraphs of at most ${LONG_PARAGRAPH_WORDS} words, or a list.`,
        severity: 'warning',
        range: { start: block.start, end: block.end },
      });
    }
  }
  const paragraphScore = proseWords === 0 ? 100 : 100 * (1 - overflowWords / proseWords);

  let varietyScore = 100;
  if (totalWords >= VARIETY_FROM_WORDS) {
    const checks = [headingCount > 0, hasListTableOrCode, contentBlocks >= 2];
    varietyScore = (100 * checks.filter(Boolean).length) / checks.length;
    if (varietyScore < 100) {
      const missing = [
        headingCount > 0 ? '' : 'a title heading',
        hasListTableOrCode ? '' : 'a list or code example',
        contentBlocks >= 2 ? '' : 'paragraph breaks',
      ].filter((part) => part.length > 0);
      findings.push({
        metric: 'flat-structure',
        message: `The document is one undivided block: add ${missing.join(', ')}.`,
        severity: 'warning',
        range: { start: 0, end: text.length },
      });
    }
  }

  let fences = 0;
  let fencesWithLanguage = 0;
  let unclosedFences = 0;
  for (const span of document.protectedSpans) {
    if (span.kind !== 'fenced-code') continue;
    fences++;
    const { hasLanguage, isClosed } = inspectFence(text, span.start, span.end);
    if (hasLanguage) fencesWithLanguage++;
    else {
      findings.push({
        metric: 'code-fence-language',
        message: 'Name the language after the opening fence (```bash, ```ts, ```text) so it is highlighted and can be checked.',
        severity: 'info',
        range: { start: span.start, end: span.end },
      });
    }
    if (!isClosed) {
      unclosedFences++;
      findings.push({
        metric: 'unclosed-code-fence',
        message: 'This code fence is never closed, so the rest of the document renders as code: add the closing fence.',
        severity: 'error',
        range: { start: span.start, end: span.end },
      });
    }
  }
  const fenceScore = fences === 0 ? 100 : (100 * fencesWithLanguage) / fences;
  const score = Math.max(
    0,
    0.3 * headingScore + 0.25 * paragraphScore + 0.25 * varietyScore + 0.2 * fenceScore - UNCLOSED_FENCE_PENALTY * unclosedFences,
  );
  return {
    score,
    values: { headings: headingCount, expectedHeadings, headingScore, paragraphScore, varietyScore, fenceScore, fences, unclosedFences },
    findings,
  };
}

function longestSection(document: ParsedDocument, blocks: readonly ProseBlock[]): { start: number; end: number } {
  const wordsBySection = new Map<number, number>();
  for (const block of blocks) wordsBySection.set(block.sectionIndex, (wordsBySection.get(block.sectionIndex) ?? 0) + block.wordCount);
  let best = 0;
  let bestWords = -1;
  for (const [index, count] of wordsBySection) {
    if (count > bestWords) {
      bestWords = count;
      best = index;
    }
  }
  const section = document.sections[best];
  return section === undefined ? { start: 0, end: document.text.length } : { start: section.start, end: section.end };
}

/** The structure component as a {@link MiairMetric}. */
export const structure: MiairMetric = { id: 'structure', measure: measureStructure };
