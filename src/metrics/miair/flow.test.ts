import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../document/parse-markdown.js';
import { flow, measureFlow } from './flow.js';

describe('measureFlow', () => {
  it('returns exact values and findings when sentences are scrambled, a colon dangles and the text stops mid-sentence', () => {
    const text = '# T\n\nthe cat sat of the. Dogs run fast. Dogs eat a lot.\n\nSee this:\n\nThe end is near and';
    const result = measureFlow(parseMarkdown(text));
    expect(result.values).toEqual({
      sentences: 5,
      capitalShare: 0.8,
      orderScore: 0.5,
      cohesion: (1 + 0.7) / (4 + 2),
      leadingReferences: 0,
      danglingColons: 1,
      inconsistentItems: 0,
      debt: 5,
    });
    expect(result.score).toBeCloseTo(100 * (0.4 * 0.8 + 0.3 * 0.5 + 0.3 * ((1.7 / 6) / 0.5)) * 2 ** (-5 / 2), 9);
    expect(result.findings.map((finding) => [finding.metric, text.slice(finding.range.start, finding.range.end)])).toEqual([
      ['sentence-case', 'the cat sat of the.'],
      ['word-order', 'the cat sat of the.'],
      ['dangling-colon', 'See this:'],
      ['unfinished-ending', 'The end is near and'],
    ]);
  });

  it('quotes the determiner as the document writes it when a sentence ends on it', () => {
    const result = measureFlow(parseMarkdown('# T\n\nDogs like THE.\n'));
    expect(result.findings.filter((finding) => finding.metric === 'word-order').map((finding) => finding.message)).toEqual([
      '"THE" is not followed by what it introduces: check the word order of this sentence.',
    ]);
  });

  it('accepts a colon when code or a list follows it, and counts inconsistent list endings', () => {
    const text = '# tool\n\nInstall it:\n\n```bash\nnpm i tool\n```\n\n- First item.\n- Second item.\n- Third item\n';
    const result = flow.measure(parseMarkdown(text));
    expect(result.values['danglingColons']).toBe(0);
    expect(result.values['inconsistentItems']).toBe(1);
    expect(result.findings.map((finding) => finding.metric)).toEqual(['list-punctuation']);
  });

  it('reports an empty last section and ignores code between a determiner and its noun', () => {
    const result = measureFlow(parseMarkdown('# A\n\nSet the `foo` option. Read the docs.\n\n## B\n'));
    expect(result.values['orderScore']).toBe(1);
    expect(result.findings.map((finding) => finding.metric)).toEqual(['empty-section']);
  });

  it('reports a reference line that opens its paragraph and counts sentences on the topic of their heading', () => {
    const text = '# Cache setup\n\nMore information: <https://example.com>. The cache stores pages. Setup takes a minute.\n';
    const result = measureFlow(parseMarkdown(text));
    // Pairs: (reference, cache) shares nothing, (cache, setup) shares nothing; on topic: "cache" and "setup" sentences.
    expect(result.values['leadingReferences']).toBe(1);
    expect(result.values['cohesion']).toBeCloseTo((0 + 2 + 0.7) / (2 + 3 + 2), 12);
    expect(result.values['debt']).toBe(1);
    expect(result.findings.map((finding) => [finding.metric, text.slice(finding.range.start, finding.range.end)])).toEqual([
      ['leading-reference', 'More information: <https://example.com>.'],
    ]);
  });

  it('charges a smaller debt when the last paragraph only lacks its period, and none for a list item', () => {
    const unpunctuated = measureFlow(parseMarkdown('# A\n\nThe tool runs fast and well'));
    expect(unpunctuated.values['debt']).toBe(1.2);
    expect(unpunctuated.findings.map((finding) => finding.metric)).toEqual(['unfinished-ending']);
    expect(measureFlow(parseMarkdown('# A\n\nIt runs.\n\n- quick-lru - a simple least recently used cache')).values['debt']).toBe(0);
  });

  it('scores 0 when there are no sentences', () => {
    expect(measureFlow(parseMarkdown('')).score).toBe(0);
  });
});
