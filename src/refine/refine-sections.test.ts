import { describe, expect, it } from 'vitest';
import type { Metrics } from '../metrics/types.js';
import { score } from '../metrics/score.js';
import { createLocalModel } from '../providers/local/create-local-model.js';
import { extractDocumentBlock } from '../providers/document-block.js';
import type { LanguageModel } from '../providers/spec.js';
import { expectLinearTime } from '../test-support/expect-linear-time.js';
import { findingsInside, isSectionToSend, planSections } from './refine-sections.js';
import { refine } from './refine.js';

interface RecordingModel extends LanguageModel {
  received: string[];
  prompts: string[];
}

/** A fake model that answers each section from `answers`, or echoes it back unchanged. */
function createRecordingModel(answers: Record<string, string>): RecordingModel {
  const received: string[] = [];
  const prompts: string[] = [];
  return {
    provider: 'fake',
    modelId: 'sections',
    received,
    prompts,
    doGenerate(options) {
      const document = extractDocumentBlock(options.messages) ?? '';
      received.push(document);
      prompts.push(options.messages.map((message) => message.content).join('\n'));
      return Promise.resolve({ text: answers[document] ?? document, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] });
    },
  };
}

// miair scores, alone (checked below): INTRO without findings; USAGE at the gate (the gate is its score)
// but it holds REPEATED, a paragraph of INTRO said again (a whole-document finding); NOTES far below the
// gate with placeholders no model here fixes; LICENSE below the gate only for being short, without findings.
const REPEATED = 'Quarry copies 64 files at once with `--jobs`. It retries each failed copy before it reports an error to the console.';
const INTRO = [
  '# Quarry',
  '',
  'Quarry moves large trees of files between disks and servers. It keeps the modification times and the permissions of every file it copies, so a backup looks exactly like its source.',
  '',
  REPEATED,
  '',
  '- Copies in parallel.',
  '- Resumes after a crash.',
  '',
  '```sh',
  'quarry copy ./src /mnt/backup',
  '```',
  '',
  '',
].join('\n');
const USAGE = `## Usage\n\nPoint the tool at a source folder and a target folder, then wait for the summary line at the end of the run. Stop it with Ctrl+C whenever you like: the next run picks up where this one left off.\n\n${REPEATED}\n\n`;
const NOTES = '## Notes\n\nTODO: describe the retry policy. TBD.\n\n';
const LICENSE = '## License\n\nMIT, see the license file.\n';
const DOCUMENT = INTRO + USAGE + NOTES + LICENSE;
const GATE = score(USAGE).quality;
const options = { gate: GATE, sectionThresholdChars: 100 };

describe('refine on a long document', () => {
  it('checks its scoring assumptions when the tests start', () => {
    const whole = score(DOCUMENT);
    expect(whole.quality).toBeLessThan(GATE);
    expect(score(INTRO + USAGE.replace(`${REPEATED}\n\n`, '') + NOTES + LICENSE).quality).toBeLessThan(GATE);
    const repeats = whole.findings.filter((finding) => finding.metric.startsWith('repeated-') && finding.severity !== 'info');
    expect(repeats.length).toBeGreaterThan(0);
    expect(repeats.every((finding) => finding.range.start >= INTRO.length + USAGE.indexOf(REPEATED))).toBe(true);
    expect(score(INTRO).findings).toEqual([]);
    expect(score(USAGE).findings.length).toBeGreaterThan(0);
    expect(score(NOTES).quality).toBeLessThan(score(LICENSE).quality);
    expect(score(LICENSE).quality).toBeLessThan(GATE);
    expect(score(LICENSE).findings).toEqual([]);
  });

  it('sends the sections with findings, weakest first, and never a clean short section', async () => {
    const model = createRecordingModel({});
    const result = await refine(DOCUMENT, { ...options, model });
    expect(model.received).toEqual([NOTES, NOTES, USAGE, USAGE]);
    expect(result.iterations.map((iteration) => iteration.sectionIndex)).toEqual([2, 2, 1, 1]);
    expect(result.stopReason).toBe('no-improvement');
    expect(result.text).toBe(DOCUMENT);
  });

  it('carries the whole-document findings of a section with ranges re-based to it', async () => {
    const model = createRecordingModel({});
    await refine(DOCUMENT, { ...options, model, maxIterations: 1 });
    const usagePrompt = model.prompts[1] ?? '';
    expect(usagePrompt).toMatch(/\] repeated-(?:paragraph|sentence) at line 5:/);
    expect(model.prompts[0]).not.toMatch(/repeated-/);
  });

  it('removes a paragraph repeated from another section when the local model refines it', async () => {
    const result = await refine(DOCUMENT, { ...options, model: createLocalModel() });
    expect(result.text.split(REPEATED)).toHaveLength(3 - 1);
    expect(result.text).toContain(INTRO);
    expect(result.text.endsWith(LICENSE)).toBe(true);
    expect(result.finalMetrics.quality).toBeGreaterThan(result.initialMetrics.quality);
    expect(result.finalMetrics.findings.some((finding) => finding.metric.startsWith('repeated-'))).toBe(false);
    expect(result.iterations.some((iteration) => iteration.sectionIndex === 1 && iteration.accepted)).toBe(true);
    expect(result.iterations.every((iteration) => iteration.sectionIndex === 1 || iteration.sectionIndex === 2)).toBe(true);
  });

  it('accepts a section candidate only when the whole document improves', async () => {
    const notesBetter = '## Notes\n\nThe tool retries a failed copy three times.\n\n';
    const worse = '## Notes\n\nTODO: TBD. TODO: TBD.\n\n';
    const model = createRecordingModel({ [NOTES]: worse, [worse]: notesBetter, [USAGE]: USAGE.replace(`${REPEATED}\n\n`, '') });
    const result = await refine(DOCUMENT, { ...options, model, maxRejections: 1 });
    expect(result.iterations[0]).toMatchObject({ sectionIndex: 2, accepted: false, rejectionReason: 'not-improved' });
    expect(result.iterations[1]).toMatchObject({ sectionIndex: 1, accepted: true });
    expect(result.text).toBe(INTRO + USAGE.replace(`${REPEATED}\n\n`, '') + NOTES + LICENSE);
    expect(result.finalMetrics).toEqual(score(result.text));
  });

  it('keeps each section to maxIterations calls and reports max-iterations', async () => {
    const model = createRecordingModel({});
    const result = await refine(DOCUMENT, { ...options, model, maxIterations: 1 });
    expect(model.received).toEqual([NOTES, USAGE]);
    expect(result.stopReason).toBe('max-iterations');
  });

  it('sends at most maxSections sections, the weakest', async () => {
    const model = createRecordingModel({});
    const result = await refine(DOCUMENT, { ...options, model, maxIterations: 1, maxSections: 1 });
    expect(model.received).toEqual([NOTES]);
    expect(result.iterations.map((iteration) => iteration.sectionIndex)).toEqual([2]);
  });

  it('stops with gate-reached as soon as the whole document reaches the gate', async () => {
    const notesBetter = '## Notes\n\nThe tool retries a failed copy three times.\n\n';
    const gate = score(INTRO + USAGE + notesBetter + LICENSE).quality;
    expect(gate).toBeGreaterThan(score(DOCUMENT).quality);
    const model = createRecordingModel({ [NOTES]: notesBetter });
    const result = await refine(DOCUMENT, { ...options, model, gate });
    expect(result.stopReason).toBe('gate-reached');
    expect(model.received).toEqual([NOTES]);
  });

  it('sends nothing and reports no-improvement when no section has findings', async () => {
    const text = INTRO + LICENSE;
    const model = createRecordingModel({});
    const result = await refine(text, { ...options, model, gate: 99 });
    expect(model.received).toEqual([]);
    expect(result.stopReason).toBe('no-improvement');
  });

  it('sends nothing when the profile reports no findings', async () => {
    const model = createRecordingModel({});
    const result = await refine(DOCUMENT, { ...options, profile: 'devdocai', model, gate: 99 });
    expect(model.received).toEqual([]);
    expect(result.stopReason).toBe('no-improvement');
  });
});

describe('isSectionToSend', () => {
  const own = (quality: number, findings: number): Metrics => ({ ...score('Some words here.'), quality, findings: score('the the cat sat.').findings.slice(0, findings) });
  const finding = (severity: 'error' | 'warning' | 'info') => ({ metric: 'x', message: 'x', severity, range: { start: 0, end: 1 } });

  it.each([
    ['sends a section with a whole-document warning', [finding('warning')], own(95, 0), true],
    ['sends a section with a whole-document error', [finding('error')], own(95, 0), true],
    ['keeps a section when the whole document has only info findings in it and it is at the gate', [finding('info')], own(95, 1), false],
    ['sends a section below the gate with findings of its own', [], own(50, 1), true],
    ['keeps a section below the gate without findings of its own', [], own(50, 0), false],
    ['keeps a section at the gate with findings of its own', [], own(85, 1), false],
  ])('%s', (_name, documentFindings, metrics, expected) => {
    expect(isSectionToSend(documentFindings, metrics, 85)).toBe(expected);
  });
});

describe('findingsInside', () => {
  it('re-bases the findings that start inside the span and clips them to it', () => {
    const metrics = { ...score(''), findings: [
      { metric: 'a', message: 'a', severity: 'info' as const, range: { start: 2, end: 5 } },
      { metric: 'b', message: 'b', severity: 'warning' as const, range: { start: 12, end: 30 } },
      { metric: 'c', message: 'c', severity: 'error' as const, range: { start: 20, end: 22 } },
    ] };
    expect(findingsInside(metrics, 10, 10)).toEqual([{ metric: 'b', message: 'b', severity: 'warning', range: { start: 2, end: 10 } }]);
  });
});

describe('planSections', () => {
  it('plans 40,000 sections, each with code and a finding, in linear time', () => {
    // A complexity guard, not a benchmark: filtering every finding and every protected span for every section took 8 s.
    const makeInput = (size: number): { text: string; metrics: Metrics } => {
      const text = Array.from({ length: size }, (_, index) => `## S${index}\n\nRun \`a${index}\` and \`b${index}\` now. The same sentence is said here again.\n`).join('\n');
      return { text, metrics: score(text) };
    };
    const plan = expectLinearTime(makeInput, ({ text, metrics }) => planSections(text, metrics, 'miair', 85), 40_000);
    expect(plan.texts).toHaveLength(40_000);
    expect(plan.order).toHaveLength(40_000);
  });
});
