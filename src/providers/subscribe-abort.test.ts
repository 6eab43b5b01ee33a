import { describe, expect, it } from 'vitest';
import { subscribeAbort } from './subscribe-abort.js';

describe('subscribeAbort', () => {
  it('calls every subscribed listener once on abort, and not the unsubscribed ones', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    subscribeAbort(controller.signal, () => calls.push('a'));
    const unsubscribe = subscribeAbort(controller.signal, () => calls.push('b'));
    subscribeAbort(controller.signal, () => calls.push('c'));
    unsubscribe();
    controller.abort();
    controller.abort();
    expect(calls).toEqual(['a', 'c']);
  });

  it('calls a listener of an already aborted signal in a microtask, unless unsubscribed first', async () => {
    const signal = AbortSignal.abort();
    const calls: string[] = [];
    subscribeAbort(signal, () => calls.push('late'));
    subscribeAbort(signal, () => calls.push('cancelled'))();
    expect(calls).toEqual([]);
    await Promise.resolve();
    expect(calls).toEqual(['late']);
  });

  it('adds one native listener per signal however many subscribe', () => {
    const controller = new AbortController();
    let added = 0;
    const original = controller.signal.addEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<typeof original>) => {
      added++;
      original(...args);
    }) as typeof original;
    for (let index = 0; index < 100; index++) subscribeAbort(controller.signal, () => undefined)();
    expect(added).toBe(1);
  });
});
