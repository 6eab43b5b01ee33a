import { describe, expect, it } from 'vitest';
import { markdownCellText } from './analyze-table.js';

describe('markdownCellText', () => {
  it.each([
    ['a|b.md', 'a\\|b.md'],
    // A backslash before a pipe: escaped too, or GFM reads `\\` as one backslash and the pipe splits the cell.
    ['a\\|b.md', 'a\\\\\\|b.md'],
    ['p`q`r.md', 'p\\`q\\`r.md'],
    ['x\ny.md', 'x<br>y.md'],
    ['x\r\ny.md', 'x<br>y.md'],
    ['plain/path.md', 'plain/path.md'],
    ['esc\u001b[31m\t.md', 'esc\\u001b[31m\\t.md'],
  ])('writes %j so the table cell shows it as written', (text, cell) => {
    expect(markdownCellText(text)).toBe(cell);
  });
});
