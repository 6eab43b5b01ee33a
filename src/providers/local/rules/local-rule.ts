import type { ParsedDocument } from '../../../document/types.js';

/**
 * One editorial fix of the local refiner: a pure function of the text and its
 * parse that returns the fixed text (the same string when there is nothing to
 * fix). A rule edits prose only and never changes a protected span, a number,
 * a URL or a heading line.
 */
export type LocalRule = (text: string, parsed: ParsedDocument) => string;
