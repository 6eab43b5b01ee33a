import { describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import { parseMarkdown } from '../document/parse-markdown.js';
import { score, scoreDocument } from '../metrics/score.js';
import { measureText } from './measure-text.js';

const TEXTS = [
  '',
  'Plain words without markup.',
  '# Title\n\nRun `npm test` 3 times. See [docs](https://example.com/docs).\n\n```sh\nnpm test\n```\n',
  '---\ntitle: Guide\n---\n# Guide\n\nThe the tool tool reads files. The tool reads files.\n\n## Usage\n\n    indented code\n',
];

describe('measureText', () => {
  it.each(TEXTS.map((text) => [JSON.stringify(text.slice(0, 30)), text]))('scores %s like score and keeps its parse under miair', (_name, text) => {
    const measured = measureText(text, 'miair');
    expect(measured.metrics).toEqual(score(text, { profile: 'miair' }));
    expect(measured.document).toEqual(parseMarkdown(text));
  });

  it.each(TEXTS.map((text) => [JSON.stringify(text.slice(0, 30)), text]))('scores %s like score and keeps no parse under devdocai', (_name, text) => {
    const measured = measureText(text, 'devdocai');
    expect(measured.metrics).toEqual(score(text, { profile: 'devdocai' }));
    expect(measured.document).toBeNull();
  });

  it('throws INPUT_MALFORMED when the text is not a string', () => {
    let caught: unknown = null;
    try {
      measureText(42 as unknown as string, 'miair');
    } catch (error) {
      caught = error;
    }
    expect(MiairError.isInstance(caught) && caught.code).toBe('INPUT_MALFORMED');
  });
});

describe('scoreDocument, as the refine loop scores a candidate', () => {
  it.each(TEXTS.map((text) => [JSON.stringify(text.slice(0, 30)), text]))('gives the metrics of score for the parse of %s, under both profiles', (_name, text) => {
    expect(scoreDocument(parseMarkdown(text), { profile: 'miair' })).toEqual(score(text, { profile: 'miair' }));
    expect(scoreDocument(parseMarkdown(text), { profile: 'devdocai' })).toEqual(score(text, { profile: 'devdocai' }));
  });
});
