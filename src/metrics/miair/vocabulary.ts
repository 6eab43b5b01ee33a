import { countSyllables } from './count-syllables.js';

/**
 * The words seen by the `miair` profile in this process, shared by all
 * documents: each distinct lower-case word gets a global id once, with its
 * syllables and the per-word facts components cache by id. ASCII words are
 * found by a hash of their characters without slicing the text. The store is
 * cleared between documents when it exceeds {@link MAX_GLOBAL_WORDS}, so memory
 * stays bounded; results never depend on it (every cached fact is a pure
 * function of the word).
 */

/** Distinct words kept before the store is cleared (between two documents). */
export const MAX_GLOBAL_WORDS = 262_144;

const words: string[] = [];
let syllableCounts = new Int32Array(1024);
/** The characters of every ASCII word, back to back, so that lookups compare bytes, not strings. */
let asciiCharacters = new Uint8Array(16_384);
let asciiCharacterCount = 0;
/**
 * Global id -> [offset of its characters in `asciiCharacters` (-1 for a word with a non-ASCII character),
 * length in UTF-16 code units, stamp and local id of the word table using it (see {@link localWordId})],
 * interleaved: a lookup and the word table's mapping read one cache line (profiled: most of a lookup's time
 * was spent on these loads).
 */
let records = new Int32Array(4096);
/**
 * Open addressing, two entries per slot: [hash, global id + 1 (0 for empty)], so that a probe
 * compares the hash without loading another array.
 */
let slots = new Int32Array(8192);
let slotMask = (slots.length >>> 1) - 1;
/** Incremented at every clear, so that caches keyed by global id know to drop their entries. */
let epoch = 0;

/** Number of distinct words in the store. */
export function globalWordCount(): number {
  return words.length;
}

/** The store's epoch: changes whenever ids are reassigned. */
export function vocabularyEpoch(): number {
  return epoch;
}

/** The word of global id `id`. */
export function globalWord(id: number): string {
  return words[id] as string;
}

/**
 * The local id that the word table stamped `stamp` gave global word `id`, or -1
 * when that table has not (see WordTable): stored next to the word's record.
 */
export function localWordId(id: number, stamp: number): number {
  return records[4 * id + 2] === stamp ? (records[4 * id + 3] as number) : -1;
}

/** Records that the word table stamped `stamp` (a positive integer) gives global word `id` the local id `localId`. */
export function setLocalWordId(id: number, stamp: number, localId: number): void {
  records[4 * id + 2] = stamp;
  records[4 * id + 3] = localId;
}

/** Forgets every {@link setLocalWordId}, before stamps are reused. */
export function clearLocalWordIds(): void {
  for (let index = 2; index < records.length; index += 4) records[index] = 0;
}

/** Estimated syllables of global word `id`. */
export function globalSyllables(id: number): number {
  return syllableCounts[id] as number;
}

/** Clears the store when it holds more than `maxWords` words; call only between documents. */
export function trimVocabulary(maxWords: number = MAX_GLOBAL_WORDS): void {
  if (words.length <= maxWords) return;
  words.length = 0;
  asciiCharacterCount = 0;
  slots = new Int32Array(8192);
  slotMask = (slots.length >>> 1) - 1;
  epoch++;
}

/** FNV-1a step over one (lower-case) UTF-16 code unit. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** Initial value of {@link hashStep}. */
export const HASH_SEED = 0x811c9dc5 | 0;

/**
 * The global id of the ASCII word `text[start, end)` read in lower case
 * (A-Z folded), whose {@link hashStep} hash is `hash`; added when new.
 */
export function internAscii(text: string, start: number, end: number, hash: number): number {
  const length = end - start;
  for (let slot = hash & slotMask; ; slot = (slot + 1) & slotMask) {
    const entry = slots[2 * slot + 1] as number;
    if (entry === 0) break;
    if (slots[2 * slot] !== hash) continue;
    const id = entry - 1;
    const offset = records[4 * id] as number;
    if (records[4 * id + 1] !== length || offset < 0) continue;
    let index = 0;
    while (index < length) {
      const code = text.charCodeAt(start + index);
      if ((code >= 65 && code <= 90 ? code + 32 : code) !== asciiCharacters[offset + index]) break;
      index++;
    }
    if (index === length) return id;
  }
  return add(text.slice(start, end).toLowerCase(), hash);
}

/** The global id of `word` (already lower case); added when new. */
export function intern(word: string): number {
  let hash = HASH_SEED;
  for (let index = 0; index < word.length; index++) hash = hashStep(hash, word.charCodeAt(index));
  for (let slot = hash & slotMask; ; slot = (slot + 1) & slotMask) {
    const entry = slots[2 * slot + 1] as number;
    if (entry === 0) break;
    if (slots[2 * slot] === hash && words[entry - 1] === word) return entry - 1;
  }
  return add(word, hash);
}

function add(word: string, hash: number): number {
  const id = words.length;
  // A slice of 13+ characters shares the document's memory in V8: copy it,
  // so the process-wide store never keeps whole documents alive.
  words.push(word.length >= 13 ? (' ' + word).slice(1) : word);
  if (id === syllableCounts.length) {
    syllableCounts = grown(syllableCounts);
    records = grown(records);
  }
  records[4 * id] = storeAsciiCharacters(word);
  records[4 * id + 1] = word.length;
  records[4 * id + 2] = 0;
  records[4 * id + 3] = 0;
  syllableCounts[id] = countSyllables(word);
  if (words.length > slots.length >>> 2) rehash();
  place(id, hash);
  return id;
}

/** A copy of `array` twice as long. */
function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(array.length * 2);
  copy.set(array);
  return copy;
}

/** Appends the characters of `word` to `asciiCharacters` and returns their offset, or -1 when one is not ASCII. */
function storeAsciiCharacters(word: string): number {
  const length = word.length;
  for (let index = 0; index < length; index++) if (word.charCodeAt(index) >= 128) return -1;
  if (asciiCharacterCount + length > asciiCharacters.length) {
    const copy = new Uint8Array(Math.max(asciiCharacters.length * 2, asciiCharacterCount + length));
    copy.set(asciiCharacters);
    asciiCharacters = copy;
  }
  const offset = asciiCharacterCount;
  for (let index = 0; index < length; index++) asciiCharacters[offset + index] = word.charCodeAt(index);
  asciiCharacterCount += length;
  return offset;
}

function place(id: number, hash: number): void {
  let slot = hash & slotMask;
  while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & slotMask;
  slots[2 * slot] = hash;
  slots[2 * slot + 1] = id + 1;
}

function rehash(): void {
  const old = slots;
  slots = new Int32Array(old.length * 2);
  slotMask = (slots.length >>> 1) - 1;
  // The hashes are in the old table: no per-id copy is kept.
  for (let slot = 1; slot < old.length; slot += 2) if (old[slot] !== 0) place((old[slot] as number) - 1, old[slot - 1] as number);
}

/**
 * A cache of one integer fact per global word id, computed by `compute` from
 * the word the first time it is asked for (0 means "not computed", so facts
 * must not be 0). Dropped when the vocabulary is cleared.
 */
export class WordFacts {
  private facts = new Int32Array(1024);
  private factsEpoch = epoch;
  constructor(private readonly compute: (word: string) => number) {}

  /** The fact of global word `id` (its word is `word`). */
  get(id: number, word: string): number {
    if (this.factsEpoch !== epoch) {
      this.facts = new Int32Array(1024);
      this.factsEpoch = epoch;
    }
    if (id >= this.facts.length) {
      const grown = new Int32Array(Math.max(id + 1, this.facts.length * 2));
      grown.set(this.facts);
      this.facts = grown;
    }
    let fact = this.facts[id] as number;
    if (fact === 0) {
      fact = this.compute(word);
      this.facts[id] = fact;
    }
    return fact;
  }
}
