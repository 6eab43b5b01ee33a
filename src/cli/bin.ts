#!/usr/bin/env node
// Only the signal handlers come before the CLI's modules, which take ~150 ms to load: a SIGTERM in that
// time killed the process with 143 and no word, instead of the documented interruption (130).
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

const [{ run }, { createProcessIo }, { EXIT_BROKEN_PIPE }] = await Promise.all([import('./run.js'), import('./io.js'), import('./exit-codes.js')]);
const exitCode = await run(process.argv.slice(2), createProcessIo({ signal: controller.signal, onStdoutClosed }));
process.exitCode = isStdoutClosed ? EXIT_BROKEN_PIPE : exitCode;
