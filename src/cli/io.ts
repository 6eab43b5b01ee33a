/**
 * What the CLI touches of the outside world, passed in so tests run it
 * in-process against strings.
 */

/** A sink for text. */
export interface TextSink {
  write(chunk: string): unknown;
  /** True when the sink is an interactive terminal. */
  isTTY?: boolean;
  columns?: number;
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
