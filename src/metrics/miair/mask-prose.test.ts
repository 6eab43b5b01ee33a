import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../document/parse-markdown.js';
import { analyzeProse, MARKUP } from './analyze-prose.js';
import { maskProse, matchVersionAt } from './mask-prose.js';

function masked(text: string): string[] {
  const mask = maskProse(parseMarkdown(text));
  const runs: string[] = [];
  let start = -1;
  for (let index = 0; index <= text.length; index++) {
    if (index < text.length && mask[index] === 1) {
      if (start < 0) start = index;
    } else if (start >= 0) {
      runs.push(text.slice(start, index));
      start = -1;
    }
  }
  return runs;
}

describe('maskProse', () => {
  it.each([
    ['Use v1.2.3 or 2.0.0-beta.1 now.', ['v1.2.3', '2.0.0-beta.1']],
    ['Pi is 3.14, not 3.', ['3.14']],
    // After a letter the version cannot start, but it can after the next dot (as `\b` reads it); é is not [A-Za-z0-9_].
    ['abc1.2.3 and x_1.2 stay, é1.2 does not.', ['2.3', '1.2']],
    ['Ends 1.2. Then 1.2-. And v.1', ['1.2', '1.2']],
    ['Run `npm i` at <https://x.io>.', ['`npm i`', '<https://x.io>']],
  ])('masks %j as %j', (text, expected) => {
    expect(masked(text)).toEqual(expected);
  });

  it('finds a version only at a word boundary', () => {
    expect(matchVersionAt('a1.2', 1)).toBe(-1);
    expect(matchVersionAt(' v1.2 ', 1)).toBe(5);
    expect(matchVersionAt('v.2', 0)).toBe(-1);
  });

  it('masks the same code units as the analysis, which masks versions while splitting sentences', () => {
    const text = "# Notes v2.0.1\n\n- 1. Use 1.2.3-rc.1 or `x`.\n> Quote 4.5\n\nText é1.2 and a'1.2.3 here.\n\n| 1.2 | v3.4 |\n";
    const document = parseMarkdown(text);
    const reference = maskProse(document);
    const analysed = analyzeProse(document).mask.map((value) => (value === MARKUP ? 0 : value));
    expect([...analysed]).toEqual([...reference].map((value, index) => (analyzeProse(document).mask[index] === MARKUP ? 0 : value)));
  });
});
