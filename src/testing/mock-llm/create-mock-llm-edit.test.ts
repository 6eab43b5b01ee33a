import { describe, expect, it, vi } from 'vitest';
import { defaultMockEdit } from '../../providers/mock/create-mock-model.js';
import { createMockLlmEdit, fastMockEdit, MOCK_LLM_EDIT_CACHE_ENTRIES } from './create-mock-llm-edit.js';

describe('fastMockEdit', () => {
  it.each([
    ['The the tool runs.', 'The tool runs.'],
    ['It runs   \nfast.\t', 'It runs\nfast.'],
    ['# Title\n\n\n\nText.', '# Title\n\nText.'],
    ['Run `echo echo` to to print.', 'Run `echo echo` to print.'],
    ['```sh\nrun run\n\n\n```\nthe the end', '```sh\nrun run\n\n\n```\nthe end'],
    ['That that is fine.', 'That that is fine.'],
    ['Nothing to fix here.', 'Nothing to fix here.'],
  ])('turns %j into %j', (input, expected) => {
    expect(fastMockEdit(input)).toBe(expected);
  });
});

describe('createMockLlmEdit', () => {
  it('returns the text unchanged when the preset is echo, and a given function as it is', () => {
    expect(createMockLlmEdit('echo')('The the x')).toBe('The the x');
    const edit = (text: string): string => text.toUpperCase();
    expect(createMockLlmEdit(edit)).toBe(edit);
    expect(createMockLlmEdit('fast')).toBe(fastMockEdit);
  });

  it('answers like defaultMockEdit from a bounded cache when the preset is default', () => {
    const edit = createMockLlmEdit('default');
    const text = 'We cache files in order to save time.';
    expect(edit(text)).toBe(defaultMockEdit(text));
    const getSpy = vi.spyOn(Map.prototype, 'set');
    expect(edit(text)).toBe(defaultMockEdit(text));
    expect(getSpy).not.toHaveBeenCalled();
    getSpy.mockRestore();
    for (let index = 0; index <= MOCK_LLM_EDIT_CACHE_ENTRIES; index++) edit(`Line ${index}.`);
    const setSpy = vi.spyOn(Map.prototype, 'set');
    edit(text);
    expect(setSpy).toHaveBeenCalledTimes(1);
    setSpy.mockRestore();
  });
});
