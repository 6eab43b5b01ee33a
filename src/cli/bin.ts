#!/usr/bin/env node
import { run } from './run.js';
import { createProcessIo } from './io.js';
import { EXIT_BROKEN_PIPE } from './exit-codes.js';

const controller = new AbortController();
let interruptions = 0;
const onSignal = (): void => {
  interruptions += 1;
  // A second Ctrl-C means "now": the first one lets in-flight work finish.
  if (interruptions > 1) process.exit(130);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

let isStdoutClosed = false;
// Nobody reads the results any more: stop as on Ctrl-C (documents in flight finish, so writes stay whole), quietly.
const onStdoutClosed = (): void => {
  isStdoutClosed = true;
  // Also when output buffered at the end fails after run() returned: its tail was lost all the same.
  process.exitCode = EXIT_BROKEN_PIPE;
  controller.abort();
};

const exitCode = await run(process.argv.slice(2), createProcessIo({ signal: controller.signal, onStdoutClosed }));
process.exitCode = isStdoutClosed ? EXIT_BROKEN_PIPE : exitCode;
