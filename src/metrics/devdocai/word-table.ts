import * as classes from './code-unit-classes.js';

// A module-local copy: V8 reloads imported bindings on every use.
const LOWER_CASE_WORD_UNITS = classes.LOWER_CASE_WORD_UNITS;

/**
 * Fewest slots a table starts with: a short page then never grows (a tldr
 * page has 15-146 distinct words, median 42, in about 560 characters; growing
 * cost a third of the time on those pages), and emptying 512 slots costs well
 * under a microsecond.
 */
const MIN_SLOTS = 512;

/**
 * An open-addressing hash table of distinct words for one scan at a time,
 * reused between scans so counting allocates nothing per word.
 *
 * A word of up to 8 code units, each under 256, is its own key (two int32,
 * {@link WordTable.addPacked}). Any other word is stored as the offset and
 * length of its first occurrence in the scanned code units and compared code
 * unit by code unit, after lower-casing (`LOWER_CASE_WORD_UNITS`), on a hash
 * match ({@link WordTable.add}). Either way counts are exact whatever the hash does.
 */
export class WordTable {
  /** Distinct words added since the last {@link WordTable.reset}. */
  size = 0;
  // Slot i is [hash, length, start, count] at 4i, or [lowKey, -length, highKey, count] for a
  // packed word; length 0 means empty (words are never empty).
  // One slot fits in 16 bytes, so a lookup touches one cache line.
  private slots = new Int32Array(4 << 12);
  private slotMask = 0;
  // Slot index of each distinct word, in order of first occurrence.
  private order = new Int32Array(1 << 11);
  // Offset of the first occurrence of each distinct word, in order of first occurrence.
  private starts = new Int32Array(1 << 11);

  /** Empties the table, sized for a text of `textLength` code units. */
  reset(textLength: number): void {
    let size = MIN_SLOTS;
    // Long documentation has about one distinct word per 16-40 characters; the table grows if not.
    while (size < textLength >> 3) size <<= 1;
    if (size << 2 > this.slots.length) this.slots = new Int32Array(size << 2);
    else this.slots.fill(0, 0, size << 2);
    this.slotMask = size - 1;
    this.size = 0;
  }

  /**
   * Counts the word at `units[start, start + length)`, `length` >= 1, whose
   * hash is `hash`; the hash must be of the lower-cased code units, since
   * units are compared after lower-casing.
   */
  add(units: Uint16Array, start: number, length: number, hash: number): void {
    const slots = this.slots;
    let slot = mix(hash) & this.slotMask;
    for (;;) {
      const at = slot << 2;
      const storedLength = slots[at + 1]!;
      if (storedLength === 0) break;
      if (storedLength === length && slots[at] === hash) {
        const other = slots[at + 2]!;
        let offset = 0;
        while (offset < length) {
          const unit = units[start + offset]!;
          const otherUnit = units[other + offset]!;
          // Equal, or word code units with the same lower case (0: not a word code unit).
          if (unit !== otherUnit) {
            const lowered = LOWER_CASE_WORD_UNITS[unit]!;
            if (lowered === 0 || lowered !== LOWER_CASE_WORD_UNITS[otherUnit]) break;
          }
          offset++;
        }
        if (offset === length) {
          slots[at + 3]!++;
          return;
        }
      }
      slot = (slot + 1) & this.slotMask;
    }
    this.insert(slot, hash, length, start, start);
  }

  /**
   * Counts the word at `start` of `length` code units (1-8), each under 256,
   * whose units are packed big-end first into `highKey`, `lowKey` (the last 4
   * in `lowKey`): the keys are the word, so no code unit is compared.
   */
  addPacked(lowKey: number, highKey: number, length: number, start: number): void {
    const slots = this.slots;
    // A packed word is stored with a negative length, so it never matches a compared one.
    const lengthKey = -length;
    let slot = mix(packedHash(lowKey, highKey)) & this.slotMask;
    for (;;) {
      const at = slot << 2;
      const storedLength = slots[at + 1]!;
      if (storedLength === 0) break;
      if (storedLength === lengthKey && slots[at] === lowKey && slots[at + 2] === highKey) {
        slots[at + 3]!++;
        return;
      }
      slot = (slot + 1) & this.slotMask;
    }
    this.insert(slot, lowKey, lengthKey, highKey, start);
  }

  /** Occurrences of each distinct word, in order of first occurrence. */
  frequencies(): Int32Array {
    const result = new Int32Array(this.size);
    for (let index = 0; index < this.size; index++) result[index] = this.slots[(this.order[index]! << 2) + 3]!;
    return result;
  }

  /** Each distinct word as [start, length, count], in order of first occurrence. */
  *entries(): Generator<[start: number, length: number, count: number]> {
    for (let index = 0; index < this.size; index++) {
      const at = this.order[index]! << 2;
      yield [this.starts[index]!, Math.abs(this.slots[at + 1]!), this.slots[at + 3]!];
    }
  }

  private insert(slot: number, key: number, lengthKey: number, startOrKey: number, start: number): void {
    const at = slot << 2;
    this.slots[at] = key;
    this.slots[at + 1] = lengthKey;
    this.slots[at + 2] = startOrKey;
    this.slots[at + 3] = 1;
    if (this.size === this.order.length) {
      const grown = new Int32Array(this.order.length << 1);
      grown.set(this.order);
      this.order = grown;
      const grownStarts = new Int32Array(this.starts.length << 1);
      grownStarts.set(this.starts);
      this.starts = grownStarts;
    }
    this.starts[this.size] = start;
    this.order[this.size++] = slot;
    // Keep the load factor at or under one half so probes stay short.
    if (this.size << 1 > this.slotMask) this.grow();
  }

  private grow(): void {
    const old = this.slots.slice(0, (this.slotMask + 1) << 2);
    const size = (this.slotMask + 1) << 1;
    if (size << 2 > this.slots.length) this.slots = new Int32Array(size << 2);
    else this.slots.fill(0, 0, size << 2);
    this.slotMask = size - 1;
    for (let index = 0; index < this.size; index++) {
      const from = this.order[index]! << 2;
      const lengthKey = old[from + 1]!;
      const key = lengthKey < 0 ? packedHash(old[from]!, old[from + 2]!) : old[from]!;
      let slot = mix(key) & this.slotMask;
      while (this.slots[(slot << 2) + 1] !== 0) slot = (slot + 1) & this.slotMask;
      const to = slot << 2;
      this.slots[to] = old[from]!;
      this.slots[to + 1] = lengthKey;
      this.slots[to + 2] = old[from + 2]!;
      this.slots[to + 3] = old[from + 3]!;
      this.order[index] = slot;
    }
  }
}

/** The hash of a packed word, from its two keys. */
function packedHash(lowKey: number, highKey: number): number {
  return lowKey ^ Math.imul(highKey, 0x9e3779b1);
}

/** Spreads the high bits of a word hash into the low bits that pick a slot. */
function mix(hash: number): number {
  const mixed = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}
