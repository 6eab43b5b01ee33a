import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './parse-markdown.js';

const fixturesDirectory = fileURLToPath(new URL('../../test/fixtures/documents/', import.meta.url));

describe('parseMarkdown on fixture documents', () => {
  it('finds every protected construct of a realistic README when parsing readme.md', () => {
    const text = readFileSync(`${fixturesDirectory}readme.md`, 'utf8');
    const document = parseMarkdown(text);
    expect(document.protectedSpans.map((span) => [span.kind, text.slice(span.start, span.end).split('\n')[0]])).toEqual([
      ['front-matter', '---'],
      ['image-url', 'https://ci.example.com/widget.svg'],
      ['link-url', 'https://ci.example.com/widget'],
      ['inline-code', '`input.txt`'],
      ['link-url', './docs/guide.md'],
      ['autolink', 'https://widget.example.com/docs'],
      ['fenced-code', '```sh'],
      ['indented-code', '    widget --in input.txt --out report.html'],
      ['html-block', '<details>'],
      ['inline-code', '`widget --help`'],
      ['html-block', '</details>'],
      ['inline-code', '`--in`'],
      ['inline-code', '`--out`'],
      ['autolink', '<https://example.com/report>'],
      ['link-url', 'https://widget.example.com/guide'],
    ]);
    expect(document.headings.map((heading) => `${heading.level} ${heading.text}`)).toEqual(['1 Widget', '2 Install', '2 Usage', '2 Options']);
    expect(document.sections.map((section) => section.heading?.text ?? null)).toEqual([null, 'Widget', 'Install', 'Usage', 'Options']);
  });

  it('protects an unclosed fence up to the end of the file when parsing unclosed-fence.md', () => {
    const text = readFileSync(`${fixturesDirectory}unclosed-fence.md`, 'utf8');
    const spans = parseMarkdown(text).protectedSpans;
    expect(spans).toEqual([{ kind: 'fenced-code', start: text.indexOf('```js'), end: text.length }]);
  });
});
