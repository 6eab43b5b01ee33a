import { describe, expect, it } from 'vitest';
import { ScratchArray } from './scratch-array.js';

describe('ScratchArray', () => {
  it('hands out zeroed views of the asked length when the previous view was written to', () => {
    const scratch = new ScratchArray((length) => new Int32Array(length));
    const first = scratch.take(10);
    first.fill(7);
    const second = scratch.take(6);
    expect(second.length).toBe(6);
    expect([...second]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('grows past its buffer and keeps handing out zeroed views', () => {
    const scratch = new ScratchArray((length) => new Uint8Array(length));
    scratch.take(100).fill(1);
    const large = scratch.take(1000);
    expect(large.length).toBe(1000);
    expect(large.every((value) => value === 0)).toBe(true);
    large.fill(3);
    expect(scratch.take(1000).every((value) => value === 0)).toBe(true);
  });
});
