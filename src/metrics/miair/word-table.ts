import { clearLocalWordIds, globalSyllables, globalWord as globalWordAt, intern, internAscii, localWordId, setLocalWordId, trimVocabulary, vocabularyEpoch } from './vocabulary.js';

const INITIAL_CAPACITY = 64;

// Stamps of the tables: global id -> local id is stored in the vocabulary's records under the stamp of the
// table (see localWordId), no per-document map.
let generation = 0;
/** Most occurrences the shared arrays hold: a huge document's arrays are not kept for the life of the process. */
const MAX_SHARED_WORDS = 1 << 19;
// The occurrence arrays handed from one table of WordTable.reusing to the next.
let sharedIds = new Int32Array(INITIAL_CAPACITY * 16);
let sharedStarts = new Int32Array(INITIAL_CAPACITY * 16);
let sharedEnds = new Int32Array(INITIAL_CAPACITY * 16);
// The per-word arrays handed on the same way: growing two number arrays per document was ~2.4 KB of garbage a refinement.
let sharedGlobalIds = new Int32Array(INITIAL_CAPACITY * 4);
let sharedSyllables = new Int32Array(INITIAL_CAPACITY * 4);

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
  /** Local id -> global id (valid while {@link epoch} is the vocabulary's), up to `words.length`. */
  globalIds: Int32Array;
  /** Local id -> estimated syllables, up to `words.length`. */
  syllables: Int32Array;
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
  /** Whether the arrays are the shared ones of {@link WordTable.reusing}. */
  private isShared = false;

  /**
   * @param expectedWords occurrences to make room for at once (they grow past it as needed):
   *   growing by doubling copied each array about twice on long documents.
   * @param ids occurrence arrays to write into instead of new ones (see {@link WordTable.reusing}),
   *   with `starts` and `ends` of the same length.
   */
  constructor(expectedWords: number = INITIAL_CAPACITY, ids?: Int32Array, starts?: Int32Array, ends?: Int32Array) {
    const capacity = Math.max(INITIAL_CAPACITY, expectedWords);
    this.wordIds = ids ?? new Int32Array(capacity);
    this.wordStarts = starts ?? new Int32Array(capacity);
    this.wordEnds = ends ?? new Int32Array(capacity);
    // A table over the shared occurrence arrays (reusing) takes the shared per-word arrays too: a typed array
    // of over 64 bytes is allocated outside the heap, and two per document were ~1% of a thread's time.
    this.globalIds = ids === undefined ? new Int32Array(INITIAL_CAPACITY) : sharedGlobalIds;
    this.syllables = ids === undefined ? new Int32Array(INITIAL_CAPACITY) : sharedSyllables;
    trimVocabulary();
    this.epoch = vocabularyEpoch();
    if (generation === 0x3fffffff) {
      generation = 0;
      clearLocalWordIds();
    }
    this.generation = ++generation;
  }

  /**
   * A new table over the occurrence arrays of the previous table made by this
   * function, which must no longer be read (it is overwritten): per-document
   * typed arrays were a measured share of the time on short pages.
   */
  static reusing(expectedWords: number): WordTable {
    if (expectedWords > MAX_SHARED_WORDS) return new WordTable(expectedWords);
    const table = new WordTable(expectedWords, sharedIds, sharedStarts, sharedEnds);
    table.isShared = true;
    if (expectedWords > sharedIds.length) table.grow(expectedWords);
    return table;
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
    const known = localWordId(globalId, this.generation);
    if (known >= 0) return known;
    const id = this.words.length;
    setLocalWordId(globalId, this.generation, id);
    this.words.push(globalWordAt(globalId));
    if (id === this.globalIds.length) this.growWords();
    this.globalIds[id] = globalId;
    this.syllables[id] = globalSyllables(globalId);
    return id;
  }

  private growWords(): void {
    const capacity = this.globalIds.length * 2;
    const globalIds = new Int32Array(capacity);
    globalIds.set(this.globalIds);
    this.globalIds = globalIds;
    const syllables = new Int32Array(capacity);
    syllables.set(this.syllables);
    this.syllables = syllables;
    if (this.isShared && capacity <= MAX_SHARED_WORDS) {
      sharedGlobalIds = globalIds;
      sharedSyllables = syllables;
    }
  }

  private grow(minimumCapacity = 0): void {
    const capacity = Math.max(this.wordIds.length * 2, minimumCapacity);
    const ids = new Int32Array(capacity);
    ids.set(this.wordIds.subarray(0, this.count));
    this.wordIds = ids;
    const starts = new Int32Array(capacity);
    starts.set(this.wordStarts.subarray(0, this.count));
    this.wordStarts = starts;
    const ends = new Int32Array(capacity);
    ends.set(this.wordEnds.subarray(0, this.count));
    this.wordEnds = ends;
    if (this.isShared && capacity <= MAX_SHARED_WORDS) {
      sharedIds = ids;
      sharedStarts = starts;
      sharedEnds = ends;
    }
  }
}
