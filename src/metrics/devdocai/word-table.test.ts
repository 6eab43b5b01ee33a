import { describe, expect, it } from 'vitest';
import { WordTable } from './word-table.js';

function unitsOf(text: string): Uint16Array {
  return Uint16Array.from(text, (character) => character.charCodeAt(0));
}

describe('WordTable', () => {
  it('grows and keeps every count when more distinct words arrive than it was sized for', () => {
    const words = Array.from({ length: 3000 }, (_, index) => `w${index}`);
    const units = unitsOf(words.join(' '));
    const table = new WordTable();
    table.reset(0);
    for (let round = 0; round < 2; round++) {
      let start = 0;
      for (const word of words) {
        // A weak hash on purpose: many words share one, so probing and comparing are exercised.
        table.add(units, start, word.length, word.length * 31 + word.charCodeAt(word.length - 1));
        start += word.length + 1;
      }
    }
    expect(table.size).toBe(3000);
    expect([...table.frequencies()].every((count) => count === 2)).toBe(true);
    expect([...table.entries()][1]).toEqual([3, 2, 2]);
  });

  it('tells words apart when their hashes collide', () => {
    const units = unitsOf('abc abd abc');
    const table = new WordTable();
    table.reset(units.length);
    const sameHash = 42;
    table.add(units, 0, 3, sameHash);
    table.add(units, 4, 3, sameHash);
    table.add(units, 8, 3, sameHash);
    table.add(units, 0, 2, sameHash);
    expect([...table.entries()]).toEqual([
      [0, 3, 2],
      [4, 3, 1],
      [0, 2, 1],
    ]);
  });

  it('counts packed words by their keys and keeps them apart from compared words when both are added', () => {
    const units = unitsOf('ab ab abc');
    const table = new WordTable();
    table.reset(0);
    // 'ab' packed: lowKey 0x6162, highKey 0.
    table.addPacked(0x6162, 0, 2, 0);
    table.addPacked(0x6162, 0, 2, 3);
    // The same units and a hash equal to the packed key, but compared: a distinct entry.
    table.add(units, 0, 2, 0x6162);
    table.addPacked(0x616263, 0, 3, 6);
    // Same low key, other length: another word.
    table.addPacked(0x6162, 0, 3, 6);
    expect([...table.entries()]).toEqual([
      [0, 2, 2],
      [0, 2, 1],
      [6, 3, 1],
      [6, 3, 1],
    ]);
  });

  it('keeps packed counts when the table grows', () => {
    const table = new WordTable();
    table.reset(0);
    for (let round = 0; round < 3; round++) {
      for (let key = 1; key <= 500; key++) table.addPacked(key, key >> 3, 8, key);
    }
    expect(table.size).toBe(500);
    expect([...table.frequencies()].every((count) => count === 3)).toBe(true);
    expect([...table.entries()][9]).toEqual([10, 8, 3]);
  });

  it('forgets earlier words when reset', () => {
    const units = unitsOf('abc');
    const table = new WordTable();
    table.reset(3);
    table.add(units, 0, 3, 7);
    table.reset(3);
    expect(table.size).toBe(0);
    expect([...table.frequencies()]).toEqual([]);
  });
});
