/**
 * Reading, validating, parsing and writing documents. A curated list of named exports.
 */
export { parseMarkdown } from './parse-markdown.js';
export { buildSections } from './build-sections.js';
export { findFrontMatter } from './find-front-matter.js';
export { mergeProtectedSpans } from './merge-protected-spans.js';
export { expandInputs } from './expand-inputs.js';
export type { ExpandInputsOptions, InputEntry, InputFailure, InputFile } from './expand-inputs.js';
export { readSource } from './read-source.js';
export type { ReadSourceOptions, SourceEntry } from './read-source.js';
export { decodeText, findInvalidUtf8Offset } from './decode-text.js';
export type { DecodedText } from './decode-text.js';
export { encodeText } from './encode-text.js';
export { writeFileAtomic } from './write-file-atomic.js';
export type { Heading, Link, ParsedDocument, ProtectedSpan, ProtectedSpanKind, Section, SourceDocument, TextEncodingInfo, TextRange } from './types.js';
