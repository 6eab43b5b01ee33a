import { globalSyllables, globalWord as globalWordAt, globalWordCount, intern, internAscii, trimVocabulary, vocabularyEpoch } from './vocabulary.js';

const INITIAL_CAPACITY = 64;

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
    return this.local(internAscii(text, start, end, hash));
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
