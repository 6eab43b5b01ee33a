/**
 * A progress line on a terminal: documents done, improved and failed, with
 * the rate. The total is not known up front (inputs stream), so it counts up.
 */
import cliProgress from 'cli-progress';
import type { TextSink } from './io.js';

/** A running progress display. */
export interface Progress {
  update(done: number, improved: number, errors: number): void;
  stop(): void;
}

/** Starts a progress display on `stream` (a TTY). */
export function createProgress(stream: TextSink): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format: 'optimizing {value} documents | {improved} improved | {errors} errors | {rate}/s',
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const startedAt = performance.now();
  bar.start(0, 0, { improved: 0, errors: 0, rate: '0' });
  return {
    update(done, improved, errors) {
      const seconds = (performance.now() - startedAt) / 1000;
      bar.setTotal(done);
      bar.update(done, { improved, errors, rate: seconds > 0 ? (done / seconds).toFixed(0) : '0' });
    },
    stop() {
      bar.stop();
    },
  };
}
