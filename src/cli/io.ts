/**
 * What the CLI touches of the outside world, passed in so tests run it
 * in-process against strings.
 */

/** A sink for text. */
export interface TextSink {
  /** Returns false when the sink's buffer is full (a Node stream): wait for `drain`. */
  write(chunk: string): unknown;
  /** True when the sink is an interactive terminal. */
  isTTY?: boolean;
  columns?: number;
  once?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  off?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}

/**
 * Writes `text` and, when the sink says its buffer is full, waits until it
 * drains (or closes, or fails: a reader that went away must not hang the
 * run). A slow reader of a million NDJSON lines then slows the run instead
 * of filling memory (measured: 404 MB peak RSS behind a pipe read by a busy
 * process, ~200 MB writing to /dev/null).
 */
export async function writeText(sink: TextSink, text: string): Promise<void> {
  if (sink.write(text) !== false || sink.once === undefined) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      for (const event of ['drain', 'close', 'error'] as const) sink.off?.(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error'] as const) sink.once?.(event, done);
  });
}

/** Characters gathered before {@link createLineWriter} writes them at once. @default 65536 */
export const LINE_WRITER_CHUNK_CHARS = 64 * 1024;

/** Lines for one sink, written in chunks (see {@link createLineWriter}). */
export interface LineWriter {
  /** Adds `text`; the promise, when there is one, resolves once the sink can take more. */
  write(text: string): Promise<void> | undefined;
  /** Writes what is gathered and waits for the sink to take it. */
  flush(): Promise<void>;
}

/**
 * Gathers text for `sink` and writes it in chunks of about `chunkChars`, and
 * at the latest on the next turn of the event loop, so lines never wait for
 * more. One write per NDJSON line cost ~15 us of the main thread's CPU per
 * line on a pipe (a system call and a wake-up of the reader each), ~20% of
 * the main thread of `--from-ndjson` runs. Backpressure is kept: while the
 * sink says its buffer is full, `write` returns a promise that waits for it
 * to drain (see {@link writeText}).
 */
export function createLineWriter(sink: TextSink, chunkChars: number = LINE_WRITER_CHUNK_CHARS): LineWriter {
  let gathered = '';
  let isScheduled = false;
  // The last write, until the sink has taken it (at once unless its buffer is full); nothing more is written meanwhile.
  let draining: Promise<void> | null = null;
  const schedule = (): void => {
    if (isScheduled) return;
    isScheduled = true;
    setImmediate(() => {
      isScheduled = false;
      void writeGathered();
    });
  };
  const writeGathered = (): Promise<void> | null => {
    if (draining === null && gathered !== '') {
      const text = gathered;
      gathered = '';
      draining = writeText(sink, text).then(() => {
        draining = null;
        if (gathered !== '') schedule();
      });
    }
    return draining;
  };
  return {
    write(text: string): Promise<void> | undefined {
      gathered += text;
      if (gathered.length >= chunkChars) return writeGathered() ?? undefined;
      schedule();
      return draining ?? undefined;
    },
    async flush(): Promise<void> {
      while (gathered !== '' || draining !== null) await writeGathered();
    },
  };
}

/** The CLI's window on the process. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Aborted on SIGINT/SIGTERM by bin.ts; tests may pass their own. */
  signal?: AbortSignal;
}

/** The stream a {@link createClosableSink} writes to: a Node writable such as `process.stdout`. */
export interface ClosableStream {
  write(chunk: string): boolean;
  readonly destroyed: boolean;
  isTTY?: boolean;
  columns?: number;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  once(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  off(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}

/**
 * A {@link TextSink} over `stream` that outlives its reader. When the reader
 * goes away (`miair analyze docs | head -1`), Node reports the next write as
 * an EPIPE `error` event, which, unhandled, ends the process with a stack
 * trace. Here the first EPIPE calls `onClosed`; from then on writes are
 * dropped and report success, so no writer waits for a `drain` that never
 * comes. Any other error is thrown as before.
 */
export function createClosableSink(stream: ClosableStream, onClosed: () => void): TextSink & { readonly isClosed: boolean } {
  let isClosed = false;
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    if (isClosed) return;
    isClosed = true;
    onClosed();
  });
  return {
    // A write between the failed one and its error event finds the stream destroyed: drop it too.
    write: (chunk: string) => (isClosed || stream.destroyed ? true : stream.write(chunk)),
    get isClosed() {
      return isClosed;
    },
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    once: (event, listener) => stream.once(event, listener),
    off: (event, listener) => stream.off(event, listener),
  };
}

/** Options of {@link createProcessIo}. */
export interface ProcessIoOptions {
  /** Aborted on SIGINT/SIGTERM. */
  signal?: AbortSignal;
  /** Called once when the reader of stdout went away: the caller stops the run (see bin.ts). */
  onStdoutClosed?: () => void;
}

/**
 * The real process as a {@link CliIo}. Once the reader of stdout is gone,
 * stderr falls silent too: like a program killed by SIGPIPE (`git log | head`),
 * miair then stops without another word, not with a summary of a run the
 * user cut short on purpose.
 */
export function createProcessIo(options: ProcessIoOptions = {}): CliIo {
  const stdout = createClosableSink(process.stdout, () => options.onStdoutClosed?.());
  // `2>&1 | head` closes stderr's reader too: its EPIPE must not crash either, and needs no action of its own.
  const stderrSink = createClosableSink(process.stderr, () => undefined);
  const stderr: TextSink = {
    write: (chunk: string) => (stdout.isClosed ? true : stderrSink.write(chunk)),
    get isTTY() {
      return stderrSink.isTTY;
    },
    get columns() {
      return stderrSink.columns;
    },
    once: (event, listener) => stderrSink.once?.(event, listener),
    off: (event, listener) => stderrSink.off?.(event, listener),
  };
  return {
    stdout,
    stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}
