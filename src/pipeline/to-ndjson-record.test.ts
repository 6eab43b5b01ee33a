import { describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import { createMockModel } from '../providers/mock/create-mock-model.js';
import { refine } from '../refine/refine.js';
import { toNdjsonRecord } from './to-ndjson-record.js';

describe('toNdjsonRecord', () => {
  it('carries text, stop reason, calls and qualities when the refinement ran', async () => {
    const result = await refine('A short text to refine.', { model: createMockModel({ latencyMs: 0, edit: (text) => `${text}\n` }), gate: 100, maxIterations: 1 });
    const record = toNdjsonRecord({ id: 'a', index: 0, status: 'ok', result, error: null, isDuplicate: false });
    expect(record).toEqual({
      id: 'a', status: 'ok', text: result.text, stopReason: 'max-iterations', iterations: 1,
      initialQuality: result.initialMetrics.quality, finalQuality: result.finalMetrics.quality, error: null,
    });
  });

  it('has the same keys with nulls and the error JSON when there was no refinement', () => {
    const error = new MiairError('INPUT_MALFORMED', 'Line 3 is not JSON.', { details: { line: 3 } });
    const record = toNdjsonRecord({ id: null, index: 2, status: 'error', result: null, error, isDuplicate: false });
    expect(JSON.stringify(record)).toBe(
      '{"id":null,"status":"error","text":null,"stopReason":null,"iterations":0,"initialQuality":null,"finalQuality":null,"error":{"code":"INPUT_MALFORMED","message":"Line 3 is not JSON.","isRetryable":false,"details":{"line":3}}}',
    );
  });
});
