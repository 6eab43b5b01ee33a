/**
 * Shapes of documents as miair reads and parses them.
 * All offsets are 0-based UTF-16 code-unit indices into `ParsedDocument.text`,
 * `end` exclusive, so `text.slice(start, end)` is the span.
 */

/** A half-open range `[start, end)` of 0-based UTF-16 offsets. */
export interface TextRange {
  start: number;
  end: number;
}

/** The kinds of text that refinement must leave byte-identical. */
export type ProtectedSpanKind =
  | 'front-matter'
  | 'fenced-code'
  | 'indented-code'
  | 'inline-code'
  | 'link-url'
  | 'image-url'
  | 'autolink'
  | 'html-block';

/** A span of text that refinement must never change. */
export interface ProtectedSpan extends TextRange {
  kind: ProtectedSpanKind;
}

/** An ATX (`# Title`) or setext (`Title\n===`) heading. */
export interface Heading {
  /** 1-6. */
  level: number;
  /** The heading text without markers, trimmed. */
  text: string;
  /** The whole heading line(s), markers included, without the final line break. */
  range: TextRange;
}

/** A link or image destination found in the text. */
export interface Link {
  url: string;
  /** Range of the URL itself (not the label). */
  range: TextRange;
  kind: 'link' | 'image' | 'autolink' | 'reference-definition';
}

/**
 * A part of the document: the text before the first heading (the preamble,
 * `heading` null, possibly empty), then one section per heading, running up to
 * the next heading of any level. Sections are contiguous and together cover the
 * whole text.
 */
export interface Section extends TextRange {
  /** 0-based position in `ParsedDocument.sections`. */
  index: number;
  heading: Heading | null;
}

/** A Markdown (or plain text) document split into sections and protected spans. */
export interface ParsedDocument {
  text: string;
  sections: Section[];
  headings: Heading[];
  links: Link[];
  /** Sorted by start, non-overlapping (an inner span is merged into its outer one). */
  protectedSpans: ProtectedSpan[];
  /** The YAML front matter block, delimiters included, when the text starts with one. */
  frontMatter: TextRange | null;
}

/** How a file's bytes were encoded, so that output can be written back the same way. */
export interface TextEncodingInfo {
  /** The file started with a UTF-8 byte order mark (removed from `text`). */
  hasBom: boolean;
  /** `crlf` when every line break was CRLF (converted to LF in `text`); `lf` otherwise (text kept as is). */
  lineEnding: 'lf' | 'crlf' | 'cr';
}

/** One input that was read and validated: the text is normalised (no BOM, LF line breaks). */
export interface SourceDocument {
  /** The path as given or found (relative to the cwd when found under a directory), or `-` for stdin. */
  path: string;
  /** The directory input this file was found under, for mirroring the tree in `--out`; null for files and stdin. */
  root: string | null;
  text: string;
  encoding: TextEncodingInfo;
  sizeInBytes: number;
}
