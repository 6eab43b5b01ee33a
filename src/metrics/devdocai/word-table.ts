/**
 * An open-addressing hash table of distinct words for one scan at a time,
 * reused between scans so counting allocates nothing per word.
 *
 * A word is stored as the offset and length of its first occurrence in the
 * scanned code units and compared code unit by code unit on a hash match, so
 * counts are exact whatever the hash does.
 */
export class WordTable {
  /** Distinct words added since the last {@link WordTable.reset}. */
  size = 0;
  // Slot i is [hash, length, start, count] at 4i; length 0 means empty (words are never empty).
  // One slot fits in 16 bytes, so a lookup touches one cache line.
  private slots = new Int32Array(4 << 12);
  private slotMask = 0;
  // Slot index of each distinct word, in order of first occurrence.
  private order = new Int32Array(1 << 11);

  /** Empties the table, sized for a text of `textLength` code units. */
  reset(textLength: number): void {
    let size = 64;
    // Real documentation has about one distinct word per 16 characters; the table grows if not.
    while (size < textLength >> 3) size <<= 1;
    if (size << 2 > this.slots.length) this.slots = new Int32Array(size << 2);
    else this.slots.fill(0, 0, size << 2);
    this.slotMask = size - 1;
    this.size = 0;
  }

  /** Counts the word at `units[start, start + length)`, whose hash is `hash`; `length` >= 1. */
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
        while (offset < length && units[start + offset] === units[other + offset]) offset++;
        if (offset === length) {
          slots[at + 3]!++;
          return;
        }
      }
      slot = (slot + 1) & this.slotMask;
    }
    this.insert(slot, start, length, hash);
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
      yield [this.slots[at + 2]!, this.slots[at + 1]!, this.slots[at + 3]!];
    }
  }

  private insert(slot: number, start: number, length: number, hash: number): void {
    const at = slot << 2;
    this.slots[at] = hash;
    this.slots[at + 1] = length;
    this.slots[at + 2] = start;
    this.slots[at + 3] = 1;
    if (this.size === this.order.length) {
      const grown = new Int32Array(this.order.length << 1);
      grown.set(this.order);
      this.order = grown;
    }
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
      let slot = mix(old[from]!) & this.slotMask;
      while (this.slots[(slot << 2) + 1] !== 0) slot = (slot + 1) & this.slotMask;
      this.slots.set(old.subarray(from, from + 4), slot << 2);
      this.order[index] = slot;
    }
  }
}

/** Spreads the high bits of a word hash into the low bits that pick a slot. */
function mix(hash: number): number {
  const mixed = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}
