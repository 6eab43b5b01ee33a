import { parseMarkdown } from '../document/parse-markdown.js';
import { partitionPoint } from '../document/partition-point.js';
import type { ParsedDocument, ProtectedSpan, Section } from '../document/types.js';
import { score } from '../metrics/score.js';
import type { Finding, Metrics, ProfileId } from '../metrics/types.js';
import { refineTarget, type RefineRun, type RefineTarget, type TargetOutcome } from './refine-target.js';
import type { StopReason } from './types.js';

/**
 * Refines a long document section by section (see README.md). A section with
 * prose is sent when a whole-document finding of severity `warning` or
 * `error` falls inside it (a paragraph repeated from another section, an
 * overlong sentence), or when its own score is below the gate and it has
 * findings of its own; a section with no findings is never sent. Sections go
 * weakest first (own score). The prompt carries the whole-document findings
 * that fall inside the section, re-based to it. Each section gets up to
 * `maxIterations` calls and its own count of rejections in a row; at most
 * `maxSections` sections are sent (the weakest), so a document costs at most
 * `maxIterations` x `maxSections` calls, each judged on the whole document. A
 * candidate section is kept only if the guards pass on the section (its
 * numbers, inline code and URLs judged across the whole document) and on the
 * re-assembled document, and the whole document's quality strictly improves.
 *
 * Returns `gate-reached` as soon as the whole document reaches the gate;
 * `timeout`, `budget` and `error` end the run at once; otherwise, once every
 * selected section is done, `max-iterations` if some section used all its
 * calls, else `no-improvement` (also when no section could be sent).
 */
export async function refineSections(run: RefineRun): Promise<Exclude<StopReason, 'skipped'>> {
  const { texts, metrics, order } = planSections(run.text, run.metrics, run.options.profile, run.options.gate);
  const offsetOf = (index: number): number => texts.slice(0, index).reduce((total, text) => total + text.length, 0);
  const findingsOf = (index: number): Finding[] => findingsInside(run.metrics, offsetOf(index), texts[index]?.length ?? 0);
  let usedAllCalls = false;
  for (const index of order.slice(0, run.options.maxSections)) {
    const text = texts[index];
    const sectionMetrics = metrics[index];
    if (text === undefined || sectionMetrics === undefined) continue;
    const target: RefineTarget = {
      sectionIndex: index,
      text,
      document: null,
      metrics: sectionMetrics,
      assemble(candidate) {
        const copy = [...texts];
        copy[index] = candidate;
        return copy.join('');
      },
      promptFindings() {
        const inside = findingsOf(index);
        return inside.length > 0 ? inside : target.metrics.findings;
      },
      isDone() {
        return !isSectionToSend(findingsOf(index), target.metrics, run.options.gate);
      },
    };
    const outcome: TargetOutcome = await refineTarget(run, target);
    // The loop keeps the best text of the section in the target.
    texts[index] = target.text;
    if (outcome === 'section-done' || outcome === 'no-improvement' || outcome === 'max-iterations') {
      usedAllCalls ||= outcome === 'max-iterations';
      continue;
    }
    return outcome;
  }
  return usedAllCalls ? 'max-iterations' : 'no-improvement';
}

/** The sections of a long document and which of them are sent first. */
export interface SectionPlan {
  /** The text of every section, in document order; they join back into the document. */
  texts: string[];
  /** Metrics of every section scored alone. */
  metrics: Metrics[];
  /** Indexes of the sections to send, weakest (own score) first. */
  order: number[];
}

/**
 * Splits `text` into sections and selects those to send (see
 * {@link isSectionToSend}; a section without prose is never sent), weakest
 * first. `documentMetrics` are the metrics of the whole `text`.
 */
export function planSections(text: string, documentMetrics: Metrics, profile: ProfileId, gate: number): SectionPlan {
  const parsed = parseMarkdown(text);
  const texts = parsed.sections.map((section) => text.slice(section.start, section.end));
  const metrics = texts.map((sectionText) => score(sectionText, { profile }));
  // Sections are contiguous and in text order: the findings are dealt out to them in one pass (filtering every
  // finding for every section was quadratic: 20,000 sections, 1.6 MB, took 2 s to plan).
  const findings = [...documentMetrics.findings].sort((left, right) => left.range.start - right.range.start);
  let nextFinding = 0;
  const order = parsed.sections
    .filter((section) => {
      const own = metrics[section.index];
      while (nextFinding < findings.length && (findings[nextFinding] as Finding).range.start < section.start) nextFinding++;
      const inside: Finding[] = [];
      for (; nextFinding < findings.length && (findings[nextFinding] as Finding).range.start < section.end; nextFinding++) inside.push(findings[nextFinding] as Finding);
      return hasProse(parsed, section) && own !== undefined && isSectionToSend(inside, own, gate);
    })
    .map((section) => section.index)
    .sort((a, b) => (metrics[a]?.quality ?? 0) - (metrics[b]?.quality ?? 0) || a - b);
  return { texts, metrics, order };
}

/**
 * The selection rule: a whole-document finding of severity `warning` or
 * `error` inside the section, or the section's own score below the gate with
 * findings of its own. A short section scores low merely for being short, so
 * a low score alone is not a reason.
 */
export function isSectionToSend(documentFindings: readonly Finding[], own: Metrics, gate: number): boolean {
  if (documentFindings.some((finding) => finding.severity !== 'info')) return true;
  return own.quality < gate && own.findings.length > 0;
}

/** The findings of `metrics` that start inside `[offset, offset + length)`, with ranges re-based to that span and clipped to it. */
export function findingsInside(metrics: Metrics, offset: number, length: number): Finding[] {
  return metrics.findings
    .filter((finding) => finding.range.start >= offset && finding.range.start < offset + length)
    .map((finding) => ({
      ...finding,
      range: { start: finding.range.start - offset, end: Math.min(finding.range.end, offset + length) - offset },
    }));
}

/** Tells whether a section has words outside its heading and its protected spans, that is something a model may edit. */
function hasProse(parsed: ParsedDocument, section: Section): boolean {
  let prose = '';
  let position = section.heading === null ? section.start : Math.max(section.start, section.heading.range.end);
  // Protected spans are sorted and do not overlap: start at the first that ends after `position`.
  const spans = parsed.protectedSpans;
  for (let index = partitionPoint(spans, (span) => span.end <= position); index < spans.length; index++) {
    const span = spans[index] as ProtectedSpan;
    if (span.start >= section.end) break;
    if (span.end <= position) continue;
    prose += parsed.text.slice(position, Math.max(position, span.start));
    position = Math.max(position, span.end);
  }
  prose += parsed.text.slice(position, Math.max(position, section.end));
  return /[\p{L}\p{N}]/u.test(prose);
}
