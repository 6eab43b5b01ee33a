import { DOCUMENT_BLOCK_MARKERS } from '../document-block.js';
import type { TextRange } from '../../document/types.js';

const [BEGIN_MARKER, END_MARKER] = DOCUMENT_BLOCK_MARKERS;

/**
 * Where the document text of a block (see `wrapDocumentBlock`) is inside
 * one message: the range of the text between the begin line and the end
 * line, or null when `content` has no complete block. The boundary is read
 * from the LAST end line, which follows the document, so marker-like text
 * inside the document (or quoted before it) cannot move the range.
 */
export function locateDocumentBlock(content: string): TextRange | null {
  const endLine = content.lastIndexOf(`\n${END_MARKER} `);
  if (endLine === -1) return null;
  const boundaryStart = endLine + END_MARKER.length + 2;
  const boundaryEnd = content.indexOf('>>>', boundaryStart);
  if (boundaryEnd === -1) return null;
  const boundary = content.slice(boundaryStart, boundaryEnd);
  const beginLine = `${BEGIN_MARKER} ${boundary}>>>\n`;
  const begin = content.indexOf(beginLine);
  if (boundary === '' || begin === -1 || begin + beginLine.length > endLine + 1) return null;
  const start = begin + beginLine.length;
  // An empty document is wrapped as `BEGIN\n\nEND`: start is one past the end line's newline.
  return { start: Math.min(start, endLine), end: endLine };
}
