import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createClosableSink, createLineWriter, type ClosableStream, type TextSink } from './io.js';

/** A sink that records its writes and says it is full while `isFull`; `drain()` tells its listeners. */
function recordingSink(): TextSink & { writes: string[]; isFull: boolean; drain(): void } {
  const listeners: Array<() => void> = [];
  const sink = {
    writes: [] as string[],
    isFull: false,
    write(chunk: string): boolean {
      sink.writes.push(chunk);
      return !sink.isFull;
    },
    once(event: 'drain' | 'close' | 'error', listener: () => void): void {
      if (event === 'drain') listeners.push(listener);
    },
    off(): void {},
    drain(): void {
      sink.isFull = false;
      listeners.splice(0).forEach((listener) => listener());
    },
  };
  return sink;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createLineWriter', () => {
  it('writes the lines of one turn of the event loop at once', async () => {
    const sink = recordingSink();
    const lines = createLineWriter(sink);
    for (const line of ['a\n', 'b\n', 'c\n']) await lines.write(line);
    expect(sink.writes).toEqual([]);
    await nextTurn();
    expect(sink.writes).toEqual(['a\nb\nc\n']);
  });

  it('writes at once when a chunk is full, and everything on flush', async () => {
    const sink = recordingSink();
    const lines = createLineWriter(sink, 4);
    await lines.write('ab\n');
    await lines.write('cd\n');
    expect(sink.writes).toEqual(['ab\ncd\n']);
    await lines.write('e\n');
    await lines.flush();
    expect(sink.writes).toEqual(['ab\ncd\n', 'e\n']);
  });

  it('writes nothing more while the sink is full, and makes the writer wait until it drains', async () => {
    const sink = recordingSink();
    sink.isFull = true;
    const lines = createLineWriter(sink, 4);
    let waits = 0;
    void lines.write('ab\ncd\n')?.then(() => waits++);
    void lines.write('ef\ngh\n')?.then(() => waits++);
    await nextTurn();
    expect(sink.writes).toEqual(['ab\ncd\n']);
    expect(waits).toBe(0);
    sink.drain();
    await lines.flush();
    expect(waits).toBe(2);
    expect(sink.writes).toEqual(['ab\ncd\n', 'ef\ngh\n']);
  });
});

/** A stream that records its writes; `fail(code)` emits a write error the way Node reports one. */
function failingStream(): ClosableStream & { writes: string[]; fail(code: string): void } {
  const emitter = new EventEmitter();
  const stream = Object.assign(emitter, {
    writes: [] as string[],
    destroyed: false,
    write(chunk: string): boolean {
      stream.writes.push(chunk);
      return true;
    },
    fail(code: string): void {
      emitter.emit('error', Object.assign(new Error(`write ${code}`), { code }));
    },
  });
  return stream;
}

describe('createClosableSink', () => {
  it('calls onClosed once and drops later writes when the reader goes away (EPIPE)', () => {
    const stream = failingStream();
    let closed = 0;
    const sink = createClosableSink(stream, () => (closed += 1));
    sink.write('first\n');
    stream.fail('EPIPE');
    stream.fail('EPIPE');
    expect(sink.write('second\n')).toBe(true);
    expect(closed).toBe(1);
    expect(sink.isClosed).toBe(true);
    expect(stream.writes).toEqual(['first\n']);
  });

  it('throws any other write error as before when it is not EPIPE', () => {
    const stream = failingStream();
    createClosableSink(stream, () => undefined);
    expect(() => stream.fail('ENOSPC')).toThrow('write ENOSPC');
  });
});
