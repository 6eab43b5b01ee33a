import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectHtmlAnchors } from './collect-html-anchors.js';

const HTML_ANCHOR = /\b(?:id|name)\s*=\s*["']([^"']+)["']/g;

function collect(text: string): string[] {
  const anchors = new Set<string>();
  collectHtmlAnchors(text, anchors);
  return [...anchors];
}

function collectByExpression(text: string): string[] {
  return [...new Set([...text.matchAll(HTML_ANCHOR)].map((match) => (match[1] as string).toLowerCase()))];
}

describe('collectHtmlAnchors', () => {
  it.each([
    ['<a name="Install"></a> <div id = \'usage\'>', ['install', 'usage']],
    ['<a id="x\'>', ['x']],
    ['grid="no" valid=\'no\' id=""', []],
    ['id="a" id="b"name="c"', ['a', 'b', 'c']],
    ['id="never closed', []],
    ['name\u00a0=\u3000"wide"', ['wide']],
    ['id="a=b" id="c"', ['a=b', 'c']],
  ])('finds the attribute values of %j', (text, expected) => {
    expect(collect(text)).toEqual(expected);
  });

  it('finds what the regular expression finds when the text is any mix of attribute pieces', () => {
    const piece = fc.constantFrom('id', 'name', 'xid', '=', '"', "'", ' ', '\n', '\u00a0', '\u0085', 'a', 'B', '_', '<div ', '>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join('')), (text) => {
        expect(collect(text)).toEqual(collectByExpression(text));
      }),
      { numRuns: 3000 },
    );
  });
});
