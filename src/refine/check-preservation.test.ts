import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPreservation } from './check-preservation.js';

const SENTENCE = 'The tool reads every file in the folder and reports what it finds in plain words that anyone can follow.';
const PROSE = [SENTENCE, SENTENCE, SENTENCE, SENTENCE, SENTENCE].join(' ');

const ORIGINAL = [
  '---',
  'title: Guide',
  '---',
  '# Install',
  '',
  'Run `npm install miair` to add version 2 of the tool. See [the docs](https://example.com/docs).',
  '',
  '```sh',
  'npm test',
  '```',
  '',
  PROSE,
  '',
  '## Usage',
  '',
  'Call it 3 times, then read <https://example.com/help> for help.',
  '',
].join('\n');

function edit(search: string, replacement: string): string {
  expect(ORIGINAL).toContain(search);
  return ORIGINAL.replace(search, replacement);
}

describe('checkPreservation', () => {
  it.each([
    ['a reworded sentence', () => edit('reports what it finds in plain words', 'reports its findings in plain words')],
    ['identical text', () => ORIGINAL],
  ])('accepts %s', (_name, candidate) => {
    expect(checkPreservation(ORIGINAL, candidate())).toEqual({ ok: true });
  });

  it.each([
    ['an empty candidate', () => '', 'empty'],
    ['a blank candidate', () => ' \n\n\t', 'empty'],
    ['the document block markers', () => `<<<MIAIR-DOCUMENT-BEGIN abc>>>\n${ORIGINAL}`, 'scaffolding'],
    ['a chatty preamble', () => `Here is the improved document:\n\n${ORIGINAL}`, 'scaffolding'],
    ['changed front matter', () => edit('title: Guide', 'title: Manual'), 'front-matter-changed'],
    ['removed front matter', () => ORIGINAL.replace('---\ntitle: Guide\n---\n', ''), 'front-matter-changed'],
    ['a changed code block', () => edit('npm test\n', 'npm run test\n'), 'protected-span-changed'],
    ['a changed fence info string', () => edit('```sh', '```bash'), 'protected-span-changed'],
    ['changed inline code', () => edit('`npm install miair`', '`npm i miair`'), 'protected-span-changed'],
    ['an added code span', () => edit('plain words', '`plain` words'), 'protected-span-changed'],
    ['a changed number', () => edit('version 2', 'version 3'), 'number-changed'],
    ['a dropped number', () => edit('Call it 3 times', 'Call it often'), 'number-changed'],
    ['an added number', () => edit('every file', 'every 1 file'), 'number-changed'],
    ['a dropped link URL', () => edit('[the docs](https://example.com/docs)', 'the docs'), 'link-changed'],
    ['a changed link URL', () => edit('https://example.com/docs', 'https://example.org/docs'), 'link-changed'],
    ['a dropped autolink', () => edit('<https://example.com/help>', 'the help page'), 'link-changed'],
    ['an added heading', () => `${ORIGINAL}\n## Extra\n\nMore words.\n`, 'heading-changed'],
    ['a changed heading level', () => edit('## Usage', '### Usage'), 'heading-changed'],
    ['a removed heading', () => edit('## Usage\n\n', ''), 'heading-changed'],
    ['a candidate below half the length', () => edit(`${PROSE}\n\n`, ''), 'length-out-of-bounds'],
    ['a candidate over twice the length', () => edit(PROSE, `${PROSE} ${PROSE} ${PROSE} ${PROSE}`), 'length-out-of-bounds'],
  ])('rejects %s', (_name, candidate, reason) => {
    const verdict = checkPreservation(ORIGINAL, candidate());
    expect(verdict.ok ? null : verdict.reason).toBe(reason);
    expect(verdict.ok ? '' : verdict.detail).not.toBe('');
  });

  it('uses the length bounds it is given when they are passed', () => {
    const candidate = edit(SENTENCE, '');
    expect(checkPreservation(ORIGINAL, candidate)).toEqual({ ok: true });
    expect(checkPreservation(ORIGINAL, candidate, { minLengthRatio: 0.95 })).toMatchObject({ ok: false, reason: 'length-out-of-bounds' });
  });

  it('names the first changed span in the detail when a code block changes', () => {
    const verdict = checkPreservation(ORIGINAL, edit('npm test\n', 'npm run test\n'));
    expect(verdict).toEqual({ ok: false, reason: 'protected-span-changed', detail: 'fenced-code ````sh npm test ```` (span 2 of 2) changed or moved' });
  });

  it('accepts a preamble-like first line when the original starts with it', () => {
    const original = 'Here is the document:\n\nIt has words.\n';
    expect(checkPreservation(original, 'Here is the document:\n\nIt has some words.\n')).toEqual({ ok: true });
  });

  it('accepts marker text that the original already contains', () => {
    const original = 'Prompts use <<<MIAIR-DOCUMENT-BEGIN as a marker.\n';
    expect(checkPreservation(original, 'Prompts use <<<MIAIR-DOCUMENT-BEGIN as their marker.\n')).toEqual({ ok: true });
  });

  it('accepts any non-blank text compared with itself', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((text) => text.trim() !== ''), (text) => {
        expect(checkPreservation(text, text)).toEqual({ ok: true });
      }),
    );
  });

  it('rejects any change of a number in prose', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.lorem({ maxCount: 8 }), (before, after, words) => {
        fc.pre(before !== after);
        const verdict = checkPreservation(`${words} costs ${before} units.\n`, `${words} costs ${after} units.\n`);
        expect(verdict.ok ? null : verdict.reason).toBe('number-changed');
      }),
    );
  });

  it('rejects any change inside a fenced code block', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z ]{1,20}$/), fc.stringMatching(/^[a-z ]{1,20}$/), (before, after) => {
        fc.pre(before !== after);
        const document = (code: string): string => `Some words about the code.\n\n\`\`\`\n${code}\n\`\`\`\n`;
        const verdict = checkPreservation(document(before), document(after));
        expect(verdict.ok ? null : verdict.reason).toBe('protected-span-changed');
      }),
    );
  });
});
