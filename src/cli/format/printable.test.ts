import { describe, expect, it } from 'vitest';
import { printable } from './printable.js';

describe('printable', () => {
  it.each([
    ['docs/a.md', 'docs/a.md'],
    ['a\nb.md', 'a\\nb.md'],
    ['tab\there\r', 'tab\\there\\r'],
    ['\u001b[31mred\u001b[0m.md', '\\u001b[31mred\\u001b[0m.md'],
    ['del\u007f c1\u0085', 'del\\u007f c1\\u0085'],
    ['café 日本.md', 'café 日本.md'],
  ])('writes %j as %j', (text, expected) => {
    expect(printable(text)).toBe(expected);
  });
});
