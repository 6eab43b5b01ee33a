import { describe, expect, it } from 'vitest';
import { parseNumberSetting } from './parse-number-setting.js';

describe('parseNumberSetting', () => {
  it.each([
    ['16', 16],
    [' 16 ', 16],
    ['-2', -2],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['+7', 7],
  ])('reads `%s` as %d when it is decimal', (text, expected) => {
    expect(parseNumberSetting(text)).toBe(expected);
  });

  it.each(['0x10', '0b11', '0o17', 'Infinity', '-Infinity', 'NaN', '1e400', '', ' ', '1_000', '12px', '1,5'])('keeps `%s` as text when it is not a finite decimal number', (text) => {
    expect(parseNumberSetting(text)).toBe(text);
  });
});
