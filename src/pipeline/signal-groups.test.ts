import { describe, expect, it } from 'vitest';
import { createSignalGroups } from './signal-groups.js';

describe('createSignalGroups', () => {
  it('shares one signal per group of `size` documents', () => {
    const groups = createSignalGroups(2);
    const members = [groups.join(), groups.join(), groups.join()];
    expect(members[0]?.signal).toBe(members[1]?.signal);
    expect(members[2]?.signal).not.toBe(members[0]?.signal);
  });

  it('aborts every signal given so far and every later one, with the reason', () => {
    const groups = createSignalGroups(2);
    const early = [groups.join(), groups.join(), groups.join()];
    const reason = new Error('stop');
    groups.abort(reason);
    const late = groups.join();
    for (const member of [...early, late]) {
      expect(member.signal.aborted).toBe(true);
      expect(member.signal.reason).toBe(reason);
    }
    expect(groups.signal.aborted).toBe(true);
    expect(groups.signal.reason).toBe(reason);
  });

  it('does not abort the signals of groups whose documents all left', () => {
    const groups = createSignalGroups(2);
    const done = [groups.join(), groups.join()];
    for (const member of done) member.leave();
    const running = groups.join();
    groups.abort();
    expect(done[0]?.signal.aborted).toBe(false);
    expect(running.signal.aborted).toBe(true);
  });
});
