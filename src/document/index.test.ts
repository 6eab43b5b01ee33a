import { describe, expect, it } from 'vitest';
import * as documentModule from './index.js';

describe('document index', () => {
  it('exports the public functions of the folder by name', () => {
    expect(Object.keys(documentModule).sort()).toEqual([
      'buildSections', 'decodeText', 'encodeText', 'expandInputs', 'findFrontMatter', 'findInvalidUtf8Offset',
      'mergeProtectedSpans', 'parseMarkdown', 'readSource', 'writeFileAtomic',
    ]);
    expect(documentModule.parseMarkdown('# A').headings).toHaveLength(1);
  });
});
