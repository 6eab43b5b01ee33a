// Starts `miair mock-llm` in a process of its own and reads its URL from the
// first line it prints.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CLI_PATH } from './run-cli.js';

/** Starts the server with `args` (e.g. ['--latency-ms', '50', '--fail-rate', '0.05']); resolves with `{ child, url }`. Stop it with child.kill(). */
export async function startMockLlm(args) {
  const child = spawn(process.execPath, [CLI_PATH, 'mock-llm', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise((resolveLine, reject) => {
    createInterface({ input: child.stdout }).once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`mock-llm exited with ${code} before listening`)));
  });
  const url = /https?:\/\/\S+/.exec(firstLine)?.[0];
  if (url === undefined) {
    child.kill();
    throw new Error(`mock-llm printed no URL: ${firstLine}`);
  }
  // Keep reading, so a full pipe never blocks the server.
  child.stdout.resume();
  return { child, url };
}
