import { cpus, loadavg, totalmem } from 'node:os';

/** The machine a figure was measured on: Node version, cores, CPU model, memory, and the 1-minute load average at the start (the machine is shared). */
export function describeMachine() {
  return { node: process.version, cores: cpus().length, cpu: cpus()[0]?.model, memoryBytes: totalmem(), loadAverage: loadavg()[0] };
}
