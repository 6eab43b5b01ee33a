import { globalSyllables, globalWord as globalWordAt, globalWordCount, intern, internAscii, trimVocabulary, vocabularyEpoch } from './vocabulary.js';

const INITIAL_CAPACITY = 64;
/** Slots of a new table's ASCII index: enough for the distinct words of a short page without growing. */
const INITIAL_ASCII_SLOTS = 256;
/** Int32 fields per slot of the ASCII index: local id + 1 (0 for empty), hash, offset of the characters, length. */
const SLOT_FIELDS = 4;

// Global id -> local id of the table whose generation is stamped: no per-document map.
let localIds = new Int32Array(1024);
let stamps = new Int32Array(1024);
let generation = 0;

/**
 * The words of one document: each distinct lower-case word gets a local
 * integer id in order of first occurrence (and keeps its global id, see
 * vocabulary.ts), and every occurrence is stored in document order in flat
 * typed arrays. Components compare ids instead of strings and keep per-id
 * caches instead of string sets.
 */
export class WordTable {
  /** Local id -> word. */
  readonly words: string[] = [];
  /** Local id -> global id (valid while {@link epoch} is the vocabulary's). */
  readonly globalIds: number[] = [];
  /** Local id -> estimated syllables. */
  readonly syllables: number[] = [];
  /** The vocabulary epoch the global ids belong to. */
  readonly epoch: number;
  /** Occurrences stored so far. */
  count = 0;
  /** Local id of each occurrence, in document order (valid up to `count`). */
  wordIds: Int32Array;
  /** 0-based offset of each occurrence's first character. */
  wordStarts: Int32Array;
  /** Offset just after each occurrence. */
  wordEnds: Int32Array;
  private readonly generation: number;
  /**
   * This document's ASCII words by hash, open addressing, {@link SLOT_FIELDS}
   * fields per slot: a word met again is found in this small table, which stays
   * in cache, instead of in the process-wide store (about seven scattered reads).
   */
  private asciiSlots = new Int32Array(INITIAL_ASCII_SLOTS * SLOT_FIELDS);
  private asciiSlotMask = INITIAL_ASCII_SLOTS - 1;
  private asciiWordCount = 0;
  /** The lower-case characters of the ASCII words of {@link asciiSlots}, back to back. */
  private asciiCharacters = new Uint8Array(INITIAL_ASCII_SLOTS * 4);
  private asciiCharacterCount = 0;

  /**
   * @param expectedWords occurrences to make room for at once (they grow past it as needed):
   *   growing by doubling copied each array about twice on long documents.
   */
  constructor(expectedWords: number = INITIAL_CAPACITY) {
    const capacity = Math.max(INITIAL_CAPACITY, expectedWords);
    this.wordIds = new Int32Array(capacity);
    this.wordStarts = new Int32Array(capacity);
    this.wordEnds = new Int32Array(capacity);
    trimVocabulary();
    this.epoch = vocabularyEpoch();
    if (generation === 0x3fffffff) {
      generation = 0;
      stamps.fill(0);
    }
    this.generation = ++generation;
  }

  /** The local id of `word` (lower case), adding it when new. */
  intern(word: string): number {
    return this.local(intern(word));
  }

  /** The local id of the ASCII word `text[start, end)` in lower case, whose hash is `hash` (see vocabulary.ts). */
  internAscii(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const slots = this.asciiSlots;
    const characters = this.asciiCharacters;
    for (let slot = hash & this.asciiSlotMask; ; slot = (slot + 1) & this.asciiSlotMask) {
      const field = slot * SLOT_FIELDS;
      const entry = slots[field] as number;
      if (entry === 0) break;
      if (slots[field + 1] !== hash || slots[field + 3] !== length) continue;
      const offset = slots[field + 2] as number;
      let index = 0;
      while (index < length) {
        const code = text.charCodeAt(start + index);
        if ((code >= 65 && code <= 90 ? code + 32 : code) !== characters[offset + index]) break;
        index++;
      }
      if (index === length) return entry - 1;
    }
    const id = this.local(internAscii(text, start, end, hash));
    this.addAscii(text, start, length, hash, id);
    return id;
  }

  /** Appends an occurrence of local word `id` at `[start, end)`. */
  push(id: number, start: number, end: number): void {
    if (this.count === this.wordIds.length) this.grow();
    this.wordIds[this.count] = id;
    this.wordStarts[this.count] = start;
    this.wordEnds[this.count] = end;
    this.count++;
  }

  /** The words of occurrences `[first, first + count)`, as strings (for tests and keys). */
  slice(first: number, count: number): string[] {
    const result: string[] = [];
    for (let index = first; index < first + count; index++) result.push(this.words[this.wordIds[index] as number] as string);
    return result;
  }

  /** Records the ASCII word `text[start, start + length)` (hash `hash`) as local word `id` in the ASCII index. */
  private addAscii(text: string, start: number, length: number, hash: number, id: number): void {
    if (this.asciiCharacterCount + length > this.asciiCharacters.length) {
      const grown = new Uint8Array(Math.max(this.asciiCharacters.length * 2, this.asciiCharacterCount + length));
      grown.set(this.asciiCharacters);
      this.asciiCharacters = grown;
    }
    const offset = this.asciiCharacterCount;
    for (let index = 0; index < length; index++) {
      const code = text.charCodeAt(start + index);
      this.asciiCharacters[offset + index] = code >= 65 && code <= 90 ? code + 32 : code;
    }
    this.asciiCharacterCount += length;
    this.asciiWordCount++;
    if (this.asciiWordCount * 2 > this.asciiSlotMask + 1) this.growAsciiSlots();
    this.placeAscii(this.asciiSlots, this.asciiSlotMask, id + 1, hash, offset, length);
  }

  private placeAscii(slots: Int32Array, slotMask: number, entry: number, hash: number, offset: number, length: number): void {
    let slot = hash & slotMask;
    while (slots[slot * SLOT_FIELDS] !== 0) slot = (slot + 1) & slotMask;
    const field = slot * SLOT_FIELDS;
    slots[field] = entry;
    slots[field + 1] = hash;
    slots[field + 2] = offset;
    slots[field + 3] = length;
  }

  private growAsciiSlots(): void {
    const old = this.asciiSlots;
    const slotMask = this.asciiSlotMask * 2 + 1;
    const slots = new Int32Array((slotMask + 1) * SLOT_FIELDS);
    for (let field = 0; field < old.length; field += SLOT_FIELDS) {
      const entry = old[field] as number;
      if (entry !== 0) this.placeAscii(slots, slotMask, entry, old[field + 1] as number, old[field + 2] as number, old[field + 3] as number);
    }
    this.asciiSlots = slots;
    this.asciiSlotMask = slotMask;
  }

  private local(globalId: number): number {
    if (globalId >= stamps.length) {
      const size = Math.max(globalId + 1, stamps.length * 2, globalWordCount());
      const grownStamps = new Int32Array(size);
      grownStamps.set(stamps);
      stamps = grownStamps;
      const grownLocal = new Int32Array(size);
      grownLocal.set(localIds);
      localIds = grownLocal;
    }
    if (stamps[globalId] === this.generation) return localIds[globalId] as number;
    const id = this.words.length;
    stamps[globalId] = this.generation;
    localIds[globalId] = id;
    this.words.push(globalWordAt(globalId));
    this.globalIds.push(globalId);
    this.syllables.push(globalSyllables(globalId));
    return id;
  }

  private grow(): void {
    const capacity = this.wordIds.length * 2;
    const ids = new Int32Array(capacity);
    ids.set(this.wordIds);
    this.wordIds = ids;
    const starts = new Int32Array(capacity);
    starts.set(this.wordStarts);
    this.wordStarts = starts;
    const ends = new Int32Array(capacity);
    ends.set(this.wordEnds);
    this.wordEnds = ends;
  }
}
