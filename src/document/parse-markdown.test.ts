import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './parse-markdown.js';

/** Each protected span as `kind: text` for readable expectations. */
function protectedTexts(text: string): string[] {
  return parseMarkdown(text).protectedSpans.map((span) => `${span.kind}: ${text.slice(span.start, span.end)}`);
}

function headingSummaries(text: string): string[] {
  return parseMarkdown(text).headings.map((heading) => `${heading.level} ${heading.text} | ${text.slice(heading.range.start, heading.range.end)}`);
}

describe('parseMarkdown', () => {
  it.each([
    ['front matter closed by ---', '---\ntitle: x\n---\nBody', ['front-matter: ---\ntitle: x\n---']],
    ['front matter closed by ...', '---\na: 1\n...\nBody', ['front-matter: ---\na: 1\n...']],
    ['front matter with CRLF', '---\r\na: 1\r\n---\r\nBody', ['front-matter: ---\r\na: 1\r\n---']],
    ['no front matter when unclosed', '---\ntitle: x\nBody', []],
    ['no front matter when not at the start', '\n---\na: 1\n---\n', []],
    ['front matter after a byte order mark', '\ufeff---\na: 1\n---\nBody', ['front-matter: ---\na: 1\n---']],
    ['fenced code with backticks and info string', 'a\n\n```js title="x"\nconst a = 1;\n```\nb', ['fenced-code: ```js title="x"\nconst a = 1;\n```']],
    ['fenced code with tildes', '~~~\ncode\n~~~', ['fenced-code: ~~~\ncode\n~~~']],
    ['a fence closed only by the same character', '```\na\n~~~\nb\n```\nafter', ['fenced-code: ```\na\n~~~\nb\n```']],
    ['a fence closed only by a run at least as long', '````\na\n```\nb\n`````\nafter', ['fenced-code: ````\na\n```\nb\n`````']],
    ['a closing fence indented up to 3 spaces', '```\na\n   ```\nafter', ['fenced-code: ```\na\n   ```']],
    ['a closing fence indented 4 spaces is content', '```\na\n    ```\nb', ['fenced-code: ```\na\n    ```\nb']],
    ['an unclosed fence running to the end', 'x\n\n```\ncode\n\nmore\n', ['fenced-code: ```\ncode\n\nmore\n']],
    ['a backtick fence whose info string holds a backtick is inline code', '```js` x ```', ['inline-code: ```js` x ```']],
    ['a fence inside a list indented 4 spaces', '- item\n\n    ```\n    code\n    ```\n', ['fenced-code:     ```\n    code\n    ```']],
    ['a fence on a list item marker line', '- ```js\n  a\n  ```\n- ```json\n  {}\n  ```', ['fenced-code: - ```js\n  a\n  ```', 'fenced-code: - ```json\n  {}\n  ```']],
    ['a fence inside a blockquote', '> ```\n> code\n> ```\nafter', ['fenced-code: > ```\n> code\n> ```']],
    ['a blockquote fence ends with the quote', '> ```\n> code\nlazy', ['fenced-code: > ```\n> code']],
    ['indented code', 'Para.\n\n    code line\n\n    more\n\nafter', ['indented-code:     code line\n\n    more']],
    ['indented code with a tab', '\tcode', ['indented-code: \tcode']],
    ['no indented code in a paragraph continuation', 'Para\n    still para', []],
    ['no indented code in an open list', '- item\n\n    continuation', []],
    ['indented code after a list has closed', '- item\n\nPara\n\n    code', ['indented-code:     code']],
    ['an HTML block up to a blank line', '<div align="center">\n  <img src="a.png">\n</div>\n\ntext', ['html-block: <div align="center">\n  <img src="a.png">\n</div>']],
    ['a closing-tag HTML block', '</details>\nnext\n\nx', ['html-block: </details>\nnext']],
    ['an HTML comment up to -->', '<!-- a\n\nb -->\nafter', ['html-block: <!-- a\n\nb -->']],
    ['an unclosed HTML comment', '<!-- a\n\nb', ['html-block: <!-- a\n\nb']],
    ['a script block up to its end tag', '<script>\nx\n\ny\n</SCRIPT>\nz', ['html-block: <script>\nx\n\ny\n</SCRIPT>']],
    ['a lone complete tag', '<img src="x.png" alt="a > b" />\n\ntext', ['html-block: <img src="x.png" alt="a > b" />']],
    ['no lone-tag block inside a paragraph', 'text\n<span>\n', []],
    ['no HTML block for inline tags with text', '<span>hi</span> there', []],
    ['inline code', 'Run `npm test` now.', ['inline-code: `npm test`']],
    ['inline code with a double backtick run', 'Use ``a ` b`` here', ['inline-code: ``a ` b``']],
    ['inline code across lines', 'a `b\nc` d', ['inline-code: `b\nc`']],
    ['no inline code across a blank line', 'a `b\n\nc` d', []],
    ['unmatched backticks stay text', 'a ``b` c', []],
    ['escaped backticks', 'a \\`b` c', []],
    ['a link destination', 'See [the docs](https://x.dev/a "Title").', ['link-url: https://x.dev/a']],
    ['an image destination', '![logo](./logo.png)', ['image-url: ./logo.png']],
    ['a badge image inside a link', '[![ci](https://b/ci.svg)](https://ci/x)', ['image-url: https://b/ci.svg', 'link-url: https://ci/x']],
    ['a bracketed destination', '[a](<my file.md>)', ['link-url: my file.md']],
    ['a destination with balanced parentheses', '[w](https://en.wikipedia.org/wiki/A_(b)) x', ['link-url: https://en.wikipedia.org/wiki/A_(b)']],
    ['a parenthesised title', '[a](u (t)) x', ['link-url: u']],
    ['no link when a parenthesised title holds a (', '[a](u (t(x)) x', []],
    ['no link past 32 nested parentheses', `[a](u${'('.repeat(33)}${')'.repeat(33)})`, []],
    ['no link without the closing parenthesis', '[a](https://x.y', ['autolink: https://x.y']],
    ['a reference definition', '[id]: https://example.com/a  "T"\n', ['link-url: https://example.com/a']],
    ['a bracketed reference definition', '[id]: <./a b.md>', ['link-url: ./a b.md']],
    ['a bracketed destination that is also an autolink', '[a](<https://x.y>)', ['link-url: https://x.y']],
    ['an autolink after ]( of a link that fails', '[a](<https://x.y> "t', ['autolink: <https://x.y>']],
    ['a URI autolink', 'Go to <https://a.b/c>.', ['autolink: <https://a.b/c>']],
    ['an email autolink', 'Mail <me@example.com>.', ['autolink: <me@example.com>']],
    ['a bare URL without trailing punctuation', 'Visit https://example.com/path.', ['autolink: https://example.com/path']],
    ['a bare URL in parentheses', '(see https://a.b/c_(d))', ['autolink: https://a.b/c_(d)']],
    ['a www URL', 'at www.example.com, then', ['autolink: www.example.com']],
    ['no bare URL inside a word', 'xhttps://a.b', []],
    ['a code span inside a heading', '# Use `x`', ['inline-code: `x`']],
    ['nothing protected in plain text', 'Just words here.\nMore words.', []],
  ])('protects %s', (_name, text, expected) => {
    expect(protectedTexts(text)).toEqual(expected);
  });

  it.each([
    ['ATX headings of every level', '# One\n## Two\n###### Six\n####### Seven', ['1 One | # One', '2 Two | ## Two', '6 Six | ###### Six']],
    ['ATX closing sequences', '## Title ##  \n# Hash#tag #\n#', ['2 Title | ## Title ##  ', '1 Hash#tag | # Hash#tag #', '1  | #']],
    ['ATX headings need a space', '#hashtag\n#\tTab', ['1 Tab | #\tTab']],
    ['ATX headings indented up to 3 spaces', '   # Yes\n    # No', ['1 Yes |    # Yes']],
    ['setext headings', 'Title\n=====\n\nSub\ntitle\n---\n', ['1 Title | Title\n=====', '2 Sub\ntitle | Sub\ntitle\n---']],
    ['a thematic break after a blank line', 'Para\n\n---\n', []],
    ['no setext heading under a list item', '- item\n---\n', []],
    ['headings with CRLF', '# A\r\nB\r\n==\r\n', ['1 A | # A', '1 B | B\r\n==']],
    ['no headings in code, front matter or HTML', '---\n# fm\n---\n```\n# code\n```\n<div>\n# html\n</div>\n\n    # indented', []],
    ['a heading right after a fence', '```\nx\n```\n# After', ['1 After | # After']],
  ])('finds %s', (_name, text, expected) => {
    expect(headingSummaries(text)).toEqual(expected);
  });

  it('lists links in text order with their kind and URL', () => {
    const text = '[r]: https://ref\n\nA [l](https://l) ![i](i.png) <https://a> and https://b.c.';
    expect(parseMarkdown(text).links.map((link) => [link.kind, link.url, text.slice(link.range.start, link.range.end)])).toEqual([
      ['reference-definition', 'https://ref', 'https://ref'],
      ['link', 'https://l', 'https://l'],
      ['image', 'i.png', 'i.png'],
      ['autolink', 'https://a', 'https://a'],
      ['autolink', 'https://b.c', 'https://b.c'],
    ]);
  });

  it('finds the inline constructs of every paragraph and heading when the paragraphs before them have none', () => {
    const text = 'Plain words.\n\nMore plain words here.\n\n# Use `npm`\n\nRun `npm test` then see https://example.com/a.\n\nwww.example.org and [docs](./docs.md).\n';
    expect(protectedTexts(text)).toEqual([
      'inline-code: `npm`',
      'inline-code: `npm test`',
      'autolink: https://example.com/a',
      'autolink: www.example.org',
      'link-url: ./docs.md',
    ]);
  });

  it('records the front matter range when the text starts with one', () => {
    expect(parseMarkdown('---\na: 1\n---\n# T').frontMatter).toEqual({ start: 0, end: 12 });
    expect(parseMarkdown('# T').frontMatter).toBeNull();
  });

  it('merges a link URL inside a code span into the code span', () => {
    expect(protectedTexts('`[a](https://x)` and text')).toEqual(['inline-code: `[a](https://x)`']);
  });

  it('splits sections at headings with a preamble only when text precedes the first heading', () => {
    const text = 'Intro\n\n# A\ntext\n## B\n';
    expect(parseMarkdown(text).sections.map((section) => [section.index, text.slice(section.start, section.end), section.heading?.text ?? null])).toEqual([
      [0, 'Intro\n\n', null],
      [1, '# A\ntext\n', 'A'],
      [2, '## B\n', 'B'],
    ]);
    expect(parseMarkdown('# A\nx').sections.map((section) => section.heading?.text)).toEqual(['A']);
  });

  it('has one preamble section when the text has no heading, and none when it is empty', () => {
    expect(parseMarkdown('plain text').sections).toEqual([{ index: 0, start: 0, end: 10, heading: null }]);
    expect(parseMarkdown('').sections).toEqual([]);
  });

  it('starts a setext section at its first paragraph line', () => {
    const text = 'Intro\n\nTitle\n=====\nbody';
    expect(parseMarkdown(text).sections.map((section) => text.slice(section.start, section.end))).toEqual(['Intro\n\n', 'Title\n=====\nbody']);
  });
});

describe('parseMarkdown after a byte order mark', () => {
  it('reads the first line as it reads it without the mark, offsets into the text as given', () => {
    const text = '# Title\n\nSome text.\n';
    const parsed = parseMarkdown(`\ufeff${text}`);
    expect(parsed.headings).toEqual([{ level: 1, text: 'Title', range: { start: 1, end: 8 } }]);
    expect(parsed.headings.length).toBe(parseMarkdown(text).headings.length);
  });
});

describe('parseMarkdown on adversarial input', () => {
  // A complexity guard, not a benchmark: before the paren depth cap, the first case took 30 s.
  it.each([
    ['overlapping link openers', '[a]('.repeat(50_000)],
    ['parenthesised titles without a close', '[a](b ('.repeat(30_000)],
    ['backtick runs of every length', Array.from({ length: 500 }, (_, index) => `${'`'.repeat(index + 1)}x`).join('')],
    ['unclosed brackets', '['.repeat(200_000)],
    ['trailing parentheses after a URL', ` https://a${')'.repeat(200_000)}`],
    ['a setext heading with a long run of blanks', `a${' '.repeat(200_000)}b\nc\n===\n`],
  ])('parses %s in linear time', (_name, text) => {
    const start = performance.now();
    parseMarkdown(text);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

/** Markdown-flavoured strings: fragments that trigger every construct, glued at random. */
const markdownFragment = fc.constantFrom(
  '\n', '\n\n', '\r\n', '\r', '\0', '---', '===', '```', '~~~', '    ', '\t', '> ', '- ', '1. ', '# ', '## x #', '`', '``',
  '[', ']', '(', ')', '![', '](', '<', '>', '<div>', '</div>', '<!--', '-->', '<script>', 'https://a.b/c', 'www.x.y',
  '[id]: ', '"', '\\', 'word', ' ', '\ud800', '\udc00', '😀', '<a@b.c>', '<https://x>', '*', '_',
);
const markdownText = fc.oneof(fc.array(markdownFragment, { maxLength: 60 }).map((parts) => parts.join('')), fc.string({ unit: 'binary', maxLength: 200 }));

describe('parseMarkdown properties', () => {
  it('never throws and keeps protected spans in bounds, sorted and non-overlapping for any string', () => {
    fc.assert(
      fc.property(markdownText, (text) => {
        const spans = parseMarkdown(text).protectedSpans;
        let previousEnd = 0;
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(text.length);
          previousEnd = span.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('covers the text with contiguous sections for any string', () => {
    fc.assert(
      fc.property(markdownText, (text) => {
        const document = parseMarkdown(text);
        let position = 0;
        document.sections.forEach((section, index) => {
          expect(section.index).toBe(index);
          expect(section.start).toBe(position);
          expect(section.end).toBeGreaterThan(section.start);
          if (section.heading !== null) expect(section.start).toBe(section.heading.range.start);
          position = section.end;
        });
        expect(position).toBe(text.length);
        expect(document.headings.length).toBe(document.sections.filter((section) => section.heading !== null).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps link ranges in bounds and equal to their URL for any string', () => {
    fc.assert(
      fc.property(markdownText, (text) => {
        for (const link of parseMarkdown(text).links) {
          expect(link.range.start).toBeGreaterThanOrEqual(0);
          expect(link.range.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(link.range.start, link.range.end)).toBe(link.url);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('finds each fence-delimited block whatever text surrounds it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }).filter((code) => !/[`~]/.test(code)), fc.constantFrom('```', '~~~', '````'), (code, fence) => {
        const block = `${fence}\n${code}\n${fence}`;
        const text = `Intro.\n\n${block}\n\nOutro.`;
        const spans = parseMarkdown(text).protectedSpans;
        expect(spans).toContainEqual({ kind: 'fenced-code', start: 8, end: 8 + block.length });
      }),
    );
  });
});
