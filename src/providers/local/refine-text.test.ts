import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLinearTime } from '../../test-support/expect-linear-time.js';
import { parseMarkdown } from '../../document/parse-markdown.js';
import { refineText } from './refine-text.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/refiner/${name}`, import.meta.url), 'utf8');

const NUMBER = /\p{N}+(?:[.,:]\p{N}+)*/gu;
const URL_PATTERN = /\b(?:https?|ftp):\/\/[^\s<>()]+/g;

/** Checks what the refine loop's guards check, for any input and output. */
function expectPreserved(input: string, output: string): void {
  const before = parseMarkdown(input);
  const after = parseMarkdown(output);
  for (const span of before.protectedSpans) expect(output).toContain(input.slice(span.start, span.end));
  expect(after.headings.map((heading) => heading.level)).toEqual(before.headings.map((heading) => heading.level));
  expect(output.match(NUMBER) ?? []).toEqual(input.match(NUMBER) ?? []);
  for (const url of input.match(URL_PATTERN) ?? []) expect(output).toContain(url);
}

describe('refineText', () => {
  it('makes the fixes of every rule when the document needs them', () => {
    const input = fixture('api-guide.md');
    const output = refineText(input);
    expect(output).toContain('To speed up builds, the tool keeps a cache in `~/.cache/tool  v2`. It is a folder of files.  \nBefore version 3.0');
    expect(output).toContain('\n\n## Usage');
    expect(output).not.toContain('\n\n\n');
    expect(output).toContain('Run the command below to fill the cache:');
    expect(output).toContain('```\n\nyou can also clear it. The command is');
    expect(output).toContain('- Checks links at https://example.com/a_b.');
    expect(output.match(/The cache lives in ~\/\.cache\./g)).toHaveLength(1);
  });

  it('keeps protected spans, numbers, URLs, tables and HTML byte-identical when it edits the prose around them', () => {
    const input = fixture('api-guide.md');
    const output = refineText(input);
    expectPreserved(input, output);
    expect(output).toContain('---\ntitle: Cache guide\nversion: 2.4.1\n---\n');
    expect(output).toContain('```sh\ntool cache  --fill   # in order to the the warm up 10 times\n```');
    expect(output).toContain('    indented  code   stays   the the same');
    expect(output).toContain('| in order to | kept  as is |');
    expect(output).toContain('<img src="logo.png"   alt="the the logo">');
    expect(output).toContain('(https://example.com/docs/in%20order%20to?v=1.2)');
  });

  it('removes a repeated paragraph and breaks and splits long prose when the document is one long paragraph twice', () => {
    const input = fixture('long-prose.md');
    const output = refineText(input);
    expect(output.match(/The journal is compacted every hour/g)).toHaveLength(1);
    expect(output).toContain('for the job. The scheduler then records');
    expect(output.split('\n\n').length).toBeGreaterThan(2);
    expectPreserved(input, output);
  });

  it('applies only the cheap rules when the strategy is performance', () => {
    const input = 'In order to run it, the the tool starts.\n\n\n\nDone.';
    expect(refineText(input, { strategy: 'performance' })).toBe('In order to run it, the tool starts.\n\nDone.');
    expect(refineText(input, { strategy: 'entropy' })).toBe('To run it, the tool starts.\n\nDone.');
  });

  it('returns the same text when there is nothing to fix', () => {
    const input = '# Title\n\nA short, clean page.\n';
    expect(refineText(input)).toBe(input);
  });

  it('keeps every protected span, number, URL and heading level when the input is arbitrary markdown-ish text', () => {
    const piece = fc.constantFrom(
      'the', 'the the', 'In order to', 'very', 'basically,', 'Just', 'prior to', 'it', 'works.', 'works;', ', and it', 'cache',
      '`code  the the`', '[label](https://example.com/x?a=1)', '<https://example.com/y>', 'https://example.com/z.', '2.4.1', '10',
      '<b>the the</b>', '  ', '\t', '\n', '\n\n', '\n\n\n', '\n# Heading\n', '\n## Sub  heading\n', '\n- item', '\n1. item',
      '\n> quote', '\n| a  | b |\n|---|---|\n', '\n```\nin order to  the the\n```\n', '\n    indented  the the\n', 'x. the', 'e.g. the',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.boolean(), (pieces, withFrontMatter) => {
        const input = (withFrontMatter ? '---\na: 1\n---\n' : '') + pieces.join(' ');
        const output = refineText(input);
        expectPreserved(input, output);
      }),
      { numRuns: 300 },
    );
  });
});

describe('refineText on API references', () => {
  it('keeps a sentence each entry repeats on purpose, and still removes a pasted paragraph', () => {
    const entry = (name: string): string => `### ${name}(query)\n\nSearches the registry for packages that match the query given.\n\n\`query\` must be either a String or an Array of search terms.\n\n`;
    const list = '## Functions\n\n* `diffChars(a, b)`: compares two texts character by character.\n\n    Returns a list of change objects for the caller.\n\n* `diffWords(a, b)`: compares two texts word by word.\n\n    Returns a list of change objects for the caller.\n\n';
    const pasted = 'The tool copies every file once. It never copies a file twice over the network.\n\n';
    const input = `# Search\n\n${pasted}${entry('search')}${entry('search.stream')}${list}## Notes\n\n${pasted}`;
    const output = refineText(input);
    expect(output.split('`query` must be either a String or an Array of search terms.')).toHaveLength(3);
    expect(output.split('Returns a list of change objects for the caller.')).toHaveLength(3);
    expect(output.split(pasted.trim())).toHaveLength(2);
  });
});

describe('refineText does not write fragments', () => {
  it('splits no sentence before a "but" that shares its subject, capitalizes nothing after "aka.", adds no period after "(... .)"', () => {
    const long = 'This mode will tend to give much worse results than the default segmenter would in most of the common cases we tested, but ensures the results are consistent across all environments and all the browsers that people use today.';
    const input = `# Tool\n\n${long}\n\n- Start the server in the background, aka. as a daemon.\n- Open the file in an editor.\n- Close the editor (see the manual.)\n- Read the log.\n`;
    const output = refineText(input);
    expect(output).not.toContain('. But ensures');
    expect(output).toContain('aka. as a daemon');
    expect(output).toContain('(see the manual.)\n');
  });
});

describe('refineText on adversarial input', () => {
  // A complexity guard, not a benchmark: with the regular expressions found by a ReDoS checker (recheck), each of
  // these took 8-85 s; the timings in comments are of the old code.
  it.each([
    ['a line of 40,000 leading tabs (40 s)', `# T\n\nThe the text.\n\n   ${'\t'.repeat(40_000)}x\n`],
    ['a word of 40,000 underscores and letters (85 s)', `# T\n\nThe the text ${'_a'.repeat(40_000)}\n`],
    ['a run of 40,000 exclamation marks (24 s)', `# T\n\nThe the text${'!'.repeat(40_000)}x here.\n`],
    ['40,000 comment openers (30 s)', `# T\n\nThe the text ${'<!--'.repeat(40_000)} here.\n`],
    ['100,000 blanks inside a line (8 s)', `# T\n\nThe the text${' '.repeat(100_000)}x here.\n`],
  ])('refines %s in linear time', (_name, input) => {
    const start = performance.now();
    const output = refineText(input);
    expect(performance.now() - start).toBeLessThan(2000);
    expectPreserved(input, output);
  });
});

describe('refineText on large documents', () => {
  // A complexity guard, not a benchmark: each pass of a rule over the blocks of a document, or over the sentences
  // of a paragraph, once rebuilt or rescanned the text before each one; the timings in comments are of that code
  // at the sizes given.
  it.each([
    ['20,000 headings, each over a paragraph (26 s)', 20_000, (size: number) => Array.from({ length: size }, (_, index) => `# H${index}\n\nThe the text ${index}.\n`).join('\n')],
    ['20,000 paragraphs to edit (13 s)', 20_000, (size: number) => `# T\n\n${Array.from({ length: size }, (_, index) => `The the text ${index} in order to run.`).join('\n\n')}\n`],
    ['a paragraph of 20,000 sentences to capitalise (10 s)', 20_000, (size: number) => `# T\n\n${Array.from({ length: size }, (_, index) => `It works ${index}. the cache ${index} is warm.`).join(' ')}\n`],
    ['a paragraph of 80,000 sentences, most of them repeated (44 s)', 40_000, (size: number) => `# T\n\n${'It works. the cache is warm. '.repeat(size)}\n`],
    ['a paragraph of 40,000 sentences to break up (4.5 s)', 40_000, (size: number) => `# T\n\n${Array.from({ length: size }, (_, index) => `Alpha beta gamma ${index} delta epsilon zeta eta theta.`).join(' ')}\n`],
    ['a sentence of 4,000 semicolons (14 s)', 4_000, (size: number) => `# T\n\nThe server reads the file and the cache; ${'the server writes the cache and the file; '.repeat(size)}done.\n`],
  ])('refines %s in linear time', (_name, size, makeInput) => {
    const output = expectLinearTime(makeInput, refineText, size);
    const input = makeInput(size);
    expect(output).not.toBe(input);
    expectPreserved(input, output);
  });
});
