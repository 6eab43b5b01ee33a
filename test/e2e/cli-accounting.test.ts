import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { createTestIo } from './create-test-io.js';

type InputKind = 'text' | 'binary' | 'latin1' | 'missing' | 'large';

const EXPECTED_ERROR: Record<InputKind, string | undefined> = {
  text: undefined,
  binary: 'INPUT_BINARY',
  latin1: 'INPUT_INVALID_ENCODING',
  missing: 'INPUT_NOT_FOUND',
  large: 'INPUT_TOO_LARGE',
};

function writeInput(directory: string, name: string, kind: InputKind, text: string): void {
  const file = path.join(directory, name);
  if (kind === 'text') writeFileSync(file, text);
  if (kind === 'binary') writeFileSync(file, Buffer.concat([Buffer.from(text), Buffer.from([0])]));
  if (kind === 'latin1') writeFileSync(file, Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe, 0x41])]));
  if (kind === 'large') writeFileSync(file, 'x'.repeat(5000));
}

const inputArbitrary = fc.record({
  kind: fc.constantFrom<InputKind>('text', 'text', 'text', 'binary', 'latin1', 'missing', 'large'),
  text: fc.string({ maxLength: 300 }),
});

describe('miair accounting', () => {
  it('gives every input exactly one result, in input order, with the right error code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(inputArbitrary, { minLength: 1, maxLength: 12 }), fc.constantFrom('analyze', 'optimize'), async (inputs, command) => {
        const cwd = mkdtempSync(path.join(tmpdir(), 'miair-accounting-'));
        try {
          const names = inputs.map((input, index) => `doc-${index}.md`);
          inputs.forEach((input, index) => writeInput(cwd, names[index] as string, input.kind, input.text));
          const { io, stdout } = createTestIo({ cwd });
          const args = [command, ...names, '--format', 'ndjson', '--max-bytes', '4096', ...(command === 'optimize' ? ['--dry-run'] : [])];
          const exitCode = await run(args, io);
          const rows = stdout().trim().split('\n').map((line) => JSON.parse(line) as { path: string; error?: { code: string } | null });
          expect(rows.map((row) => row.path)).toEqual(names);
          rows.forEach((row, index) => expect(row.error?.code).toBe(EXPECTED_ERROR[(inputs[index] as { kind: InputKind }).kind]));
          expect(exitCode).toBe(inputs.some((input) => input.kind !== 'text') ? 2 : 0);
        } finally {
          rmSync(cwd, { recursive: true, force: true });
        }
      }),
      { numRuns: 25 },
    );
  });
});
