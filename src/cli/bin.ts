#!/usr/bin/env node
import { run } from './run.js';
import { createProcessIo } from './io.js';

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

process.exitCode = await run(process.argv.slice(2), createProcessIo(controller.signal));
