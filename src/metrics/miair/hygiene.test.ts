import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../document/parse-markdown.js';
import { hasSameRepetitionKey, headingSlug, hygiene, measureHygiene, repetitionKey } from './hygiene.js';
import { splitSentences } from './split-sentences.js';
import { WordTable } from './word-table.js';

describe('repetitionKey', () => {
  it('sorts the words and appends protected text when keying a sentence', () => {
    const text = 'The  Cat sat `x`.';
    const mask = new Uint8Array(text.length).fill(1, 13, 16);
    const table = new WordTable();
    const [sentence] = splitSentences(text, mask, 0, text.length, table);
    expect(sentence === undefined ? '' : repetitionKey(text, mask, sentence, table)).toBe('cat sat the\u0000`x`');
  });
});

describe('hasSameRepetitionKey', () => {
  it('agrees with comparing repetitionKey strings when words, order and code vary', () => {
    const piece = fc.constantFrom('cat ', 'Cat ', 'sat ', 'the ', '`x` ', '`x y` ', '`y` ', 'a.b ', 'x', '. ', '! ');
    const input = fc.record({
      text: fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join('')),
    });
    fc.assert(
      fc.property(input, ({ text }) => {
        const mask = new Uint8Array(text.length);
        for (let start = text.indexOf('`'); start >= 0; ) {
          const end = text.indexOf('`', start + 1);
          if (end < 0) break;
          mask.fill(1, start, end + 1);
          start = text.indexOf('`', end + 1);
        }
        const table = new WordTable();
        const sentences = splitSentences(text, mask, 0, text.length, table);
        for (const left of sentences) {
          for (const right of sentences) {
            const isSame = repetitionKey(text, mask, left, table) === repetitionKey(text, mask, right, table);
            expect(hasSameRepetitionKey(text, mask, table, left, right)).toBe(isSame);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('headingSlug', () => {
  it.each([
    ['Getting Started', 'getting-started'],
    ['API: `score(text)` & more!', 'api-scoretext--more'],
    ['Tabs\tand-dashes 2.0', 'tabs-and-dashes-20'],
    ['Über uns', 'über-uns'],
    ['Use [the CLI](#cli) _now_', 'use-the-cli-now'],
    ['snake_case_name', 'snake_case_name'],
  ])('gives GitHub\'s anchor of %j', (heading, slug) => {
    expect(headingSlug(heading)).toBe(slug);
  });

  it('gives the anchor of a heading of repeated link openers in linear time', () => {
    // A complexity guard, not a benchmark: each `[` used to rescan the rest of the heading (20,000 of them: 1.7 s).
    const start = performance.now();
    expect(headingSlug('[]('.repeat(100_000))).toBe('');
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('measureHygiene', () => {
  it('calls no item a pasted paragraph when new code stands between it and its earlier copy', () => {
    const text = '# cp\n\n- Copy a file from the host to a container:\n\n`cp a b`\n\n- Copy a file from a container to the host:\n\n`cp b a`\n';
    const metrics = measureHygiene(parseMarkdown(text));
    expect(metrics.findings.map((finding) => finding.metric)).not.toContain('repeated-paragraph');
  });

  it('finds the one repeated sentence when hundreds of distinct sentences come before it', () => {
    const paragraphs = Array.from({ length: 300 }, (_, index) => `Step ${index} installs the package.`);
    const result = measureHygiene(parseMarkdown([...paragraphs, 'Step 3 installs the package.'].join('\n\n')));
    expect([result.values['repeatedSentences'], result.values['repeatedParagraphs'], result.values['redundantWords']]).toEqual([1, 0, 5]);
  });

  it('returns exact debt and findings when the text has slips of every kind', () => {
    const text = 'The the cat sat here. TODO: fix. In order to win, it is very good. The cat sat here.\n\nLorem ipsum dolor sit amet.';
    const result = measureHygiene(parseMarkdown(text));
    expect(result.values).toEqual({
      debt: 11,
      placeholders: 2,
      brokenAnchors: 0,
      repeatedParagraphs: 0,
      repeatedSentences: 0,
      crossSectionRepeats: 0,
      redundantWords: 4,
      duplicateWords: 1,
      overlongSentences: 0,
      fillers: 1,
      boilerplate: 1,
    });
    expect(result.score).toBeCloseTo(100 * 2 ** (-11 / 6), 9);
    expect(result.findings.map((finding) => [finding.metric, text.slice(finding.range.start, finding.range.end)])).toEqual([
      ['duplicate-word', ' the'],
      ['placeholder', 'TODO'],
      ['filler', 'In order to'],
      ['filler', 'very'],
      ['placeholder', 'Lorem ipsum dolor sit amet.'],
    ]);
  });

  it('quotes a duplicate word as the document writes it when its case differs from the vocabulary', () => {
    const result = measureHygiene(parseMarkdown('The key is AKIAZ7QWERTYUIOPASDF AKIAZ7QWERTYUIOPASDF here.'));
    expect(result.findings.map((finding) => [finding.metric, finding.message])).toEqual([
      ['duplicate-word', '"AKIAZ7QWERTYUIOPASDF" is written twice: delete one.'],
    ]);
  });

  it('counts repeated sentences and paragraphs when a paragraph is pasted twice', () => {
    const paragraph = 'Users can edit documents. The system saves versions.';
    const result = hygiene.measure(parseMarkdown(`${paragraph}\n\n${paragraph}\n\nUsers can edit documents.`));
    expect(result.values['repeatedParagraphs']).toBe(1);
    expect(result.values['repeatedSentences']).toBe(1);
    expect(result.values['redundantWords']).toBe(8 + 4);
    expect(result.values['debt']).toBeCloseTo(1.5 + 1.5, 12);
    expect(result.findings.map((finding) => finding.metric)).toEqual(['repeated-paragraph', 'repeated-sentence']);
  });

  it('counts a refrain between new paragraphs and repeats across sections at a lower weight than a pasted paragraph', () => {
    const refrain = 'Returns a list of changes.';
    const text = `# API\n\n- diffChars compares characters.\n\n${refrain}\n\n- diffWords compares words.\n\n${refrain}\n\n## Other\n\n${refrain}\n`;
    const result = measureHygiene(parseMarkdown(text));
    expect(result.values['repeatedParagraphs']).toBe(0);
    expect(result.values['repeatedSentences']).toBe(1);
    expect(result.values['crossSectionRepeats']).toBe(1);
    expect(result.values['debt']).toBeCloseTo(1.5 + 0.5, 12);
    expect(measureHygiene(parseMarkdown('# A\n\nMIT\n\nMIT\n')).values['repeatedParagraphs']).toBe(1);
  });

  it('reports links to anchors that match no heading', () => {
    const text = '# Guide\n\nSee [usage](#usage), [the _main_ part](#the-main-part) and [gone](#gone).\n\n## The _main_ part\n\n## Usage\n';
    const result = measureHygiene(parseMarkdown(text));
    expect(result.values['brokenAnchors']).toBe(1);
    expect(result.values['debt']).toBe(3);
    expect(result.findings.map((finding) => [finding.metric, text.slice(finding.range.start, finding.range.end)])).toEqual([['broken-anchor', '#gone']]);
    expect(headingSlug('[`.test`](lib/a.js#L1) Why, really?')).toBe('test-why-really');
  });

  it('reports overlong sentences and ignores lower-case todo and code when checking placeholders', () => {
    const long = `${'alpha beta '.repeat(23).trim()}.`;
    const result = measureHygiene(parseMarkdown(`${long}\n\nA todo list app with \`TODO\` markers that that work.`));
    expect(result.values['overlongSentences']).toBe(1);
    expect(result.values['placeholders']).toBe(0);
    expect(result.values['duplicateWords']).toBe(0);
    expect(result.score).toBeCloseTo(100 * 2 ** (-0.75 / 6), 9);
  });
});
