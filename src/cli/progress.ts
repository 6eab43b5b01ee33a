/**
 * A one-line progress display for a terminal: documents done, improved and
 * failed, and the rate. Inputs stream, so there is no total to draw a bar
 * against; the line counts up instead. Result lines printed while it runs go
 * above it: call `clear()` before writing them.
 */
import type { TextSink } from './io.js';

/** Redraws per second at most: more is flicker and wasted writes. */
const FRAMES_PER_SECOND = 10;

/** A running progress display. */
export interface Progress {
  update(done: number, improved: number, errors: number): void;
  /** Erases the line so that other output can be written; the next update redraws it. */
  clear(): void;
  stop(): void;
}

/** Starts a progress display on `stream` (a TTY). */
export function createProgress(stream: TextSink): Progress {
  const startedAt = performance.now();
  let lastDrawnAt = -Infinity;
  let isVisible = false;
  let line = '';
  const draw = (): void => {
    stream.write(`\r\x1b[2K${line}`);
    isVisible = true;
    lastDrawnAt = performance.now();
  };
  return {
    update(done, improved, errors) {
      const seconds = (performance.now() - startedAt) / 1000;
      const rate = seconds > 0 ? Math.round(done / seconds) : 0;
      line = `optimizing: ${done} done, ${improved} improved, ${errors} error${errors === 1 ? '' : 's'}, ${rate}/s`;
      if (!isVisible || performance.now() - lastDrawnAt >= 1000 / FRAMES_PER_SECOND) draw();
    },
    clear() {
      if (isVisible) stream.write('\r\x1b[2K');
      isVisible = false;
    },
    stop() {
      this.clear();
    },
  };
}
