import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../config/defaults.js';
import { MiairError } from '../errors.js';
import { scoreDevdocai } from './devdocai/score-devdocai.js';
import { isProfileId, PROFILE_IDS, score } from './score.js';

const TEXT = 'The system stores documents. Users can edit documents.\n\nThe system saves versions.';

describe('score', () => {
  it('gives the devdocai numbers when the profile is devdocai', () => {
    const metrics = score(TEXT, { profile: 'devdocai' });
    expect(metrics).toEqual(scoreDevdocai(TEXT));
    expect(metrics.profile).toBe('devdocai');
  });

  it('uses the default profile when no options are given', () => {
    expect(score(TEXT).profile).toBe(DEFAULT_PROFILE);
    expect(score(TEXT, {}).profile).toBe(DEFAULT_PROFILE);
  });

  it.each([['gpt'], [''], ['DEVDOCAI']])('throws CONFIG_INVALID naming the valid profiles when the profile is %j', (profile) => {
    let thrown: unknown;
    try {
      score(TEXT, { profile: profile as never });
    } catch (error) {
      thrown = error;
    }
    expect(MiairError.isInstance(thrown)).toBe(true);
    const error = thrown as MiairError;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(`\`${profile}\``);
    for (const id of PROFILE_IDS) expect(error.message).toContain(`\`${id}\``);
  });

  it('scores a text the same with or without a byte order mark (miair profile)', () => {
    const text = '# Install\n\nRun the installer, then open the app.\n\n## Use\n\nPick a file and press Start.\n';
    expect(score(`\ufeff${text}`)).toEqual(score(text));
  });

  it('scores CRLF text as the same text with LF line breaks: a colon that ends a line is seen (miair profile)', () => {
    for (const text of ['# Setup\n\nInstall the package with npm first:\n\nThen open the settings page and save it.\n', 'Options for the tool:\nthe first one is fast.\n']) {
      const lf = score(text);
      const crlf = score(text.replaceAll('\n', '\r\n'));
      expect(crlf.quality).toBe(lf.quality);
      expect(crlf.findings.map((finding) => finding.metric)).toEqual(lf.findings.map((finding) => finding.metric));
    }
  });

  it('points findings of CRLF text at the text, never at the CR of a line break', () => {
    const text = '# Notes\n\nThe tool copies files between folders.\n\nThe tool copies files between folders.\n\n- Open the file.\n- Save the file.\n- Close it\n- Read the log.\n';
    const crlf = text.replaceAll('\n', '\r\n');
    const { findings } = score(crlf);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(crlf[finding.range.end - 1]).not.toBe('\r');
  });

  it('reads Chinese and Japanese as words of one character and sentences ending at 。！？', () => {
    const sentence = '本项目是一个用于分析文档质量的工具，它可以计算熵和可读性得分。';
    const repeated = score(`# 说明\n\n${sentence.repeat(20)}\n`);
    // 29 ideographs a sentence (the comma and the full stop are no words), 20 times, plus the heading's 2.
    expect(repeated.words).toBe(29 * 20 + 2);
    expect(repeated.findings.filter((finding) => finding.metric === 'repeated-sentence')).toHaveLength(19);
    const japanese = score('# 説明\n\nこのツールは文書の品質を測定します。読みやすさと構造を評価します！\n');
    expect(japanese.words).toBeGreaterThan(20);
  });

  it('throws CONFIG_UNKNOWN_KEY when an option is unknown', () => {
    expect(() => score('Text.', { profil: 'devdocai' } as never)).toThrow(expect.objectContaining({ code: 'CONFIG_UNKNOWN_KEY', message: 'Unknown score option `profil`. Known options: profile.' }));
  });

  it('throws INPUT_MALFORMED when the text is not a string', () => {
    expect(() => score(undefined as never)).toThrow(expect.objectContaining({ code: 'INPUT_MALFORMED' }));
    expect(() => score(null as never, { profile: 'devdocai' })).toThrow('got `null` (null)');
  });

  it('names the type when the profile is not a string', () => {
    expect(() => score(TEXT, { profile: 42 as never })).toThrow('got `42` (number)');
  });
});

describe('isProfileId', () => {
  it.each([
    ['miair', true],
    ['devdocai', true],
    ['Miair', false],
    ['', false],
    [undefined, false],
    [1, false],
  ])('tells %j is a profile: %s', (value, expected) => {
    expect(isProfileId(value)).toBe(expected);
  });

  it('lists the default profile first when reading PROFILE_IDS', () => {
    expect(PROFILE_IDS[0]).toBe(DEFAULT_PROFILE);
    expect([...PROFILE_IDS].sort()).toEqual(['devdocai', 'miair']);
  });
});

describe('scoreDocument', () => {
  it('gives the metrics of score for a parsed document, with both profiles', async () => {
    const { parseMarkdown } = await import('../document/parse-markdown.js');
    const { scoreDocument } = await import('./score.js');
    const text = '# Tool\n\nThe tool reads files. It writes them back.\n\n```sh\ntool --help\n```\n\nTODO: more.\n';
    for (const profile of ['miair', 'devdocai'] as const) expect(scoreDocument(parseMarkdown(text), { profile })).toEqual(score(text, { profile }));
    expect(() => scoreDocument(parseMarkdown(text), { profile: 'nope' as 'miair' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
