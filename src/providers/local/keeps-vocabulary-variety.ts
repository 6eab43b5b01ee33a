const WORD = /[\p{L}\p{N}_]+/gu;

/** Distinct words per word (type-token ratio) of a text, lower-cased; 0 without words. */
export function typeTokenRatio(text: string): number {
  const words = text.toLowerCase().match(WORD);
  if (words === null) return 0;
  return new Set(words).size / words.length;
}

/**
 * Tells whether an edit kept the vocabulary at least as varied: the
 * type-token ratio of the edited text is not lower. Cutting every occurrence
 * of a word used only a few times (a filler, the "order" of "in order to")
 * removes a distinct word faster than it removes words, which makes the text
 * read as more repetitive; the local refiner drops such an edit.
 */
export function keepsVocabularyVariety(before: string, after: string): boolean {
  return typeTokenRatio(after) >= typeTokenRatio(before) - 1e-12;
}

/**
 * Running word counts of a text, to accept word removals one at a time only
 * while the type-token ratio does not fall (see {@link keepsVocabularyVariety}).
 */
export class VocabularyBudget {
  private readonly counts = new Map<string, number>();
  private words = 0;

  constructor(text: string) {
    for (const word of text.toLowerCase().match(WORD) ?? []) {
      this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
      this.words++;
    }
  }

  /** Applies the replacement of `removed` text by `added` text to the counts when it keeps the ratio; tells whether it did. */
  tryReplace(removed: string, added: string): boolean {
    const delta = new Map<string, number>();
    for (const word of removed.toLowerCase().match(WORD) ?? []) delta.set(word, (delta.get(word) ?? 0) - 1);
    for (const word of added.toLowerCase().match(WORD) ?? []) delta.set(word, (delta.get(word) ?? 0) + 1);
    let distinct = this.counts.size;
    let words = this.words;
    for (const [word, change] of delta) {
      const before = this.counts.get(word) ?? 0;
      const after = before + change;
      if (after < 0) return false;
      if (before > 0 && after === 0) distinct--;
      if (before === 0 && after > 0) distinct++;
      words += change;
    }
    if (words <= 0 || distinct / words < this.counts.size / this.words - 1e-12) return false;
    for (const [word, change] of delta) {
      const after = (this.counts.get(word) ?? 0) + change;
      if (after === 0) this.counts.delete(word);
      else this.counts.set(word, after);
    }
    this.words = words;
    return true;
  }
}
