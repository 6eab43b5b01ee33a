/** The CLI's exit codes (see README and docs/errors.md). */

/** Everything ran and met the thresholds asked for. */
export const EXIT_OK = 0;
/** Ran fine, but a document scored below `--fail-under`. */
export const EXIT_BELOW_THRESHOLD = 1;
/** An input or configuration error (after everything else was processed). */
export const EXIT_ERROR = 2;
/** Interrupted by SIGINT/SIGTERM (128 + 2). */
export const EXIT_INTERRUPTED = 130;
/** The reader of stdout went away (`| head`): what a shell reports for a program killed by SIGPIPE (128 + 13). */
export const EXIT_BROKEN_PIPE = 141;
