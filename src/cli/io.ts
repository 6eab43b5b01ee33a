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

/** The real process as a {@link CliIo}. */
export function createProcessIo(signal?: AbortSignal): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    ...(signal === undefined ? {} : { signal }),
  };
}
