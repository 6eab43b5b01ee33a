// Samples the memory and CPU of a process once per interval: this process
// through process.memoryUsage() and process.cpuUsage(), another one (a child)
// through /proc/<pid>/status and /proc/<pid>/stat (Linux).
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** Peak and current resident set of a process in bytes, from /proc/<pid>/status; null once it is gone. */
export function readProcessMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    const rssBytes = kilobytes('VmRSS');
    const peakRssBytes = kilobytes('VmHWM');
    return Number.isNaN(peakRssBytes) ? null : { rssBytes, peakRssBytes };
  } catch {
    return null;
  }
}

/** CPU time (user + system) of a process in microseconds, from /proc/<pid>/stat; null once it is gone. */
export function readProcessCpuMicroseconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND) * 1e6;
  } catch {
    return null;
  }
}

/**
 * Starts sampling `pid` (default: this process) every `intervalMs`. Each
 * sample is `{ seconds, rssBytes, cpuShare }`, `cpuShare` being the CPU time
 * since the previous sample over the wall time (1 = one core busy).
 * `stop()` takes a last sample and returns them all with the peak RSS
 * (VmHWM for another process: it also sees peaks between samples).
 */
export function sampleProcess({ pid = process.pid, intervalMs = 1000, onSample } = {}) {
  const isSelf = pid === process.pid;
  const readCpu = () => (isSelf ? (({ user, system }) => user + system)(process.cpuUsage()) : readProcessCpuMicroseconds(pid));
  const readMemory = () => (isSelf ? { rssBytes: process.memoryUsage.rss(), peakRssBytes: readProcessMemory(pid)?.peakRssBytes ?? Number.NaN } : readProcessMemory(pid));
  const startedAt = performance.now();
  let previous = { at: startedAt, cpu: readCpu() };
  const first = readMemory();
  const samples = first === null ? [] : [{ seconds: 0, rssBytes: first.rssBytes, cpuShare: 0 }];
  let peakRssBytes = first?.peakRssBytes ?? 0;
  const take = () => {
    const memory = readMemory();
    const cpu = readCpu();
    if (memory === null || cpu === null) return;
    const at = performance.now();
    const sample = { seconds: (at - startedAt) / 1000, rssBytes: memory.rssBytes, cpuShare: (cpu - previous.cpu) / 1000 / Math.max(at - previous.at, 1e-9) };
    previous = { at, cpu };
    peakRssBytes = Math.max(peakRssBytes, memory.peakRssBytes || 0, memory.rssBytes);
    samples.push(sample);
    onSample?.(sample);
  };
  const timer = setInterval(take, intervalMs);
  return {
    samples,
    /** The highest RSS seen so far, in bytes. */
    peakRssBytes: () => peakRssBytes,
    stop() {
      clearInterval(timer);
      take();
      return { samples, peakRssBytes };
    },
  };
}
