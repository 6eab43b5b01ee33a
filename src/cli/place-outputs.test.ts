import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import { placeOutputs } from './place-outputs.js';
import type { ReadRow } from './read-documents.js';
import type { OptimizeRecord } from './format/optimize-row.js';

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'miair-place-'));
  for (const directory of ['one', 'two']) {
    mkdirSync(path.join(cwd, directory));
    writeFileSync(path.join(cwd, directory, 'x.md'), `# ${directory}\n`);
  }
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function row(file: string, root: string | null = null): ReadRow {
  return { path: file, source: { path: file, root, text: '# x\n', encoding: { hasBom: false, lineEnding: 'lf' }, sizeInBytes: 4 } };
}

describe('placeOutputs', () => {
  it('reads one input per row taken when the consumer pulls slowly', async () => {
    let read = 0;
    async function* rows(): AsyncGenerator<ReadRow> {
      for (const file of ['one/x.md', 'two/x.md']) {
        read += 1;
        yield row(file);
      }
    }
    const placed = placeOutputs(rows(), { out: 'out', inPlace: false, cwd });
    await placed.next();
    expect(read).toBe(1);
    await placed.next();
    expect(read).toBe(2);
  });

  it('gives a later different file an OUTPUT_WRITE_FAILED row naming both inputs when it maps to a taken output path', async () => {
    const rows = [row('one/x.md', 'one'), row('two/x.md', 'two')];
    const placed = [];
    for await (const item of placeOutputs(rows, { out: 'out', inPlace: false, cwd })) placed.push(item);
    expect(placed[0]?.target).toBe(path.join(cwd, 'out/x.md'));
    expect(placed[1]?.read.error?.code).toBe('OUTPUT_WRITE_FAILED');
    expect(placed[1]?.read.error?.details).toEqual({ path: path.join('out', 'x.md'), inputs: ['one/x.md', 'two/x.md'] });
    expect(placed[1]?.target).toBeUndefined();
  });

  it('hands the first record of a file to a later input of the same file when a path repeats it', async () => {
    const placed = [];
    for await (const item of placeOutputs([row('one/x.md'), row('./one/../one/x.md')], { out: null, inPlace: true, cwd })) placed.push(item);
    // In place, the target is the real path: a symbolic link is written through (the temporary directory may be a link too).
    const real = path.join(realpathSync(cwd), 'one/x.md');
    expect(placed.map((item) => item.target)).toEqual([real, real]);
    expect(placed[1]?.sameFileAs?.path).toBe('one/x.md');
    const record = { path: 'one/x.md', status: 'ok' } as OptimizeRecord;
    placed[0]?.settle?.(record);
    await expect(placed[1]?.sameFileAs?.record).resolves.toBe(record);
  });

  it('keeps rows of different files apart when nothing is written', async () => {
    const placed = [];
    for await (const item of placeOutputs([row('one/x.md'), row('two/x.md'), { path: 'gone.md', error: new MiairError('INPUT_NOT_FOUND', 'gone') }], { out: null, inPlace: false, cwd })) placed.push(item);
    expect(placed.map((item) => [item.read.error?.code, item.target, item.sameFileAs])).toEqual([
      [undefined, undefined, undefined],
      [undefined, undefined, undefined],
      ['INPUT_NOT_FOUND', undefined, undefined],
    ]);
  });
});
