import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

describe('createProgress', () => {
  it('draws a counting line, erases it on clear, and redraws on the next update', () => {
    const writes: string[] = [];
    const progress = createProgress({ write: (chunk: string) => writes.push(chunk), isTTY: true });
    progress.update(1, 0, 0);
    expect(writes.at(-1)).toMatch(/^\r\x1b\[2Koptimizing: 1 done, 0 improved, 0 errors, \d+\/s$/);
    progress.clear();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    progress.update(2, 1, 1);
    expect(writes.at(-1)).toMatch(/optimizing: 2 done, 1 improved, 1 error, /);
    const count = writes.length;
    progress.update(3, 1, 1);
    expect(writes.length).toBe(count);
    progress.stop();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });
});
