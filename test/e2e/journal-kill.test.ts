import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DRIVER = path.join(import.meta.dirname, 'fixtures/journal-driver.mjs');
const INPUT_COUNT = 60;
let directory: string;
let inputDirectory: string;
let outputDirectory: string;
let inputNames: string[];

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'miair-journal-kill-'));
  inputDirectory = path.join(directory, 'in');
  outputDirectory = path.join(directory, 'out');
  mkdirSync(inputDirectory);
  const tldr = path.join(ROOT, 'test/fixtures/tldr');
  inputNames = readdirSync(tldr).filter((name) => name.startsWith('common.')).sort().slice(0, INPUT_COUNT);
  for (const name of inputNames) copyFileSync(path.join(tldr, name), path.join(inputDirectory, name));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

interface DriverRun {
  stdout: string;
  signal: NodeJS.Signals | null;
  code: number | null;
}

/** Spawns the driver; with `killAfterDone`, sends SIGKILL once that many inputs reported done. */
function runDriver(killAfterDone?: number): Promise<DriverRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DRIVER, inputDirectory, outputDirectory], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (killAfterDone !== undefined && (stdout.match(/^done /gm)?.length ?? 0) >= killAfterDone) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ stdout, code, signal }));
  });
}

function journalRecords(): { key: string; result: { outputSha256: string } }[] {
  const lines = readFileSync(path.join(outputDirectory, '.miair-journal.ndjson'), 'utf8').split('\n');
  // Only complete lines count: a torn last line (no newline) is what a resume cuts away.
  return lines.slice(1, -1).map((line) => JSON.parse(line));
}

describe('the run journal under kill -9', () => {
  it('is run against a fresh build (npm test builds first)', () => {
    expect(existsSync(path.join(ROOT, 'dist/pipeline/journal/index.js'))).toBe(true);
  });

  it('resumes a killed run so every input has exactly one complete output and one record', async () => {
    const killed = await runDriver(15);
    expect(killed.signal).toBe('SIGKILL');
    // The killed run could not release its lock: the resumed run must take it over.
    expect(existsSync(path.join(outputDirectory, '.miair-journal.ndjson.lock'))).toBe(true);
    const survivors = journalRecords();
    expect(survivors.length).toBeLessThan(INPUT_COUNT);

    const resumed = await runDriver();
    expect(resumed.code).toBe(0);
    expect(existsSync(path.join(outputDirectory, '.miair-journal.ndjson.lock'))).toBe(false);
    const opened = JSON.parse(/^opened (.*)$/m.exec(resumed.stdout)?.[1] ?? 'null');
    expect(opened.loaded).toBe(survivors.length);
    const stats = JSON.parse(/^stats (.*)$/m.exec(resumed.stdout)?.[1] ?? 'null');
    expect(stats.computed).toBe(INPUT_COUNT - survivors.length);
    expect(stats.appended).toBe(INPUT_COUNT - survivors.length);

    const records = journalRecords();
    expect(records.map((record) => record.key).sort()).toEqual(inputNames);
    const outputs = readdirSync(outputDirectory).filter((name) => !name.startsWith('.')).sort();
    expect(outputs).toEqual(inputNames);
    for (const record of records) {
      const written = readFileSync(path.join(outputDirectory, record.key), 'utf8');
      expect(createHash('sha256').update(written).digest('hex'), record.key).toBe(record.result.outputSha256);
    }

    const again = await runDriver();
    expect(JSON.parse(/^stats (.*)$/m.exec(again.stdout)?.[1] ?? 'null')).toMatchObject({ computed: 0, appended: 0, skipped: INPUT_COUNT });
  });
});
