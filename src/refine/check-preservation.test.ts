import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../document/parse-markdown.js';
import { checkPreservation } from './check-preservation.js';

const SENTENCE = 'The tool reads every file in the folder and reports what it finds in plain words that anyone can follow.';
const PROSE = [SENTENCE, SENTENCE, SENTENCE, SENTENCE, SENTENCE].join(' ');
const REPEAT = 'Quarry copies 64 files at once with `--jobs`, see [limits](https://example.com/limits).';
const REPEATED = `${REPEAT} ${REPEAT}`;

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
  REPEATED,
  '',
  REPEAT,
  '',
  '    indented code',
  '',
].join('\n');

/** U+2212 MINUS SIGN, which a number may start with as well as `-`. */
const MINUS = '\u2212';
// What an audit found passing the guards: a link written as inline HTML,
// signed and hexadecimal numbers, heading text.
const AUDITED = [
  '# Archive tool',
  '',
  'Download it from <a href="https://releases.good-vendor.org/tool">the release page</a> and compare with <img src="./screenshot.png" alt="the screenshot">.',
  '',
  `Set the clock offset to -5 hours, the gain to (${MINUS}2 dB) and allow 0xFF retries; re-run step-2 and steps 1-5 if it fails.`,
  '',
  '## Install ##',
  '',
  'Run the installer.',
  '',
].join('\n');

function editAudited(search: string, replacement: string): string {
  expect(AUDITED).toContain(search);
  return AUDITED.replace(search, replacement);
}

function edit(search: string, replacement: string): string {
  expect(ORIGINAL).toContain(search);
  return ORIGINAL.replace(search, replacement);
}

describe('checkPreservation', () => {
  it.each([
    ['a reworded sentence', () => edit('reports what it finds in plain words', 'reports its findings in plain words')],
    ['identical text', () => ORIGINAL],
    ['an exact repeated sentence removed with its number, code span and URL', () => edit(REPEATED, REPEAT)],
    ['a repeated paragraph removed', () => edit(`${REPEAT}\n\n    indented`, '    indented')],
    ['inline code moved to another sentence', () => edit('Run `npm install miair` to add', 'To add').replace('for help.', 'for help after `npm install miair`.')],
    ['a number repeated once more', () => edit('Call it 3 times', 'Call it 3 times (3 at most)')],
    ['URLs in another order', () => edit('[the docs](https://example.com/docs)', '[help](https://example.com/help) and [the docs](https://example.com/docs)')],
  ])('accepts %s', (_name, candidate) => {
    expect(checkPreservation(ORIGINAL, candidate())).toEqual({ ok: true });
    expect(checkPreservation(parseMarkdown(ORIGINAL), parseMarkdown(candidate()))).toEqual({ ok: true });
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
    ['an inline code value dropped everywhere', () => ORIGINAL.replaceAll(' with `--jobs`', ''), 'protected-span-changed'],
    ['a changed indented code block', () => edit('    indented code', '    indented text'), 'protected-span-changed'],
    ['code blocks in another order', () => edit('```sh\nnpm test\n```\n', '').replace('    indented code', '    indented code\n\n```sh\nnpm test\n```'), 'protected-span-changed'],
    ['a repeated code block removed', () => edit('```sh\nnpm test\n```\n', '```sh\nnpm test\n```\n\n```sh\nnpm test\n```\n'), 'protected-span-changed'],
    ['a number dropped from every repetition', () => ORIGINAL.replaceAll('64 files', 'files'), 'number-changed'],
    ['an added code span', () => edit('plain words', '`plain` words'), 'protected-span-changed'],
    ['a changed number', () => edit('version 2', 'version 3'), 'number-changed'],
    ['a dropped number', () => edit('Call it 3 times', 'Call it often'), 'number-changed'],
    ['an added number', () => edit('every file', 'every 1 file'), 'number-changed'],
    ['a dropped link URL', () => edit('[the docs](https://example.com/docs)', 'the docs'), 'link-changed'],
    ['a link URL dropped from every repetition', () => ORIGINAL.replaceAll('[limits](https://example.com/limits)', 'the limits'), 'link-changed'],
    ['an added link URL', () => edit('plain words', '[plain](https://example.com/plain) words'), 'link-changed'],
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
    // Given parsed, the same verdict: the loop passes the parses it scored.
    expect(checkPreservation(parseMarkdown(ORIGINAL), parseMarkdown(candidate()))).toEqual(verdict);
    expect(checkPreservation(ORIGINAL, parseMarkdown(candidate()))).toEqual(verdict);
  });

  it.each([
    ['an <a href> rewritten as a Markdown link', () => editAudited('<a href="https://releases.good-vendor.org/tool">the release page</a>', '[the release page](https://releases.good-vendor.org/tool)')],
    ['inline HTML reworded around its URLs', () => editAudited('alt="the screenshot">', 'alt="a screenshot">').replace('Download it from', 'Get it from')],
    ['a range 1-5 written 1 to 5', () => editAudited('steps 1-5', 'steps 1 to 5')],
    ['a word with a hyphen before a digit rewritten (step-2 as step 2)', () => editAudited('re-run step-2', 'run step 2 again')],
    ['a heading whose only change is trailing spaces', () => editAudited('# Archive tool', '# Archive tool   ')],
    ['a heading without its ATX closing sequence', () => editAudited('## Install ##', '## Install')],
    ['an ATX heading written as a setext heading', () => editAudited('# Archive tool', 'Archive tool\n============')],
    ['a negative number and a hexadecimal literal moved', () => editAudited('to -5 hours, the gain', 'by -5 hours, the gain').replace('allow 0xFF retries', 'retry up to 0xFF times')],
  ])('accepts %s in the audited document', (_name, candidate) => {
    expect(checkPreservation(AUDITED, candidate())).toEqual({ ok: true });
  });

  it.each([
    ['a changed <a href>', () => editAudited('https://releases.good-vendor.org/tool', 'https://evil-mirror.example.net/tool'), 'link-changed', 'inline HTML <a href> `https://releases.good-vendor.org/tool` was dropped'],
    ['a dropped <img src>', () => editAudited(' and compare with <img src="./screenshot.png" alt="the screenshot">', ''), 'link-changed', 'inline HTML <img src> `./screenshot.png` was dropped'],
    ['an added <a href>', () => editAudited('Run the installer.', 'Run the <a href="https://evil.example.net/setup">installer</a>.'), 'link-changed', 'inline HTML <a href> `https://evil.example.net/setup` was added'],
    ['a dropped minus sign', () => editAudited('to -5 hours', 'to 5 hours'), 'number-changed', 'number `-5` was dropped'],
    ['a dropped Unicode minus sign', () => editAudited(`(${MINUS}2 dB)`, '(2 dB)'), 'number-changed', `number \`${MINUS}2\` was dropped`],
    ['an ASCII minus turned into U+2212', () => editAudited('to -5 hours', `to ${MINUS}5 hours`), 'number-changed', 'number `-5` was dropped'],
    ['an added minus sign', () => editAudited('Run the installer.', 'Run the installer -2 times.'), 'number-changed', 'number `-2` was added'],
    ['a changed heading text', () => editAudited('## Install ##', '## Get malware'), 'heading-changed', 'heading 2 of 2 `## Install` changed to `## Get malware`'],
    ['a heading changed only in case', () => editAudited('# Archive tool', '# Archive Tool'), 'heading-changed', 'heading 1 of 2 `# Archive tool` changed to `# Archive Tool`'],
    ['an added heading', () => editAudited('## Install ##', '## Setup\n\n## Install ##'), 'heading-changed', 'heading `## Setup` was added as heading 2'],
    ['an added last heading', () => `${AUDITED}\n## Usage\n\nRun it.\n`, 'heading-changed', 'heading `## Usage` was added as heading 3'],
    ['a removed heading', () => editAudited('## Install ##\n\n', ''), 'heading-changed', 'heading 2 of 2 `## Install` was removed'],
    ['a changed hexadecimal literal', () => editAudited('0xFF', '0x0'), 'number-changed', 'number `0xFF` was dropped'],
  ])('rejects %s in the audited document and names what was lost', (_name, candidate, reason, detail) => {
    expect(checkPreservation(AUDITED, candidate())).toEqual({ ok: false, reason, detail });
    expect(checkPreservation(parseMarkdown(AUDITED), parseMarkdown(candidate()))).toEqual({ ok: false, reason, detail });
  });

  it('uses the length bounds it is given when they are passed', () => {
    const candidate = edit(SENTENCE, '');
    expect(checkPreservation(ORIGINAL, candidate)).toEqual({ ok: true });
    expect(checkPreservation(ORIGINAL, candidate, { minLengthRatio: 0.95 })).toMatchObject({ ok: false, reason: 'length-out-of-bounds' });
  });

  it('names the first changed span in the detail when a code block changes', () => {
    const verdict = checkPreservation(ORIGINAL, edit('npm test\n', 'npm run test\n'));
    expect(verdict).toEqual({ ok: false, reason: 'protected-span-changed', detail: 'fenced-code ````sh npm test ```` (span 1 of 2) changed or moved' });
  });

  it('names the dropped value in the detail when a set-compared value is lost', () => {
    expect(checkPreservation(ORIGINAL, edit('version 2', 'version two'))).toEqual({ ok: false, reason: 'number-changed', detail: 'number `2` was dropped' });
    expect(checkPreservation(ORIGINAL, edit('Call it 3', 'Call it 7'))).toEqual({ ok: false, reason: 'number-changed', detail: 'number `3` was dropped' });
    expect(checkPreservation('Read it once.\n', 'Read it 1 time.\n')).toEqual({ ok: false, reason: 'number-changed', detail: 'number `1` was added' });
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

  it('accepts removing any exact repetition of a sentence with a number, code span or URL', () => {
    fc.assert(
      fc.property(fc.nat(), fc.stringMatching(/^[a-z]{1,12}$/), fc.lorem({ maxCount: 6 }), fc.integer({ min: 2, max: 5 }), (number, code, words, times) => {
        const sentence = `Use \`${code}\` for ${number} ${words} at <https://example.com/${code}>.`;
        const original = `${Array.from({ length: times }, () => sentence).join(' ')}\n`;
        expect(checkPreservation(original, `${sentence}\n`, { minLengthRatio: 0 })).toEqual({ ok: true });
      }),
    );
  });

  it('rejects removing every occurrence of a number however often it repeats', () => {
    fc.assert(
      fc.property(fc.nat(), fc.lorem({ maxCount: 6 }), fc.integer({ min: 1, max: 5 }), (number, words, times) => {
        const sentence = `It costs ${number} ${words}.`;
        const original = `${Array.from({ length: times }, () => sentence).join(' ')}\n`;
        const verdict = checkPreservation(original, `${Array.from({ length: times }, () => `It costs ${words}.`).join(' ')}\n`);
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
