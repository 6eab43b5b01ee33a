import { describe, expect, it } from 'vitest';
import { createMockModel } from '../providers/mock/create-mock-model.js';
import { checkPreservation } from './check-preservation.js';
import { refine } from './refine.js';

const WEAK_README = [
  '# Widget',
  '',
  'In order to use the the widget, you need to install it. Basically the widget is very very useful.',
  'In order to use the the widget, you need to install it.',
  '',
  'Run `npm install widget` to install version 2.1.0 of it. TODO: write more.',
  '',
  '## Usage',
  '',
  'The widget really just works and it is quite simple and it reads the files and it writes the files and it reports every problem it finds and it never changes anything else that is there.',
  '',
].join('\n');

describe('refine with the built-in models', () => {
  it('improves a weak document with the default local model when no model is given', async () => {
    const result = await refine(WEAK_README);
    expect(result.finalMetrics.quality).toBeGreaterThan(result.initialMetrics.quality);
    expect(result.text).not.toBe(WEAK_README);
    expect(checkPreservation(WEAK_README, result.text)).toEqual({ ok: true });
    expect(result.iterations[0]).toMatchObject({ provider: 'local', accepted: true, costUsd: 0 });
    expect(result.costUsd).toBe(0);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it('goes on after the mock model fails transiently and accepts its edit', async () => {
    const model = createMockModel({ latencyMs: 0, failureRate: 0.5, seed: 3 });
    const result = await refine(WEAK_README, { model, maxIterations: 7, maxRejections: 7 });
    const reasons = result.iterations.map((iteration) => iteration.rejectionReason);
    expect(reasons).toContain('model-error');
    expect(reasons).toContain(null);
    expect(result.finalMetrics.quality).toBeGreaterThan(result.initialMetrics.quality);
    expect(model.stats().calls).toBe(result.iterations.length);
  });

  it('aborts the mock model call in flight when the deadline passes', async () => {
    const model = createMockModel({ latencyMs: 10_000 });
    const result = await refine(WEAK_README, { model, timeoutMs: 30 });
    expect(result.stopReason).toBe('timeout');
    expect(model.stats().aborted).toBe(1);
    expect(result.text).toBe(WEAK_README);
  });
});
