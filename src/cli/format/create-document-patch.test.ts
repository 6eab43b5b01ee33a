import fc from 'fast-check';
import { applyPatch, createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { createDocumentPatch } from './create-document-patch.js';

const LINE = fc.constantFrom('', 'The text.', 'The the text.', 'Other line.', '# Heading', '```', 'code();', '  indented', 'last');

/** A text and an edited copy: lines removed, changed or added, CRLF or LF, with or without a final line break. */
const EDITED = fc
  .record({
    lines: fc.array(LINE, { maxLength: 60 }),
    edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom('remove', 'change', 'add'), LINE), { maxLength: 20 }),
    lineBreak: fc.constantFrom('\n', '\r\n'),
    finalBreak: fc.boolean(),
  })
  .map(({ lines, edits, lineBreak, finalBreak }) => {
    const edited: string[] = [...lines];
    for (const [position, kind, line] of edits) {
      const index = edited.length === 0 ? 0 : position % edited.length;
      if (kind === 'remove') edited.splice(index, 1);
      else if (kind === 'change') edited[index] = `${line} changed`;
      else edited.splice(index, 0, line);
    }
    const join = (all: readonly string[]): string => all.join(lineBreak) + (finalBreak && all.length > 0 ? lineBreak : '');
    return { before: join(lines), after: join(edited) };
  });

describe('createDocumentPatch', () => {
  it('is jsdiff minimal patch when few lines changed', () => {
    const before = '# T\n\nThe the text.\n\nMore.\n';
    const after = '# T\n\nThe text.\n\nMore.\n';
    expect(createDocumentPatch('a.md', 'b.md', before, after, 'original', 'refined')).toBe(createTwoFilesPatch('a.md', 'b.md', before, after, 'original', 'refined'));
  });

  it('gives a patch that turns the original into the refined text when the greedy diff is used', () => {
    fc.assert(
      fc.property(EDITED, ({ before, after }) => {
        expect(applyPatch(before, createDocumentPatch('a.md', 'a.md', before, after, 'original', 'refined', 0))).toBe(after);
      }),
      { numRuns: 500 },
    );
  });

  it('diffs a document whose 20,000 paragraphs all changed in linear time', () => {
    // A complexity guard, not a benchmark: jsdiff's Myers diff took 165 s on this document (0.73 MB).
    const before = `# T\n\n${Array.from({ length: 20_000 }, (_, index) => `The the text ${index} in order to run.`).join('\n\n')}\n`;
    const after = `# T\n\n${Array.from({ length: 20_000 }, (_, index) => `The text ${index} to run.`).join('\n\n')}\n`;
    const start = performance.now();
    const patch = createDocumentPatch('a.md', 'a.md', before, after, 'original', 'refined');
    expect(performance.now() - start).toBeLessThan(2000);
    expect(applyPatch(before, patch)).toBe(after);
    expect(patch.split('\n').filter((line) => line.startsWith('-') && !line.startsWith('---'))).toHaveLength(20_000);
  });
});
