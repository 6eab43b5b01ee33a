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

/** Makes a boundary token that does not occur in `text`. */
export function createBoundary(text: string): string {
  for (;;) {
    const boundary = randomBytes(8).toString('hex');
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
 * Finds the document block in the last user message and returns its text
 * exactly as it was wrapped, or null when there is none.
 */
export function extractDocumentBlock(messages: readonly LanguageModelMessage[]): string | null {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message === undefined || message.role !== 'user') continue;
    const content = message.content;
    const begin = content.indexOf(BEGIN);
    if (begin === -1) continue;
    const boundaryEnd = content.indexOf(CLOSE, begin + BEGIN.length);
    if (boundaryEnd === -1) continue;
    const boundary = content.slice(begin + BEGIN.length, boundaryEnd);
    const textStart = boundaryEnd + CLOSE.length + 1;
    const endMarker = `\n${END}${boundary}${CLOSE}`;
    const textEnd = content.lastIndexOf(endMarker);
    if (textEnd < textStart - 1) continue;
    return content.slice(textStart, Math.max(textStart, textEnd));
  }
  return null;
}
