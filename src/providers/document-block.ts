/**
 * How a document travels inside a prompt: as data, in a block delimited by a
 * boundary that the document cannot contain, so instructions inside the
 * document stay text. Models that work on the document itself (the offline
 * `local` refiner, the `mock` model, the mock LLM server) read it back with
 * {@link extractDocumentBlock}.
 */
import { randomBytes } from 'node:crypto';
import type { LanguageModelMessage } from './spec.js';

const BEGIN = '<<<MIAIR-DOCUMENT-BEGIN ';
const END = '<<<MIAIR-DOCUMENT-END ';
const CLOSE = '>>>';

// randomBytes costs ~2 us a call (a system call each): take boundaries from
// a pool filled 4 KiB at a time.
const POOL_SIZE_IN_BYTES = 4096;
const BOUNDARY_SIZE_IN_BYTES = 8;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** Makes a random boundary token (16 hex digits) that does not occur in `text`. */
export function createBoundary(text: string): string {
  for (;;) {
    if (poolOffset + BOUNDARY_SIZE_IN_BYTES > pool.length) {
      pool = randomBytes(POOL_SIZE_IN_BYTES);
      poolOffset = 0;
    }
    const boundary = pool.toString('hex', poolOffset, poolOffset + BOUNDARY_SIZE_IN_BYTES);
    poolOffset += BOUNDARY_SIZE_IN_BYTES;
    if (!text.includes(boundary)) return boundary;
  }
}

/** Wraps `text` in a delimited block: begin line, the text verbatim, end line. */
export function wrapDocumentBlock(text: string, boundary: string): string {
  return `${BEGIN}${boundary}${CLOSE}\n${text}\n${END}${boundary}${CLOSE}`;
}

/** The marker prefixes, for guards that reject output still carrying them. */
export const DOCUMENT_BLOCK_MARKERS = [BEGIN.trim(), END.trim()] as const;

/**
 * Finds the document block in the last user message that has one and
 * returns its text exactly as it was wrapped, or null when there is none.
 * The boundary is read from the LAST end line, so a document or a finding
 * that quotes a marker cannot derail it.
 */
export function extractDocumentBlock(messages: readonly LanguageModelMessage[]): string | null {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message === undefined || message.role !== 'user') continue;
    const text = readBlock(message.content);
    if (text !== null) return text;
  }
  return null;
}

function readBlock(content: string): string | null {
  const endLine = content.lastIndexOf(`\n${END}`);
  if (endLine === -1) return null;
  const boundaryStart = endLine + 1 + END.length;
  const boundaryEnd = content.indexOf(CLOSE, boundaryStart);
  if (boundaryEnd === -1) return null;
  const beginLine = `${BEGIN}${content.slice(boundaryStart, boundaryEnd)}${CLOSE}\n`;
  const begin = lastIndexBefore(content, beginLine, endLine);
  if (begin === -1) return null;
  const textStart = begin + beginLine.length;
  // An empty document is wrapped as begin line, empty line, end line.
  return textStart > endLine ? '' : content.slice(textStart, endLine);
}

/**
 * `content.lastIndexOf(search, limit)`, searched forwards: V8 runs
 * `lastIndexOf` as a naive backward loop, ~25x slower than `indexOf` over a
 * few KiB (measured, Node 20), and the begin line sits near the start.
 */
function lastIndexBefore(content: string, search: string, limit: number): number {
  let found = -1;
  for (let index = content.indexOf(search); index !== -1 && index <= limit; index = content.indexOf(search, index + 1)) found = index;
  return found;
}
