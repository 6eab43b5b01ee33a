import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBoundary, extractDocumentBlock, wrapDocumentBlock } from './document-block.js';

function userMessage(content: string): { role: 'user'; content: string } {
  return { role: 'user', content };
}

describe('extractDocumentBlock', () => {
  it('returns the wrapped text exactly, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (text, before) => {
        const boundary = createBoundary(text + before);
        const content = `${before}\n${wrapDocumentBlock(text, boundary)}`;
        expect(extractDocumentBlock([userMessage(content)])).toBe(text);
      }),
    );
  });

  it('reads the block whose end line comes last when the findings quote a marker', () => {
    const quoted = 'A finding quotes <<<MIAIR-DOCUMENT-BEGIN deadbeef>>> from the text.';
    const text = `Doc mentions <<<MIAIR-DOCUMENT-END cafe>>> too.`;
    const content = `${quoted}\n${wrapDocumentBlock(text, createBoundary(text + quoted))}`;
    expect(extractDocumentBlock([userMessage(content)])).toBe(text);
  });

  it('reads from the last begin line before the end line when the begin line occurs more than once', () => {
    const begin = '<<<MIAIR-DOCUMENT-BEGIN b0b0>>>';
    const end = '<<<MIAIR-DOCUMENT-END b0b0>>>';
    expect(extractDocumentBlock([userMessage(`${begin}\nfirst\n${begin}\nsecond\n${end}`)])).toBe('second');
    expect(extractDocumentBlock([userMessage(`${begin}\nonly\n${end}\n${begin}\n`)])).toBe('only');
    expect(extractDocumentBlock([userMessage(`x\n${end}\n${begin}\n`)])).toBeNull();
  });

  it('takes the last user message with a block and ignores other roles', () => {
    const messages = [
      { role: 'system' as const, content: wrapDocumentBlock('system text', 'aaaa') },
      userMessage(wrapDocumentBlock('first', 'bbbb')),
      userMessage('no block here'),
      { role: 'assistant' as const, content: 'reply' },
    ];
    expect(extractDocumentBlock(messages)).toBe('first');
  });

  it('returns null without a block', () => {
    expect(extractDocumentBlock([userMessage('plain')])).toBeNull();
    expect(extractDocumentBlock([])).toBeNull();
  });

  it('makes random boundaries that the text does not contain', () => {
    expect(createBoundary('abc')).toMatch(/^[0-9a-f]{16}$/);
    const boundaries = new Set(Array.from({ length: 2000 }, () => createBoundary('')));
    expect(boundaries.size).toBe(2000);
  });
});
