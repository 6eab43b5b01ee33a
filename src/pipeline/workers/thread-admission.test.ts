import { describe, expect, it } from 'vitest';
import { createThreadAdmission } from './thread-admission.js';

describe('createThreadAdmission', () => {
  it('shrinks by 10% per reading over the target, down to min and no further', () => {
    const admission = createThreadAdmission({ lagTargetMs: 30, min: 32, initial: 256, intervalMs: 20 });
    admission.observe(31, 256, 0);
    expect(admission.current).toBe(230);
    let now = 0;
    for (let step = 0; step < 100; step++) admission.observe(500, 256, (now += 20));
    expect(admission.current).toBe(32);
  });

  it('grows by 10% when within the target and the thread holds at least 80% of the limit', () => {
    const admission = createThreadAdmission({ lagTargetMs: 30, min: 32, initial: 100, intervalMs: 20 });
    admission.observe(30, 80, 0);
    expect(admission.current).toBe(110);
    admission.observe(5, 87, 20);
    expect(admission.current).toBe(110);
    admission.observe(5, 88, 40);
    expect(admission.current).toBe(121);
  });

  it('changes at most once per interval, and ignores readings without a delay', () => {
    const admission = createThreadAdmission({ lagTargetMs: 30, min: 1, initial: 100, intervalMs: 20 });
    admission.observe(100, 100, 1000);
    admission.observe(100, 100, 1019);
    expect(admission.current).toBe(90);
    admission.observe(-1, 100, 1040);
    expect(admission.current).toBe(90);
    admission.observe(100, 100, 1040);
    expect(admission.current).toBe(81);
  });

  it('a reading at the floor does not start an interval, so growth comes at the next good one', () => {
    const admission = createThreadAdmission({ lagTargetMs: 30, min: 50, initial: 50, intervalMs: 20 });
    admission.observe(100, 50, 0);
    admission.observe(1, 50, 1);
    expect(admission.current).toBe(55);
  });

  it('rejects a target or counts it cannot work with', () => {
    for (const lagTargetMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createThreadAdmission({ lagTargetMs, min: 1, initial: 1 })).toThrow(/lagTargetMs/);
    }
    expect(() => createThreadAdmission({ lagTargetMs: 30, min: 0, initial: 1 })).toThrow(/1 <= min <= initial/);
    expect(() => createThreadAdmission({ lagTargetMs: 30, min: 8, initial: 4 })).toThrow(/1 <= min <= initial/);
    expect(() => createThreadAdmission({ lagTargetMs: 30, min: 1.5, initial: 4 })).toThrow(/CONFIG_INVALID|integers/);
  });
});
