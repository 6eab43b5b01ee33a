import { parseMarkdown } from '../document/parse-markdown.js';
import type { ParsedDocument, Section } from '../document/types.js';
import { score } from '../metrics/score.js';
import { refineTarget, type RefineRun, type RefineTarget, type TargetOutcome } from './refine-target.js';
import type { StopReason } from './types.js';

/**
 * Refines a long document section by section (see README.md): the sections
 * with prose whose own score is below the gate are refined one after the
 * other, weakest first; a section at the gate, or without prose, is never
 * sent. Each section gets up to `maxIterations` calls and its own count of
 * rejections in a row, so a document costs at most `maxIterations` times its
 * number of sections. A candidate section is kept only if the guards pass on
 * the section and on the re-assembled document, and the whole document's
 * quality strictly improves.
 *
 * Returns `gate-reached` as soon as the whole document reaches the gate;
 * `timeout`, `budget` and `error` end the run at once; otherwise, once every
 * weak section is done, `max-iterations` if some section used all its calls,
 * else `no-improvement` (also when no section could be sent).
 */
export async function refineSections(run: RefineRun): Promise<Exclude<StopReason, 'skipped'>> {
  const parsed = parseMarkdown(run.text);
  const texts = parsed.sections.map((section) => run.text.slice(section.start, section.end));
  const profile = run.options.profile;
  const metrics = texts.map((text) => score(text, { profile }));
  const order = parsed.sections
    .filter((section) => hasProse(parsed, section) && (metrics[section.index]?.quality ?? 0) < run.options.gate)
    .map((section) => section.index)
    .sort((a, b) => (metrics[a]?.quality ?? 0) - (metrics[b]?.quality ?? 0) || a - b);
  let usedAllCalls = false;
  for (const index of order) {
    const text = texts[index];
    const sectionMetrics = metrics[index];
    if (text === undefined || sectionMetrics === undefined) continue;
    const target: RefineTarget = {
      sectionIndex: index,
      text,
      metrics: sectionMetrics,
      assemble(candidate) {
        const copy = [...texts];
        copy[index] = candidate;
        return copy.join('');
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

/** Tells whether a section has words outside its heading and its protected spans, that is something a model may edit. */
function hasProse(parsed: ParsedDocument, section: Section): boolean {
  let prose = '';
  let position = section.heading === null ? section.start : Math.max(section.start, section.heading.range.end);
  for (const span of parsed.protectedSpans) {
    if (span.end <= position || span.start >= section.end) continue;
    prose += parsed.text.slice(position, Math.max(position, span.start));
    position = Math.max(position, span.end);
  }
  prose += parsed.text.slice(position, Math.max(position, section.end));
  return /[\p{L}\p{N}]/u.test(prose);
}
