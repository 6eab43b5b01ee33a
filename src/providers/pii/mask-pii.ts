import { detectPii } from './detect-pii.js';
import { findPlaceholders } from './placeholder-pattern.js';
import { PII_LABEL, type PiiFinding, type PiiKind } from './types.js';

/** What a placeholder stands for. */
export interface PlaceholderEntry {
  /** The original text, exactly. */
  value: string;
  kind: PiiKind;
}

/** Placeholder (`[EMAIL_1]`) to what it stands for; insertion order is allocation order. */
export type PlaceholderTable = Map<string, PlaceholderEntry>;

/** Options of {@link maskPii}. */
export interface MaskPiiOptions {
  /** Kinds to mask; every kind by default. */
  kinds?: readonly PiiKind[];
  /**
   * A table to extend: values already in it keep their placeholder, so
   * several texts of one prompt share one numbering. A new table by default.
   */
  placeholders?: PlaceholderTable;
  /** Other text no new placeholder may occur in (the rest of the prompt). */
  reservedText?: string;
  /**
   * Where values already in the table, and values detected elsewhere in
   * `text`, are replaced besides where a detector finds them:
   * `occurrences` (default) every occurrence in any letter case (a
   * letters-only value such as a common-word password only as a whole
   * word); `fragments` also every run of {@link MIN_FRAGMENT_LENGTH} or more
   * characters taken from such a value (a quote cut inside it); `none`
   * nowhere, only detectors mask (instructions that hold no user data).
   */
  knownValues?: KnownValueSearch;
}

/** How far {@link maskPii} searches for values it already knows; see {@link MaskPiiOptions.knownValues}. */
export type KnownValueSearch = 'none' | 'occurrences' | 'fragments';

/**
 * Characters of a known value that `fragments` masks where they occur
 * together: a cut quote can leak at most this many minus one from each end
 * of a secret, too few to use, while shorter runs would mask ordinary words
 * and numbers of the findings.
 */
export const MIN_FRAGMENT_LENGTH = 6;

/** Result of {@link maskPii}. */
export interface MaskPiiResult {
  /** `text` with every finding replaced by its placeholder. */
  text: string;
  /** The table used (the one passed in, extended, or a new one). */
  placeholders: PlaceholderTable;
  /** What was replaced, with ranges into the original text, sorted by start. */
  findings: PiiFinding[];
}

// Shorter known values are not searched for outside their detected context.
const MIN_REUSED_VALUE_LENGTH = 4;

/**
 * Replaces personal data and secrets with placeholders `[LABEL_N]`: the
 * same value always gets the same placeholder, and a placeholder never
 * occurs in `text` or `reservedText` already (a document that contains
 * `[EMAIL_1]` gets `[EMAIL_2]` for its first address), so
 * {@link restorePii} gives back `text` exactly. Values already in the table
 * are also replaced where no detector sees them (a secret quoted without
 * its `token =` context).
 *
 * @example
 * const { text, placeholders } = maskPii('Mail ada@lovelace.dev');
 * // text: 'Mail [EMAIL_1]'; restorePii(text, placeholders) === 'Mail ada@lovelace.dev'
 */
export function maskPii(text: string, options: MaskPiiOptions = {}): MaskPiiResult {
  let pass = maskOnce(text, options);
  if (pass.findings.length === 0) return { text, placeholders: pass.placeholders, findings: [] };
  // Detectors read context: a value glued to a word ("2671api_key = ...")
  // hides from them until its neighbour is masked. Masking again until
  // nothing new is found leaks none of those, and makes masking idempotent.
  const findings = [...pass.findings];
  const passes: Replacement[][] = [pass.replacements];
  for (let round = 1; round < MAX_MASKING_PASSES; round++) {
    const next = maskOnce(pass.text, { ...options, placeholders: pass.placeholders });
    if (next.findings.length === 0) break;
    for (const finding of next.findings) findings.push({ kind: finding.kind, range: mapToOriginal(finding.range, passes) });
    passes.unshift(next.replacements);
    pass = next;
  }
  findings.sort((left, right) => left.range.start - right.range.start);
  return { text: pass.text, placeholders: pass.placeholders, findings };
}

/** Passes of masking at most; each pass can only reveal values glued to the previous pass's. */
const MAX_MASKING_PASSES = 4;

/** Where one pass put a placeholder: its range in the masked text and the range it replaced. */
interface Replacement {
  maskedStart: number;
  maskedEnd: number;
  originalStart: number;
  originalEnd: number;
}

// Maps a range of a later pass's text back through every earlier pass
// (`passes` newest first) to the original text. Ranges of later passes never
// overlap a placeholder, so each end lies in text copied unchanged.
function mapToOriginal(range: { start: number; end: number }, passes: readonly Replacement[][]): { start: number; end: number } {
  let { start, end } = range;
  for (const replacements of passes) {
    start = mapPosition(start, replacements);
    end = mapPosition(end, replacements);
  }
  return { start, end };
}

function mapPosition(position: number, replacements: readonly Replacement[]): number {
  let mapped = position;
  for (const replacement of replacements) {
    if (replacement.maskedEnd > position) break;
    mapped = position - replacement.maskedEnd + replacement.originalEnd;
  }
  return mapped;
}

function maskOnce(text: string, options: MaskPiiOptions): MaskPiiResult & { replacements: Replacement[] } {
  const placeholders = options.placeholders ?? new Map<string, PlaceholderEntry>();
  const detected = detectPii(text, options.kinds === undefined ? {} : { kinds: options.kinds });
  const known = options.knownValues === 'none' ? [] : findKnownValues(text, detected, placeholders, options.knownValues === 'fragments');
  const findings = known.length === 0 ? detected : [...detected, ...known].sort((a, b) => a.range.start - b.range.start);
  if (findings.length === 0) return { text, placeholders, findings, replacements: [] };

  const placeholderByValue = new Map<string, string>();
  for (const [placeholder, entry] of placeholders) placeholderByValue.set(entry.value, placeholder);
  const reserved = options.reservedText === undefined ? text : `${text}\n${options.reservedText}`;
  const replacements: Replacement[] = [];
  let masked = '';
  let position = 0;
  for (const finding of findings) {
    const value = text.slice(finding.range.start, finding.range.end);
    let placeholder = placeholderByValue.get(value);
    if (placeholder === undefined) {
      placeholder = allocatePlaceholder(PII_LABEL[finding.kind], placeholders, reserved);
      placeholders.set(placeholder, { value, kind: finding.kind });
      placeholderByValue.set(value, placeholder);
    }
    masked += text.slice(position, finding.range.start);
    replacements.push({ maskedStart: masked.length, maskedEnd: masked.length + placeholder.length, originalStart: finding.range.start, originalEnd: finding.range.end });
    masked += placeholder;
    position = finding.range.end;
  }
  return { text: masked + text.slice(position), placeholders, findings, replacements };
}

// The next `[LABEL_N]` that is neither in the table nor in the text.
function allocatePlaceholder(label: string, placeholders: PlaceholderTable, reserved: string): string {
  for (let number = 1; ; number++) {
    const placeholder = `[${label}_${number}]`;
    if (!placeholders.has(placeholder) && !reserved.includes(placeholder)) return placeholder;
  }
}

// Occurrences of values found before (in this text or an earlier one) that
// no detector reported here, in any letter case: a value a finding quotes in
// lower case, or the document writes twice in two cases, is still that value.
// No word-boundary test for most values: a known secret is masked even
// inside a longer token, where its context hid it from detectors. A
// letters-only value (a common word chosen as a URL password) is masked only
// as a whole word: "documentation" does not reveal the password "document",
// and "[PASSWORD_1]ation" would corrupt the text the model edits.
function findKnownValues(text: string, detected: readonly PiiFinding[], placeholders: PlaceholderTable, isFragmentSearch: boolean): PiiFinding[] {
  if (detected.length === 0 && placeholders.size === 0) return [];
  const values = new Map<string, PiiKind>();
  for (const entry of placeholders.values()) values.set(foldCase(entry.value), entry.kind);
  for (const finding of detected) values.set(foldCase(text.slice(finding.range.start, finding.range.end)), finding.kind);
  const taken = [...detected.map((finding) => finding.range), ...findPlaceholders(text)];
  const folded = foldCase(text);
  const found: PiiFinding[] = [];
  // Longest first, so a value that contains another is replaced whole.
  for (const [value, kind] of [...values].sort((a, b) => b[0].length - a[0].length)) {
    if (value.length < MIN_REUSED_VALUE_LENGTH) continue;
    const isWord = WORD_VALUE.test(value);
    for (let start = folded.indexOf(value); start !== -1; start = folded.indexOf(value, start + 1)) {
      const end = start + value.length;
      if (isWord && (WORD_CHARACTER.test(text.charAt(start - 1)) || WORD_CHARACTER.test(text.charAt(end)))) continue;
      if (taken.some((range) => range.start < end && start < range.end)) continue;
      const range = { start, end };
      taken.push(range);
      found.push({ kind, range });
    }
  }
  if (isFragmentSearch) found.push(...findFragments(folded, values, taken));
  return found;
}

const WORD_VALUE = /^\p{L}+$/u;
const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

// Runs of text made of MIN_FRAGMENT_LENGTH-character pieces of known values
// (letters-only values excepted: their pieces are syllables), outside
// `taken`: what is left of a value that a truncated quote cut in two.
function findFragments(folded: string, values: ReadonlyMap<string, PiiKind>, taken: readonly PiiFinding['range'][]): PiiFinding[] {
  const pieces = new Map<string, PiiKind>();
  for (const [value, kind] of values) {
    if (value.length <= MIN_FRAGMENT_LENGTH || WORD_VALUE.test(value)) continue;
    for (let start = 0; start + MIN_FRAGMENT_LENGTH <= value.length; start++) pieces.set(value.slice(start, start + MIN_FRAGMENT_LENGTH), kind);
  }
  const found: PiiFinding[] = [];
  if (pieces.size === 0) return found;
  let run: PiiFinding | null = null;
  for (let start = 0; start + MIN_FRAGMENT_LENGTH <= folded.length; start++) {
    const end = start + MIN_FRAGMENT_LENGTH;
    const kind = pieces.get(folded.slice(start, end));
    if (kind === undefined || taken.some((range) => range.start < end && start < range.end)) continue;
    if (run !== null && start <= run.range.end) run.range.end = end;
    else {
      run = { kind, range: { start, end } };
      found.push(run);
    }
  }
  return found;
}

// Lower case with every offset kept: the few characters whose lower case is
// longer (U+0130) stay as they are.
function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let folded = '';
  for (const character of text) {
    const lowerCharacter = character.toLowerCase();
    folded += lowerCharacter.length === character.length ? lowerCharacter : character;
  }
  return folded;
}
