// Runs the built `miair` binary in a child process and collects its output.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProcessMemory } from './sample-process.js';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The compiled CLI. */
export const CLI_PATH = join(repository, 'dist/cli/bin.js');
const MEMORY_SAMPLE_INTERVAL_MS = 100;

/**
 * Runs `node dist/cli/bin.js ...args`. `stdin`, when given, is piped in (a
 * readable stream). `onStdoutLine` receives each line of stdout (else it is
 * kept whole in `stdout`). Resolves with `{ exitCode, stdout, stderr,
 * seconds, peakRssBytes, rssSamples }`; the peak RSS (VmHWM) is read from
 * /proc every 100 ms while the child runs, so a peak in its last 100 ms can
 * be missed; `rssSamples` holds `{ seconds, rssBytes }` once a second.
 */
export function runCli(args, { stdin, onStdoutLine, env = process.env, cwd = repository } = {}) {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd, env, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  const started = performance.now();
  let peakRssBytes = 0;
  const rssSamples = [];
  const readPeak = () => {
    const memory = readProcessMemory(child.pid);
    if (memory === null) return;
    peakRssBytes = Math.max(peakRssBytes, memory.peakRssBytes);
    const seconds = (performance.now() - started) / 1000;
    if (rssSamples.length === 0 || seconds - rssSamples.at(-1).seconds >= 1) rssSamples.push({ seconds, rssBytes: memory.rssBytes });
  };
  const timer = setInterval(readPeak, MEMORY_SAMPLE_INTERVAL_MS);
  if (stdin !== undefined) {
    stdin.pipe(child.stdin);
    // The CLI may stop reading early (an error); a broken pipe is then expected.
    child.stdin.on('error', () => {});
  }
  let stdout = '';
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    if (onStdoutLine === undefined) {
      stdout += chunk;
      return;
    }
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) if (line !== '') onStdoutLine(line);
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolveRun, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => {
      clearInterval(timer);
      if (partial !== '') onStdoutLine?.(partial);
      resolveRun({ exitCode, stdout, stderr, seconds: (performance.now() - started) / 1000, peakRssBytes, rssSamples });
    });
    // Read VmHWM as late as possible: when stdout ends the child is about to exit.
    child.stdout.once('end', readPeak);
  });
}
