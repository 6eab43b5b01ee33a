import { describe, expect, it } from 'vitest';
import { cleanModelOutput, isChattyPreamble } from './clean-model-output.js';

const ORIGINAL = '# Title\n\nSome words here.\n';

describe('cleanModelOutput', () => {
  it.each([
    ['returns the answer as it is when it is clean', '# Title\n\nSome better words.\n', '# Title\n\nSome better words.\n'],
    ['restores the trailing line break when the model trimmed it', '# Title\n\nSome better words.', '# Title\n\nSome better words.\n'],
    ['strips a preamble line when the original does not start with it', 'Here is the improved document:\n\n# Title\n\nBetter.', '# Title\n\nBetter.\n'],
    ['strips a fence wrapper when the original does not start with a fence', '```markdown\n# Title\n\nBetter.\n```', '# Title\n\nBetter.\n'],
    ['strips a tilde fence wrapper', '~~~\n# Title\n\nBetter.\n~~~\n', '# Title\n\nBetter.\n'],
    ['strips a preamble and then a fence wrapper', 'Sure! Here is the revised document:\n```md\n# Title\n\nBetter.\n```\n', '# Title\n\nBetter.\n'],
    ['converts CRLF to LF when the original has no CR', '# Title\r\n\r\nBetter.\r\n', '# Title\n\nBetter.\n'],
    ['keeps a fence whose closing does not match the opening', '```\n# Title\n\nBetter.\n~~~', '```\n# Title\n\nBetter.\n~~~\n'],
  ])('%s', (_name, answer, expected) => {
    expect(cleanModelOutput(answer, ORIGINAL)).toBe(expected);
  });

  it('keeps a leading fence when the original starts with one', () => {
    const original = '```js\nlet a = 1;\n```\n';
    expect(cleanModelOutput('```js\nlet a = 1;\n```', original)).toBe(original);
  });

  it('keeps a first line the original starts with, even when it reads like a preamble', () => {
    const original = 'Here is the document:\n\nText.\n';
    expect(cleanModelOutput('Here is the document:\n\nMore text.\n', original)).toBe('Here is the document:\n\nMore text.\n');
  });

  it('treats Unicode white space as \\s and trim do: trailing space restored, blank lines skipped', () => {
    expect(cleanModelOutput('# Title\n\nBetter.\u00a0\u2028 ', '# Title\n\nWords.\u3000\n')).toBe('# Title\n\nBetter.\u3000\n');
    expect(cleanModelOutput('\u3000\u00a0\nHere is the improved document:\n \t\n\n# Title\n\nBetter.', ORIGINAL)).toBe('# Title\n\nBetter.\n');
    expect(cleanModelOutput('Here is the improved document:', ORIGINAL)).toBe('\n');
    expect(cleanModelOutput(' \n\t\n', '')).toBe('');
  });

  it('keeps CRLF when the original has CR', () => {
    expect(cleanModelOutput('a\r\nb', 'x\r\ny\r\n')).toBe('a\r\nb\r\n');
  });

  it('restores the byte order mark of the original when the answer lost it, and adds none otherwise', () => {
    expect(cleanModelOutput('# Title\n\nBetter.\n', `\ufeff${ORIGINAL}`)).toBe('\ufeff# Title\n\nBetter.\n');
    expect(cleanModelOutput('\ufeff# Title\n\nBetter.\n', `\ufeff${ORIGINAL}`)).toBe('\ufeff# Title\n\nBetter.\n');
    expect(cleanModelOutput('# Title\n\nBetter.\n', ORIGINAL)).toBe('# Title\n\nBetter.\n');
  });
});

describe('isChattyPreamble', () => {
  it.each([
    ['Here is the improved document:', true],
    ["Here's the revised version.", true],
    ['Sure, here is the text:', true],
    ['I have revised the README:', true],
    ['Here is how to install the tool', false],
    ['Install the tool:', false],
    ['', false],
    [`Here is the document: ${'x'.repeat(200)}`, false],
  ])('tells %j -> %s', (line, expected) => {
    expect(isChattyPreamble(line)).toBe(expected);
  });
});
