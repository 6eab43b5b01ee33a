import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../document/parse-markdown.js';
import { inspectFence, measureStructure, structure } from './structure.js';

describe('inspectFence', () => {
  it.each([
    ['```js\nx\n```', true, true],
    ['```\nx\n```', false, true],
    ['~~~~ text\nx\n~~~~\n', true, true],
    ['```ts\nx\n', true, false],
  ])('reads %j as language %s, closed %s', (fence, hasLanguage, isClosed) => {
    expect(inspectFence(fence, 0, fence.length)).toEqual({ hasLanguage, isClosed });
  });
});

describe('measureStructure', () => {
  it('returns exact parts and findings when a paragraph is long and fences lack a language or a close', () => {
    const text = `# Title\n\n${'word '.repeat(130).trim()}.\n\n\`\`\`\ncode\n\`\`\`\n\n\`\`\`js\nx\n`;
    const result = measureStructure(parseMarkdown(text));
    expect(result.values).toEqual({
      headings: 1,
      expectedHeadings: 0,
      headingScore: 100,
      paragraphScore: (100 * 120) / 130,
      varietyScore: 100,
      fenceScore: 50,
      fences: 2,
      unclosedFences: 1,
    });
    expect(result.score).toBeCloseTo(0.3 * 100 + 0.25 * ((100 * 120) / 130) + 0.25 * 100 + 0.2 * 50 - 40, 9);
    expect(result.findings.map((finding) => finding.metric)).toEqual(['long-paragraph', 'code-fence-language', 'unclosed-code-fence']);
  });

  it('expects a heading per 800 words when the document is long', () => {
    const paragraph = `${'Alpha beta gamma delta. '.repeat(25).trim()}\n\n`;
    const result = structure.measure(parseMarkdown(paragraph.repeat(10)));
    expect(result.values['expectedHeadings']).toBeCloseTo(1000 / 800, 9);
    expect(result.values['headingScore']).toBe(0);
    expect(result.findings.map((finding) => finding.metric)).toContain('missing-headings');
    expect(result.findings.map((finding) => finding.metric)).toContain('flat-structure');
  });

  it('gives full marks when a short page has a title, a list and code', () => {
    const text = '# tool\n\n> Does things.\n\n- Run it:\n\n`tool run`\n';
    expect(measureStructure(parseMarkdown(text)).score).toBe(100);
  });

  it('reports a flat structure when 40 or more words sit in one block', () => {
    const result = measureStructure(parseMarkdown('Some words here. '.repeat(15)));
    expect(result.values['varietyScore']).toBe(0);
    expect(result.findings[0]?.message).toBe('The document is one undivided block: add a title heading, a list or code example, paragraph breaks.');
    const titled = measureStructure(parseMarkdown(`# Title\n\n${'Some words here. '.repeat(15)}`));
    expect(titled.values['varietyScore']).toBeCloseTo(100 / 3, 9);
  });
});
