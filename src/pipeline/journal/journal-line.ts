/**
 * The lines of a run journal: one header line, then one record line per
 * finished input. Both are single-line JSON objects ending in `\n`.
 */

/** Version of the journal format written in the header; a journal of another version is superseded. */
export const JOURNAL_FORMAT_VERSION = 1;

/** Any value `JSON.stringify` writes and `JSON.parse` reads back unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The first line of a journal: which format and which settings every record was made under. */
export interface JournalHeader {
  miairJournal: typeof JOURNAL_FORMAT_VERSION;
  settingsHash: string;
  /** When the journal was started, as an ISO 8601 timestamp (informative only). */
  createdAt: string;
}

/** One finished input: its key (id or path), the hashes it was made from, and the result the CLI prints for it. */
export interface JournalRecord {
  key: string;
  contentHash: string;
  settingsHash: string;
  result: JsonValue;
}

/** Serialises the header line, newline included. */
export function formatJournalHeader(settingsHash: string, createdAt: Date = new Date()): string {
  const header: JournalHeader = { miairJournal: JOURNAL_FORMAT_VERSION, settingsHash, createdAt: createdAt.toISOString() };
  return `${JSON.stringify(header)}\n`;
}

/** Serialises a record line, newline included. JSON escapes every newline inside strings, so a record is exactly one line. */
export function formatJournalRecord(record: JournalRecord): string {
  return `${JSON.stringify({ key: record.key, contentHash: record.contentHash, settingsHash: record.settingsHash, result: record.result })}\n`;
}

/** Parses a header line (without its newline); returns undefined when the line is not a header of this format. */
export function parseJournalHeader(line: string): JournalHeader | undefined {
  const value = parseObject(line);
  if (value === undefined) return undefined;
  if (value['miairJournal'] !== JOURNAL_FORMAT_VERSION || typeof value['settingsHash'] !== 'string') return undefined;
  return { miairJournal: JOURNAL_FORMAT_VERSION, settingsHash: value['settingsHash'], createdAt: typeof value['createdAt'] === 'string' ? value['createdAt'] : '' };
}

/** Parses a record line (without its newline); returns undefined when the line is not a complete, well-formed record. */
export function parseJournalRecord(line: string): JournalRecord | undefined {
  const value = parseObject(line);
  if (value === undefined) return undefined;
  const { key, contentHash, settingsHash } = value;
  if (typeof key !== 'string' || typeof contentHash !== 'string' || typeof settingsHash !== 'string' || !('result' in value)) return undefined;
  return { key, contentHash, settingsHash, result: value['result'] as JsonValue };
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
