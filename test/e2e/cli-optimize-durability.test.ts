import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/run.js';
import { createTestIo } from './create-test-io.js';

// Every sync and datasync of node:fs/promises, in order, as `sync <path>` / `datasync <path>` (the real calls still happen).
const events: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof original.open = async (file, flags, mode) => {
    const handle = await original.open(file, flags, mode);
    const sync = handle.sync.bind(handle);
    const datasync = handle.datasync.bind(handle);
    handle.sync = async () => {
      await sync();
      events.push(`sync ${String(file)}`);
    };
    handle.datasync = async () => {
      await datasync();
      events.push(`datasync ${String(file)}`);
    };
    return handle;
  };
  return { ...original, open, default: { ...original, open } };
});

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'miair-durable-'));
  cpSync(EXAMPLES, path.join(cwd, 'docs'), { recursive: true });
  events.length = 0;
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('miair optimize --out durability', () => {
  it('syncs every output directory after the last output and before the journal records them, once each', async () => {
    const { io } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--out', 'optimized'], io)).toBe(0);
    const out = path.join(cwd, 'optimized');
    const journalSync = `datasync ${path.join(out, '.miair-journal.ndjson')}`;
    const lastOutput = events.findLastIndex((event) => event.endsWith('.tmp'));
    const recorded = events.indexOf(journalSync, lastOutput);
    expect(lastOutput).toBeGreaterThanOrEqual(0);
    expect(recorded).toBeGreaterThan(lastOutput);
    expect(events.slice(lastOutput + 1, recorded).sort()).toEqual([`sync ${out}`, `sync ${path.join(out, 'guides')}`]);
  });
});
