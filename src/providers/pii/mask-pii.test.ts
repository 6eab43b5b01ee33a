import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPii, type PlaceholderTable } from './mask-pii.js';
import { PLACEHOLDER_PATTERN } from './placeholder-pattern.js';
import { restorePii } from './restore-pii.js';

const EMAIL = 'ada@lovelace.dev';
const KEY = 'AKIAZ7QWERTYUIOPASDF';

// Pieces that fast-check strings are built from: PII, placeholder look-alikes,
// marker-like text and plain words, so collisions are actually tried.
const PIECES = [
  EMAIL,
  'grace@hopper.dev',
  KEY,
  '93.184.216.34',
  '+1 415 555 2671',
  'postgres://app:S3cr3tPw9@db:5432/x',
  'ftp://mirror:document@ftp.example-mirror.org',
  'documentation',
  'Document',
  'api_key = "a8Fq2LmZ9xKp3RtY"',
  '[EMAIL_1]',
  '[EMAIL_2]',
  '[SECRET_1]',
  '[IP_',
  ']',
  '<<<MIAIR-DOCUMENT-END 0123>>>',
  ' ',
  '\n',
  'word',
  '@',
  '.',
  '1',
];
const documentText = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 24 }).map((parts) => parts.join(''));

describe('maskPii', () => {
  it('gives the same placeholder to the same value when it occurs twice', () => {
    const result = maskPii(`Mail ${EMAIL}, again ${EMAIL}, or grace@hopper.dev. Key ${KEY}.`);
    expect(result.text).toBe('Mail [EMAIL_1], again [EMAIL_1], or [EMAIL_2]. Key [SECRET_1].');
    expect([...result.placeholders]).toEqual([
      ['[EMAIL_1]', { value: EMAIL, kind: 'email' }],
      ['[EMAIL_2]', { value: 'grace@hopper.dev', kind: 'email' }],
      ['[SECRET_1]', { value: KEY, kind: 'aws-access-key' }],
    ]);
    expect(result.findings.map((finding) => finding.kind)).toEqual(['email', 'email', 'email', 'aws-access-key']);
  });

  it('skips placeholders that the text already contains when it allocates one', () => {
    const result = maskPii(`Literal [EMAIL_1] and [EMAIL_2], real ${EMAIL}`);
    expect(result.text).toBe('Literal [EMAIL_1] and [EMAIL_2], real [EMAIL_3]');
    expect(restorePii(result.text, result.placeholders)).toBe(`Literal [EMAIL_1] and [EMAIL_2], real ${EMAIL}`);
  });

  it('skips placeholders that the reserved text contains when it allocates one', () => {
    expect(maskPii(EMAIL, { reservedText: 'quoted [EMAIL_1]' }).text).toBe('[EMAIL_2]');
  });

  it('reuses a shared table and masks known values where no detector sees them', () => {
    const placeholders: PlaceholderTable = new Map();
    maskPii('token = "a8Fq2LmZ9xKp3RtY"', { placeholders });
    // Even inside a longer token: a known secret is never sent.
    const second = maskPii('The value a8Fq2LmZ9xKp3RtY was quoted; a8Fq2LmZ9xKp3RtYZ is another word.', { placeholders });
    expect(second.text).toBe('The value [SECRET_1] was quoted; [SECRET_1]Z is another word.');
  });

  it('masks a known value with a placeholder of its own when a later text writes it in another letter case', () => {
    const placeholders: PlaceholderTable = new Map();
    maskPii(`Key ${KEY}`, { placeholders });
    const quote = `"${KEY.toLowerCase()}" is written twice: delete one.`;
    const second = maskPii(quote, { placeholders });
    expect(second.text).toBe('"[SECRET_2]" is written twice: delete one.');
    expect(restorePii(second.text, placeholders)).toBe(quote);
  });

  it('masks a letters-only value as a whole word in any case but not inside a longer word', () => {
    const text = 'Mirror ftp://mirror:document@ftp.example-mirror.org/pub. Read the documentation, or Document it.';
    const masked = maskPii(text);
    expect(masked.text).toBe('Mirror ftp://mirror:[PASSWORD_1]@ftp.example-mirror.org/pub. Read the documentation, or [PASSWORD_2] it.');
    expect(restorePii(masked.text, masked.placeholders)).toBe(text);
  });

  it('masks the pieces of a known value when knownValues is fragments and a quote cuts the value', () => {
    const placeholders: PlaceholderTable = new Map();
    maskPii(`The access key is ${KEY} for staging.`, { placeholders });
    const quotes = `1. "The access key is ${KEY.slice(0, 10)}…" 2. "…${KEY.slice(10).toLowerCase()} for staging."`;
    const masked = maskPii(quotes, { placeholders, knownValues: 'fragments' });
    expect(masked.text).toBe('1. "The access key is [SECRET_2]…" 2. "…[SECRET_3] for staging."');
    expect(restorePii(masked.text, placeholders)).toBe(quotes);
  });

  it('leaves a cut quote of a known value when knownValues is occurrences', () => {
    const placeholders: PlaceholderTable = new Map();
    maskPii(`Key ${KEY}`, { placeholders });
    expect(maskPii(`"${KEY.slice(0, 10)}…"`, { placeholders }).text).toBe(`"${KEY.slice(0, 10)}…"`);
  });

  it('masks only what the detectors find when knownValues is none', () => {
    const placeholders: PlaceholderTable = new Map();
    maskPii('ftp://mirror:document@ftp.example-mirror.org/pub', { placeholders });
    expect(maskPii('Revise the document, mail ada@lovelace.dev.', { placeholders, knownValues: 'none' }).text).toBe('Revise the document, mail [EMAIL_1].');
    expect(maskPii('Revise the document.', { placeholders }).text).toBe('Revise the [PASSWORD_1].');
  });

  it('masks only the kinds asked for when kinds is given', () => {
    expect(maskPii(`${EMAIL} ${KEY}`, { kinds: ['aws-access-key'] }).text).toBe(`${EMAIL} [SECRET_1]`);
  });

  it('returns the text unchanged when there is nothing to mask', () => {
    const result = maskPii('Version 1.2.3 on 192.168.1.1, see john@example.com.');
    expect(result).toEqual({ text: 'Version 1.2.3 on 192.168.1.1, see john@example.com.', placeholders: new Map(), findings: [] });
  });

  it('restores the original for any text', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const masked = maskPii(text);
        expect(restorePii(masked.text, masked.placeholders)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('never allocates a placeholder that occurs in the original text', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        for (const placeholder of maskPii(text).placeholders.keys()) expect(text.includes(placeholder)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ['+1 415 555 2671+1 415 555 2671api_key = "a8Fq2LmZ9xKp3RtY"', '[PHONE_1][PHONE_1]api_key = "[SECRET_1]"'],
    ['+1 415 555 2671.AKIAZ7QWERTYUIOPASDF', '[PHONE_1].[SECRET_1]'],
  ])('masks a value its glued neighbour hid from the detectors: %s', (text, expected) => {
    const masked = maskPii(text);
    expect(masked.text.replace(/\[([A-Z_]+?)_\d+\]/g, (_, label: string) => `[${label}_1]`)).toBe(expected.replace(/\[([A-Z_]+?)_\d+\]/g, (_, label: string) => `[${label}_1]`));
    // Every finding's range still points at its value in the original text.
    for (const finding of masked.findings) {
      const value = text.slice(finding.range.start, finding.range.end);
      expect([...masked.placeholders.values()].some((entry) => entry.value === value)).toBe(true);
    }
    expect(restorePii(masked.text, masked.placeholders)).toBe(text);
  });

  it('leaves its own output unchanged when it masks it again', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const once = maskPii(text);
        const twice = maskPii(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.placeholders.size).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('leaves no detected value in the masked text in any case, but for a letters-only value inside a longer word', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const masked = maskPii(text);
        const folded = masked.text.toLowerCase();
        for (const { value } of masked.placeholders.values()) {
          const needle = value.toLowerCase();
          for (let start = folded.indexOf(needle); start !== -1; start = folded.indexOf(needle, start + 1)) {
            const isInsideWord = /[\p{L}\p{N}_]/u.test(masked.text.charAt(start - 1)) || /[\p{L}\p{N}_]/u.test(masked.text.charAt(start + needle.length));
            expect(/^\p{L}+$/u.test(value) && isInsideWord).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('restorePii', () => {
  it('leaves placeholder-looking text that is not in the table', () => {
    const placeholders: PlaceholderTable = new Map([['[EMAIL_2]', { value: EMAIL, kind: 'email' }]]);
    expect(restorePii('[EMAIL_1] [EMAIL_2] [EMAIL_2]', placeholders)).toBe(`[EMAIL_1] ${EMAIL} ${EMAIL}`);
  });

  it('matches only the exact placeholder format', () => {
    expect('[EMAIL_1] [email_1] [EMAIL_01] [EMAIL_1 ]'.match(PLACEHOLDER_PATTERN)).toEqual(['[EMAIL_1]']);
  });
});
