import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from './open-journal.js';
import { createNdjsonOutput } from './create-ndjson-output.js';
import type { JsonValue } from './journal-line.js';

let directory: string;
let runNumber = 0;
beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'miair-journal-property-'));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

interface Input {
  key: string;
  text: string;
}

/** The result a run computes for an input: deterministic, so a replayed one must equal a recomputed one. */
function resultOf(input: Input): JsonValue {
  return { id: input.key, status: 'ok', text: input.text.toUpperCase(), length: input.text.length };
}

/**
 * One run of the CLI's resume loop: inputs in order, a journal hit replays the
 * recorded result, a miss computes and records it. Both go to the NDJSON output.
 * Returns the keys this run computed.
 */
async function runOnce(journalPath: string, outputPath: string, inputs: Input[], flushEveryRecords: number): Promise<string[]> {
  const journal = await openJournal({ path: journalPath, settingsHash: 'settings', flushEveryRecords, flushIntervalMs: 1 });
  const output = await createNdjsonOutput(outputPath);
  const computed: string[] = [];
  for (const input of inputs) {
    const replayed = journal.lookup(input.key, `content:${input.text}`);
    if (replayed !== undefined) await output.write(replayed);
    else {
      const result = resultOf(input);
      computed.push(input.key);
      await output.write(result);
      journal.append(input.key, `content:${input.text}`, result);
    }
  }
  await journal.close();
  await output.commit();
  return computed;
}

const inputsArbitrary = fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 12 }), text: fc.string({ maxLength: 40 }) }), {
  minLength: 1,
  maxLength: 30,
  selector: (input) => input.key,
});

describe('openJournal resume', () => {
  it('yields every input exactly once when a run is cut at any byte of its journal and resumed', async () => {
    await fc.assert(
      fc.asyncProperty(inputsArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 5 }), async (inputs, cutShare, flushEveryRecords) => {
        runNumber += 1;
        const journalPath = path.join(directory, `run-${runNumber}.journal`);
        const outputPath = path.join(directory, `run-${runNumber}.ndjson`);
        await runOnce(journalPath, outputPath, inputs, flushEveryRecords);
        // A kill -9 leaves a prefix of the journal: any byte offset is possible.
        const cutAt = Math.floor(statSync(journalPath).size * cutShare);
        truncateSync(journalPath, cutAt);
        const survivingLines = readFileSync(journalPath, 'utf8').split('\n').slice(0, -1);
        // A cut inside the header leaves no journal to resume: every input is redone.
        const survivingRecords = survivingLines.length === 0 ? 0 : survivingLines.length - 1;

        const computed = await runOnce(journalPath, outputPath, inputs, flushEveryRecords);

        const lines = readFileSync(outputPath, 'utf8').split('\n');
        expect(lines.pop()).toBe('');
        expect(lines.map((line) => JSON.parse(line))).toEqual(inputs.map(resultOf));

        const records = readFileSync(journalPath, 'utf8').split('\n').slice(1, -1).map((line) => JSON.parse(line) as { key: string; result: JsonValue });
        expect(records.map((record) => record.key).sort()).toEqual(inputs.map((input) => input.key).sort());
        // Only what the cut journal lost is redone.
        expect(computed).toEqual(inputs.slice(survivingRecords).map((input) => input.key));

        const third = await runOnce(journalPath, outputPath, inputs, flushEveryRecords);
        expect(third).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
