import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import { passesIbanChecksum } from './detect-ibans.js';
import { passesLuhn } from './detect-payment-cards.js';
import type { PiiKind } from './types.js';

// Each row: a text, and the values (in order) detectPii must report with their kind.
interface Row {
  text: string;
  expected: Array<[PiiKind, string]>;
}

function values(text: string): Array<[PiiKind, string]> {
  return detectPii(text).map((finding) => [finding.kind, text.slice(finding.range.start, finding.range.end)]);
}

const TABLES: Record<string, Row[]> = {
  email: [
    { text: 'Write to ada.lovelace+docs@analytical.dev today.', expected: [['email', 'ada.lovelace+docs@analytical.dev']] },
    { text: 'Author: Isaac <i@izs.me>', expected: [['email', 'i@izs.me']] },
    { text: 'mailto:team@corp.co.uk', expected: [['email', 'team@corp.co.uk']] },
    { text: 'Use john@example.com or ops@mail.example.org', expected: [] },
    { text: 'Clone git@github.com:owner/repo.git', expected: [] },
    { text: 'Icons: logo@2x.png and lib@1.2.3', expected: [] },
    { text: "const user = { email: 'a@b.com' }", expected: [] },
    { text: 'npm install @scope/package@latest', expected: [] },
    { text: 'ftp://anonymous@ftp.gnu.org and ssh://deploy@build.corp-host.dev', expected: [] },
    { text: 'see https://ada@lovelace.dev, mailto:ada@lovelace.dev', expected: [['email', 'ada@lovelace.dev']] },
    {
      text: 'x@ a.b@mail.dev,c@corp.co.uk ops.team@x.org@evil.dev',
      expected: [['email', 'a.b@mail.dev'], ['email', 'c@corp.co.uk'], ['email', 'ops.team@x.org']],
    },
  ],
  phone: [
    { text: 'Call +1 415 555 2671 now', expected: [['phone', '+1 415 555 2671']] },
    { text: 'Office: +44 20 7946 0958.', expected: [['phone', '+44 20 7946 0958']] },
    { text: 'US desk (415) 555-2671', expected: [['phone', '(415) 555-2671']] },
    { text: 'Paris 01 42 68 53 00', expected: [['phone', '01 42 68 53 00']] },
    { text: 'fictional 555-0123 and +1-555-555-0100 and +1234567890', expected: [] },
    { text: 'version 1.2.3, build 1.0.0+20130313144700, released 2024-01-15 at 12:30:45', expected: [] },
    { text: 'listen on port 8080 and 443; id 123456789012', expected: [] },
    { text: 'const numbers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];', expected: [] },
    { text: 'diff +123 -45 and +1 2.3-4', expected: [] },
  ],
  'payment-card': [
    { text: 'card 4539 1488 0343 6467 on file', expected: [['payment-card', '4539 1488 0343 6467']] },
    { text: 'card 4539-1488-0343-6467', expected: [['payment-card', '4539-1488-0343-6467']] },
    { text: 'amex 3714 496353 98431?', expected: [] },
    { text: 'amex 3782 822463 10005 is a test number', expected: [] },
    { text: 'raw 5425233430109903', expected: [['payment-card', '5425233430109903']] },
    { text: 'bad luhn 4539 1488 0343 6468', expected: [] },
    { text: 'stripe test 4242 4242 4242 4242', expected: [] },
    { text: 'unknown prefix 9999 9999 9999 9995', expected: [] },
    { text: 'mixed separators 4539 1488-0343 6467', expected: [] },
  ],
  iban: [
    { text: 'IBAN DE89 3704 0044 0532 0130 00.', expected: [['iban', 'DE89 3704 0044 0532 0130 00']] },
    { text: 'to GB82WEST12345698765432', expected: [['iban', 'GB82WEST12345698765432']] },
    { text: 'bad checksum DE89370400440532013001', expected: [] },
    { text: 'wrong length DE8937040044053201300', expected: [] },
  ],
  'us-ssn': [
    { text: 'SSN 536-22-1234', expected: [['us-ssn', '536-22-1234']] },
    { text: '000-12-3456 666-12-3456 912-12-3456 536-00-1234 536-22-0000', expected: [] },
    { text: 'voided 078-05-1120 and 123-45-6789', expected: [] },
    { text: 'date-ish 2024-01-15 and 536221234', expected: [] },
  ],
  ipv4: [
    { text: 'server 93.184.216.34 answers', expected: [['ipv4', '93.184.216.34']] },
    { text: 'private 10.0.0.1 192.168.1.1 172.16.5.4 loopback 127.0.0.1 any 0.0.0.0', expected: [] },
    { text: 'docs 192.0.2.10 198.51.100.7 203.0.113.99', expected: [] },
    { text: 'invalid 999.1.1.1 and 256.0.0.1', expected: [] },
    { text: 'versions 1.2.3.4, v10.20.30.40 and 1.2.3.4.5 and 4.3.2.1', expected: [] },
    { text: 'resolvers 8.8.8.8 and 1.1.1.1', expected: [] },
    { text: 'mask 255.255.255.0', expected: [] },
  ],
  ipv6: [
    { text: 'host 2a00:1450:4001:81c::200e up', expected: [['ipv6', '2a00:1450:4001:81c::200e']] },
    { text: 'doc 2001:db8::1 loopback ::1 link fe80::1 ula fd12:3456::1', expected: [] },
    { text: 'C++ std::vector and Ruby Foo::Bar and dead::beef and 12:30:45', expected: [] },
  ],
  'aws-access-key': [
    { text: 'AWS_ACCESS_KEY_ID=AKIAZ7QWERTYUIOPASDF', expected: [['aws-access-key', 'AKIAZ7QWERTYUIOPASDF']] },
    { text: 'temp ASIAY34FZKBOKMUTVV7A', expected: [['aws-access-key', 'ASIAY34FZKBOKMUTVV7A']] },
    { text: 'docs AKIAIOSFODNN7EXAMPLE', expected: [] },
  ],
  'private-key': [
    {
      text: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----',
      expected: [['private-key', 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK']],
    },
    { text: '-----BEGIN PRIVATE KEY-----\nMIIEv...\n-----END PRIVATE KEY-----', expected: [] },
    { text: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgO\n-----END PUBLIC KEY-----', expected: [] },
  ],
  jwt: [
    {
      text: 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLWJ5dGVz',
      expected: [['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLWJ5dGVz']],
    },
    { text: 'header without alg eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxMjMifQ.c2ln', expected: [] },
    {
      text: 'jwt.io sample eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      expected: [],
    },
  ],
  'api-token': [
    { text: 'OPENAI sk-proj-a8Fq2LmZ9xKp3RtY7vBn4WcE', expected: [['api-token', 'sk-proj-a8Fq2LmZ9xKp3RtY7vBn4WcE']] },
    {
      text: 'key sk-ant-api03-Zx81kq9Lw2Pe7Tb5Nc3Vd6Mf4Gh1Jk0LqRsTuVwXyZaB',
      expected: [['api-token', 'sk-ant-api03-Zx81kq9Lw2Pe7Tb5Nc3Vd6Mf4Gh1Jk0LqRsTuVwXyZaB']],
    },
    { text: 'gh ghp_aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5', expected: [['api-token', 'ghp_aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5']] },
    { text: 'slack xoxb-1234567890-abcDEF123ghi', expected: [['api-token', 'xoxb-1234567890-abcDEF123ghi']] },
    { text: 'google AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW', expected: [['api-token', 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW']] },
    { text: 'gitlab glpat-x7Yb2Kq9Lm4Np8Rs3Tv6', expected: [['api-token', 'glpat-x7Yb2Kq9Lm4Np8Rs3Tv6']] },
    { text: 'npm npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', expected: [['api-token', 'npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8']] },
    { text: 'placeholders sk-... sk-xxxxxxxxxxxxxxxxxxxxxxxx sk-your-api-key-goes-here YOUR_API_KEY', expected: [] },
    { text: 'prose sk-this-is-not-a-real-key-at-all', expected: [] },
    { text: 'words task-abcdefghij1234567890klmnop', expected: [] },
  ],
  'assigned-secret': [
    { text: 'api_key = "a8Fq2LmZ9xKp3RtY"', expected: [['assigned-secret', 'a8Fq2LmZ9xKp3RtY']] },
    { text: '{ "token": "Zx81kq9Lw2Pe7Tb5" }', expected: [['assigned-secret', 'Zx81kq9Lw2Pe7Tb5']] },
    { text: 'export SECRET=Zx81kq9Lw2Pe7T', expected: [['assigned-secret', 'Zx81kq9Lw2Pe7T']] },
    { text: "DB_PASSWORD: 'T3st!ng-Pa55w0rd'", expected: [['assigned-secret', 'T3st!ng-Pa55w0rd']] },
    { text: 'tool login --token q9Lw2Pe7Tb5Nc3', expected: [['assigned-secret', 'q9Lw2Pe7Tb5Nc3']] },
    { text: 'password: hunter2 and token: "${TOKEN}" and api_key = YOUR_API_KEY', expected: [] },
    { text: 'token = process.env.GITHUB_TOKEN; secret: config.auth.secret1', expected: [] },
    { text: 'max_tokens = 1024000000 and token_url = "https://a.b/c1"', expected: [] },
    { text: 'secret_key = "xxxxxxxxxxxxxxxx1"', expected: [] },
    {
      text: 'DB_PASSWORD="q9Lw2Pe7Tb5Nc3" and an.api_key :  Zx81kq9Lw2Pe7T',
      expected: [['assigned-secret', 'q9Lw2Pe7Tb5Nc3'], ['assigned-secret', 'Zx81kq9Lw2Pe7T']],
    },
  ],
  'url-password': [
    { text: 'DATABASE_URL=postgres://app:S3cr3tPw9@db.internal:5432/app', expected: [['url-password', 'S3cr3tPw9']] },
    { text: 'postgres://user:password@localhost/db and redis://:<password>@host', expected: [] },
    { text: 'amqp://guest:guest@rabbit and https://${USER}:${PASS}@host', expected: [] },
    { text: 'ftp://anonymous:anonymous@ftp.gnu.org/gnu and ftp://ftp:Anonymous@mirror.example-host.org', expected: [] },
    { text: 'ftp://mirror:document@ftp.example-mirror.org/pub', expected: [['url-password', 'document']] },
    {
      text: 'see https://a:b@ then db://app:Zx81kq9L@db.internal and redis://u:S3cr3tPw9@cache',
      expected: [['url-password', 'Zx81kq9L'], ['url-password', 'S3cr3tPw9']],
    },
  ],
};

describe('detectPii', () => {
  for (const [kind, rows] of Object.entries(TABLES)) {
    for (const row of rows) {
      it(`reports ${JSON.stringify(row.expected.map(([, value]) => value))} as ${kind} when the text is ${JSON.stringify(row.text.slice(0, 60))}`, () => {
        expect(values(row.text)).toEqual(row.expected);
      });
    }
  }

  it('reports nothing when personal data sits in a tldr template placeholder', () => {
    expect(values('`gyb --email {{email@gmail.com}} -ip {{93.184.216.34}}`')).toEqual([]);
  });

  it('still reports a secret when it sits in a template placeholder', () => {
    expect(values('{{AKIAZ7QWERTYUIOPASDF}}')).toEqual([['aws-access-key', 'AKIAZ7QWERTYUIOPASDF']]);
  });

  it('lets the most specific detector win when findings overlap', () => {
    expect(values('token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLWJ5dGVz"')).toEqual([
      ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLWJ5dGVz'],
    ]);
  });

  it('reports only the kinds asked for when kinds is given', () => {
    const text = 'ada@lovelace.dev 93.184.216.34';
    expect(detectPii(text, { kinds: ['ipv4'] }).map((finding) => finding.kind)).toEqual(['ipv4']);
  });

  it('never reports text that looks like a placeholder', () => {
    expect(values('password: "[SECRET_1]" https://u:[PASSWORD_2]@host [EMAIL_3]')).toEqual([]);
  });
});

describe('passesLuhn', () => {
  it.each([
    ['4539148803436467', true],
    ['4539148803436468', false],
    ['79927398713', true],
    ['', false],
  ])('returns %s -> %s', (digits, expected) => {
    expect(passesLuhn(digits)).toBe(expected);
  });
});

describe('passesIbanChecksum', () => {
  it.each([
    ['DE89370400440532013000', true],
    ['GB82WEST12345698765432', true],
    ['GB83WEST12345698765432', false],
  ])('returns %s -> %s', (iban, expected) => {
    expect(passesIbanChecksum(iban)).toBe(expected);
  });
});

describe('detectPii on adversarial input', () => {
  // A complexity guard, not a benchmark: the old patterns took the times in the names (a ReDoS checker, recheck, found them).
  it.each([
    ['a 200 KB dotted name before an assignment (23 s)', `${'E.'.repeat(100_000)} token=abcdef123456XYZ`],
    ['40,000 unclosed private key blocks (10 s)', '-----BEGIN RSA PRIVATE KEY-----\nabc\n'.repeat(40_000)],
    ['a 1 MB run of phone-like digit groups (9 s)', `+100${'1001.00'.repeat(80_000)}100${'100000'.repeat(80_000)}`],
  ])('scans %s in linear time', (_name, text) => {
    const start = performance.now();
    detectPii(text);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
