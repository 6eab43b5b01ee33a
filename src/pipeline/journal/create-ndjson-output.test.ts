import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNdjsonOutput } from './create-ndjson-output.js';

let directory: string;
let outputPath: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'miair-ndjson-output-'));
  outputPath = path.join(directory, 'results', 'out.ndjson');
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('createNdjsonOutput', () => {
  it('keeps the previous file until commit, then replaces it with every line in order', async () => {
    const output = await createNdjsonOutput(outputPath);
    writeFileSync(outputPath, 'previous\n');
    await output.write({ id: 'a', status: 'ok' });
    await output.write({ id: 'b', status: 'error' });
    expect(readFileSync(outputPath, 'utf8')).toBe('previous\n');
    await output.commit();
    expect(readFileSync(outputPath, 'utf8')).toBe('{"id":"a","status":"ok"}\n{"id":"b","status":"error"}\n');
    expect(existsSync(output.partialPath)).toBe(false);
  });

  it('writes batches larger than the write buffer completely', async () => {
    const output = await createNdjsonOutput(outputPath);
    for (let index = 0; index < 3000; index += 1) await output.write({ index, text: 'y'.repeat(40) });
    await output.commit();
    const lines = readFileSync(outputPath, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3000);
    expect(JSON.parse(lines[2999] ?? '')).toEqual({ index: 2999, text: 'y'.repeat(40) });
  });

  it('truncates a partial file left by a killed run', async () => {
    const first = await createNdjsonOutput(outputPath);
    await first.write({ stale: true });
    // No commit: the process "dies" here and the partial file stays.
    const second = await createNdjsonOutput(outputPath);
    await second.write({ fresh: true });
    await second.commit();
    expect(readFileSync(outputPath, 'utf8')).toBe('{"fresh":true}\n');
  });

  it('removes the partial file and leaves the target untouched when abandoned', async () => {
    writeFileSync(path.join(directory, 'keep.ndjson'), 'kept\n');
    const output = await createNdjsonOutput(path.join(directory, 'keep.ndjson'));
    await output.write({ id: 'a' });
    await output.abandon();
    await output.abandon();
    expect(existsSync(output.partialPath)).toBe(false);
    expect(readFileSync(path.join(directory, 'keep.ndjson'), 'utf8')).toBe('kept\n');
    await expect(output.write({ id: 'b' })).rejects.toThrow(/already committed or abandoned/);
  });

  it('throws OUTPUT_WRITE_FAILED when the directory cannot be created', async () => {
    writeFileSync(path.join(directory, 'file'), '');
    await expect(createNdjsonOutput(path.join(directory, 'file', 'out.ndjson'))).rejects.toMatchObject({ code: 'OUTPUT_WRITE_FAILED' });
  });
});
