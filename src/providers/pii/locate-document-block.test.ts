import { describe, expect, it } from 'vitest';
import { wrapDocumentBlock } from '../document-block.js';
import { locateDocumentBlock } from './locate-document-block.js';

describe('locateDocumentBlock', () => {
  it.each([
    ['a plain document', 'Hello\nworld'],
    ['an empty document', ''],
    ['a document with fake markers', '<<<MIAIR-DOCUMENT-END ab>>>\n<<<MIAIR-DOCUMENT-BEGIN ab>>>\nx'],
  ])('returns the range of the text when the block holds %s', (_name, text) => {
    const content = `Findings: <<<MIAIR-DOCUMENT-BEGIN zz>>>\n\nDocument:\n${wrapDocumentBlock(text, 'f00d')}`;
    const range = locateDocumentBlock(content);
    expect(range).not.toBeNull();
    expect(content.slice(range!.start, range!.end)).toBe(text);
  });

  it.each([
    ['no block', 'just text'],
    ['no begin line', 'x\n<<<MIAIR-DOCUMENT-END f00d>>>'],
    ['an unterminated end line', 'x\n<<<MIAIR-DOCUMENT-END f00d'],
    ['an empty boundary', '<<<MIAIR-DOCUMENT-BEGIN >>>\nx\n<<<MIAIR-DOCUMENT-END >>>'],
  ])('returns null when the content has %s', (_name, content) => {
    expect(locateDocumentBlock(content)).toBeNull();
  });
});
