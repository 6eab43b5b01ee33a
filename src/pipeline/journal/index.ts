/**
 * The run journal (resume after a crash) and the atomic NDJSON output it pairs
 * with. See README.md for the exactly-once design.
 */
export { openJournal } from './open-journal.js';
export type { Journal, JournalOptions, JournalStats } from './open-journal.js';
export { createNdjsonOutput } from './create-ndjson-output.js';
export type { NdjsonOutput } from './create-ndjson-output.js';
export { JOURNAL_FORMAT_VERSION } from './journal-line.js';
export type { JournalHeader, JournalRecord, JsonValue } from './journal-line.js';
